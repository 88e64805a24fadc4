import CSQLite
import CanvassCore
import CanvassSealing
import CanvassStorage
import Foundation

/// Measures the durable save of one answer (engine + store, synchronous=FULL) against a bare
/// SQLite insert+commit with the same settings, and prints one JSON object. Used by scripts/bench.
@main
enum Bench {
    static func main() throws {
        let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10_000 : 10_000
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // Engine + store: a questionnaire of integer questions, each answer checked and committed; then the same with
        // a study key in use and a questionnaire that opens with two identifiers and eight accounts naming the firm
        // (sealing, blind-index redaction), beside the same questionnaire without a key.
        var source = "questionnaire: bench\nversion: '1'\nsections:\n  - name: s\n    questions:\n"
        for i in 0..<200 { source += "      - {name: q\(i), type: integer, label: Q\(i), constraint: \". >= 0 and . <= 1000000\"}\n" }
        let canvass = try measure(source, count: count, in: dir, name: "canvass", key: nil)
        var named = "questionnaire: bench\nversion: '1'\nsections:\n  - name: s\n    questions:\n"
        named +=
            "      - {name: q0, type: text, label: Firm, identifier: true}\n      - {name: q1, type: text, label: Mail, identifier: true}\n"
        for i in 2..<10 { named += "      - {name: q\(i), type: long_text, label: Account \(i)}\n" }
        for i in 10..<200 { named += "      - {name: q\(i), type: integer, label: Q\(i), constraint: \". >= 0 and . <= 1000000\"}\n" }
        let clear = try measure(named, count: count, in: dir, name: "clear", key: nil)
        let sealed = try measure(named, count: count, in: dir, name: "sealed", key: StudyKey.Private.generate().publicHalf)
        // Bare SQLite: the same settings, one insert and commit per answer.
        var db: OpaquePointer?
        sqlite3_open(dir.appendingPathComponent("bare.db").path, &db)
        sqlite3_exec(
            db,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE a (interview INTEGER, question TEXT, value TEXT, at "
                + "TEXT, PRIMARY KEY (interview, question)) WITHOUT ROWID;",
            nil, nil, nil)
        var stmt: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO a VALUES (?, ?, ?, ?)", -1, &stmt, nil)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var bare: [Double] = []
        for n in 0..<count {
            let t0 = DispatchTime.now().uptimeNanoseconds
            sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil)
            sqlite3_bind_int64(stmt, 1, Int64(n / 200))
            sqlite3_bind_text(stmt, 2, "q\(n % 200)", -1, transient)
            sqlite3_bind_text(stmt, 3, String(n), -1, transient)
            sqlite3_bind_text(stmt, 4, "2018-07-02T10:00:00+09:00", -1, transient)
            sqlite3_step(stmt)
            sqlite3_reset(stmt)
            sqlite3_exec(db, "COMMIT", nil, nil, nil)
            bare.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        sqlite3_finalize(stmt)
        sqlite3_close(db)

        func pct(_ xs: [Double], _ p: Double) -> Double {
            let s = xs.sorted()
            return s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
        }
        print(
            "{\"answers\": \(count), \"canvass_p50_ms\": \(pct(canvass, 0.5)), \"canvass_p99_ms\": \(pct(canvass, 0.99)), "
                + "\"bare_p50_ms\": \(pct(bare, 0.5)), \"bare_p99_ms\": \(pct(bare, 0.99)), "
                + "\"named_clear_p50_ms\": \(pct(clear, 0.5)), \"named_clear_p99_ms\": \(pct(clear, 0.99)), "
                + "\"named_sealed_p50_ms\": \(pct(sealed, 0.5)), \"named_sealed_p99_ms\": \(pct(sealed, 0.99))}"
        )
    }

    /// Milliseconds per durable save of `count` answers, interviews of 200 answers each.
    static func measure(_ source: String, count: Int, in dir: URL, name: String, key: StudyKey.Public?) throws -> [Double] {
        let q = QuestionnaireLoader.load(text: source).questionnaire!
        let store = try CanvassStore(path: dir.appendingPathComponent(name + ".db").path)
        if let key { try store.useStudyKey(key) }
        let stored = try store.storeQuestionnaire(q, source: source, format: "yaml")
        var engine = InterviewEngine(questionnaire: q)
        var interview = try store.startInterview(questionnaire: stored, respondent: "b", interviewer: "b", language: nil)
        var times: [Double] = []
        for n in 0..<count {
            let index = n % 200
            if index == 0 && n > 0 {
                interview = try store.startInterview(questionnaire: stored, respondent: "b", interviewer: "b", language: nil)
                engine = InterviewEngine(questionnaire: q)
            }
            let question = q.questions[index]
            let typed =
                question.type == .integer
                ? String(n)
                : index == 0
                    ? "Hanbit Delivery \(n / 200) 有限公司"
                    : index == 1
                        ? "contact\(n)@example.com"
                        : "Hanbit Delivery \(n / 200) had to keep customer data on servers in China; the security review took nine months."
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard case .success(let answer) = engine.interpret(typed, at: index) else { fatalError("rejected \(typed)") }
            try store.saveAnswer(interview: interview, question: question.name, answer: answer)
            engine.record(answer, for: question.name)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return times
    }
}
