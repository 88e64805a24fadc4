import CSQLite
import CanvassCore
import Foundation

/// The one owner of a Canvass database file: opens it safely, migrates it, and offers
/// writes named for what they mean (`saveAnswer`, `completeInterview`).
public final class CanvassStore {
    let db: SQLiteConnection
    public let path: String
    let clock: () -> String

    /// Opens the database at `path`, creating it (mode 0600) when it does not exist.
    /// A file that is not a Canvass database is refused and left untouched.
    public init(path: String, create: Bool = true, clock: @escaping () -> String = Timestamp.now) throws {
        self.path = path
        self.clock = clock
        var isNew = false
        if FileManager.default.fileExists(atPath: path) {
            try DatabaseFileCheck.verify(path: path)
        } else {
            guard create else { throw StorageError("no database at \(path); start an interview or import data to create one, or pass --db") }
            try DatabaseFileCheck.createEmpty(path: path)
            isNew = true
        }
        do {
            db = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE)
        } catch let e as StorageError {
            if isNew { try? FileManager.default.removeItem(atPath: path) }
            throw e
        }
        sqlite3_busy_timeout(db.handle, 10_000)
        do {
            try verifyOwnership()     // before anything could write to the file
            try configure()
            try migrate()
        } catch let e as StorageError {
            throw StorageError(DatabaseFileCheck.explain(e, path: path), code: e.code)
        }
    }

    private func configure() throws {
        let mode = try { () throws -> String in
            let s = try db.statement("PRAGMA journal_mode=WAL")
            defer { s.reset() }
            return try s.step() ? (s.text(0) ?? "") : ""
        }()
        if mode.lowercased() != "wal" {
            throw StorageError("cannot switch \(path) to write-ahead logging (journal mode is \(mode)); is the folder writable?")
        }
        // Every committed answer must survive a power cut: fsync on each commit.
        try db.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
    }

    /// Refuses another program's database or a newer Canvass's, reading only.
    private func verifyOwnership() throws {
        let appID = try db.scalarInt("PRAGMA application_id")
        let version = try db.scalarInt("PRAGMA user_version")
        if appID != 0 && appID != Int(Migrations.applicationID) {
            throw StorageError("\(path) belongs to another program (application id \(appID)); Canvass will not change it. Pass another --db.")
        }
        if version > Migrations.all.count {
            throw StorageError("\(path) was written by a newer Canvass (schema \(version), this one knows \(Migrations.all.count)); upgrade Canvass")
        }
        if appID == 0 {
            let tables = try db.scalarInt("SELECT count(*) FROM sqlite_master")
            if tables > 0 {
                throw StorageError("\(path) is a SQLite database of another program (it has \(tables) tables and no Canvass mark); Canvass will not change it. Pass another --db.")
            }
        }
    }

    private func migrate() throws {
        let version = try db.scalarInt("PRAGMA user_version")
        guard version < Migrations.all.count else { return }
        try db.transaction {
            for (i, sql) in Migrations.all.enumerated() where i >= version {
                try db.execute(sql)
                if i == 0 {
                    try db.statement("INSERT INTO database_info (key, value) VALUES ('database_id', ?), ('created_at', ?)")
                        .run([.text(UUID().uuidString.lowercased()), .text(clock())])
                }
            }
            try db.execute("PRAGMA application_id=\(Migrations.applicationID); PRAGMA user_version=\(Migrations.all.count);")
        }
    }

    public var databaseID: String {
        get throws {
            let s = try db.statement("SELECT value FROM database_info WHERE key = 'database_id'")
            defer { s.reset() }
            return try s.step() ? (s.text(0) ?? "") : ""
        }
    }

    // MARK: Questionnaires

    /// Keeps this exact questionnaire source; returns its row. The same id and version with
    /// different content is refused: a version, once used, never changes.
    @discardableResult
    public func storeQuestionnaire(_ q: Questionnaire, source: String, format: String) throws -> StoredQuestionnaire {
        let hash = SHA256.hex(source.utf8)
        if let existing = try questionnaire(id: q.id, version: q.version) {
            guard existing.hash == hash else {
                throw StorageError("questionnaire \(q.id) version \(q.version) is already in \(path) with different content (stored \(existing.hash.prefix(12)), file \(hash.prefix(12))); give the changed file a new version: value")
            }
            return existing
        }
        let now = clock()
        try db.transaction {
            try db.statement("INSERT INTO questionnaire_version (questionnaire, version, hash, format, source, added_at) VALUES (?, ?, ?, ?, ?, ?)")
                .run([.text(q.id), .text(q.version), .text(hash), .text(format), .text(source), .text(now)])
        }
        return StoredQuestionnaire(rowID: db.lastInsertRowID, id: q.id, version: q.version, hash: hash, format: format, source: source, addedAt: now)
    }

    static let questionnaireColumns = "id, questionnaire, version, hash, format, source, added_at"

    private func readQuestionnaire(_ s: Statement) -> StoredQuestionnaire {
        StoredQuestionnaire(rowID: s.int(0), id: s.text(1) ?? "", version: s.text(2) ?? "", hash: s.text(3) ?? "",
                            format: s.text(4) ?? "yaml", source: s.text(5) ?? "", addedAt: s.text(6) ?? "")
    }

    public func questionnaire(id: String, version: String) throws -> StoredQuestionnaire? {
        let s = try db.statement("SELECT \(Self.questionnaireColumns) FROM questionnaire_version WHERE questionnaire = ? AND version = ?")
        defer { s.reset() }
        s.bind([.text(id), .text(version)])
        return try s.step() ? readQuestionnaire(s) : nil
    }

    public func questionnaire(rowID: Int) throws -> StoredQuestionnaire? {
        let s = try db.statement("SELECT \(Self.questionnaireColumns) FROM questionnaire_version WHERE id = ?")
        defer { s.reset() }
        s.bind([.int(rowID)])
        return try s.step() ? readQuestionnaire(s) : nil
    }

    /// Every stored version of a questionnaire, oldest first.
    public func questionnaireVersions(id: String) throws -> [StoredQuestionnaire] {
        let s = try db.statement("SELECT \(Self.questionnaireColumns) FROM questionnaire_version WHERE questionnaire = ? ORDER BY id")
        defer { s.reset() }
        s.bind([.text(id)])
        var out: [StoredQuestionnaire] = []
        while try s.step() { out.append(readQuestionnaire(s)) }
        return out
    }

    public func questionnaireIDs() throws -> [String] {
        let s = try db.statement("SELECT DISTINCT questionnaire FROM questionnaire_version ORDER BY questionnaire")
        defer { s.reset() }
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out
    }

    // MARK: Interviews

    /// Starts an interview and returns its number.
    public func startInterview(questionnaire: StoredQuestionnaire, respondent: String, interviewer: String, language: String?) throws -> Int {
        let now = clock()
        return try db.transaction {
            try db.statement("INSERT INTO interview (key, questionnaire_version_id, respondent, interviewer, language, status, started_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)")
                .run([.text(UUID().uuidString.lowercased()), .int(questionnaire.rowID), .text(respondent), .text(interviewer), .optional(language), .text(now), .text(now)])
            return db.lastInsertRowID
        }
    }

    /// Makes one answer durable, in its own transaction, before the next question is shown.
    public func saveAnswer(interview: Int, question: String, answer: Answer, by actor: String? = nil, seconds: Double? = nil) throws {
        try checkFileStillThere()
        let now = clock()
        let (value, special) = Self.columns(answer)
        try db.transaction {
            // the change goes into the audit trail in the same transaction
            let previous = try db.statement("SELECT value, special FROM answer WHERE interview_id = ? AND question = ?")
            previous.bind([.int(interview), .text(question)])
            let old: Answer? = try previous.step() ? Self.answer(value: previous.isNull(0) ? nil : previous.text(0), special: previous.text(1)) : nil
            previous.reset()
            if old != answer {
                try db.statement("INSERT INTO audit_event (interview_id, kind, question, old_value, new_value, actor, at) VALUES (?, 'answer', ?, ?, ?, ?, ?)")
                    .run([.int(interview), .text(question), .optional(old.map(Self.display)), .text(Self.display(answer)), .optional(actor), .text(now)])
            }
            try db.statement("INSERT OR REPLACE INTO answer (interview_id, question, value, special, answered_at, seconds) VALUES (?, ?, ?, ?, ?, ?)")
                .run([.int(interview), .text(question), .optional(value), .optional(special), .text(now),
                      seconds.map { .text(String(($0 * 1000).rounded() / 1000)) } ?? .null])
            try db.statement("UPDATE interview SET updated_at = ? WHERE id = ?").run([.text(now), .int(interview)])
            guard db.changes == 1 else { throw StorageError("interview \(interview) is no longer in \(path)") }
        }
    }

    /// Several answers changed at once (a repeat instance deleted: its answers removed, the later instances
    /// renumbered), in one transaction, each change an audit event carrying the reason.
    public func replaceAnswers(interview: Int, changes: [(question: String, answer: Answer?)], reason: String, by actor: String? = nil) throws {
        try checkFileStillThere()
        let now = clock()
        try db.transaction {
            let previous = try db.statement("SELECT value, special FROM answer WHERE interview_id = ? AND question = ?")
            for (question, answer) in changes {
                previous.reset()
                previous.bind([.int(interview), .text(question)])
                let old: Answer? = try previous.step() ? Self.answer(value: previous.isNull(0) ? nil : previous.text(0), special: previous.text(1)) : nil
                previous.reset()
                guard old != answer else { continue }
                try db.statement("INSERT INTO audit_event (interview_id, kind, question, old_value, new_value, actor, reason, at) VALUES (?, 'answer', ?, ?, ?, ?, ?, ?)")
                    .run([.int(interview), .text(question), .optional(old.map(Self.display)), .optional(answer.map(Self.display)), .optional(actor), .text(reason), .text(now)])
                if let answer {
                    let (value, special) = Self.columns(answer)
                    try db.statement("INSERT OR REPLACE INTO answer (interview_id, question, value, special, answered_at) VALUES (?, ?, ?, ?, ?)")
                        .run([.int(interview), .text(question), .optional(value), .optional(special), .text(now)])
                } else {
                    try db.statement("DELETE FROM answer WHERE interview_id = ? AND question = ?").run([.int(interview), .text(question)])
                }
            }
            try db.statement("UPDATE interview SET updated_at = ? WHERE id = ?").run([.text(now), .int(interview)])
            guard db.changes == 1 else { throw StorageError("interview \(interview) is no longer in \(path)") }
        }
    }

    public func completeInterview(_ id: Int, by actor: String? = nil) throws {
        try checkFileStillThere()
        let now = clock()
        try db.transaction {
            try db.statement("INSERT INTO audit_event (interview_id, kind, old_value, new_value, actor, at) VALUES (?, 'status', 'open', 'completed', ?, ?)")
                .run([.int(id), .optional(actor), .text(now)])
            try db.statement("UPDATE interview SET status = 'completed', completed_at = ?, updated_at = ? WHERE id = ?")
                .run([.text(now), .text(now), .int(id)])
            guard db.changes == 1 else { throw StorageError("interview \(id) is no longer in \(path)") }
        }
    }

    /// An answer written into a file that was deleted or replaced would be lost: refuse instead.
    func checkFileStillThere() throws {
        var moved: Int32 = 0
        if sqlite3_file_control(db.handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK, moved != 0 {
            throw StorageError("the database file \(path) was deleted, moved or replaced while in use; nothing more can be saved to it")
        }
    }

    /// (interview, question, seconds, answered_at) for every timed answer of a questionnaire, in interview order.
    public func forEachTiming(questionnaire: String, _ body: (Int, String, Double, String) throws -> Void) throws {
        let s = try Statement(connection: db, sql: """
            SELECT a.interview_id, a.question, a.seconds, a.answered_at FROM answer a
            WHERE a.seconds IS NOT NULL AND a.interview_id IN (SELECT i.id FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id WHERE q.questionnaire = ?)
            ORDER BY a.interview_id, a.answered_at
            """)
        s.bind([.text(questionnaire)])
        while try s.step() { try body(s.int(0), s.text(1) ?? "", Double(s.text(2) ?? "") ?? 0, s.text(3) ?? "") }
    }

    /// An answer as the audit trail and reports write it: the value, `:dk`, `:rf`, or `(left empty)`.
    public static func display(_ a: Answer) -> String {
        switch a {
        case .value(let v): return v
        case .special(let s): return ":" + s.rawValue
        case .skipped: return "(left empty)"
        }
    }

    /// Answers as table rows, in key order (the order of the table's key, so inserts append).
    public static func rows(_ answers: [String: Answer]) -> [AnswerRow] {
        answers.map { question, answer in
            let (value, special) = columns(answer)
            return AnswerRow(question: question, value: value, special: special)
        }.sorted { $0.question.utf8.lexicographicallyPrecedes($1.question.utf8) }
    }

    static func columns(_ a: Answer) -> (String?, String?) {
        switch a {
        case .value(let v): return (v, nil)
        case .special(let s): return (nil, s.rawValue)
        case .skipped: return (nil, "skip")
        }
    }

    static func answer(value: String?, special: String?) -> Answer? {
        if let value { return .value(value) }
        switch special {
        case "skip": return .skipped
        case let s?: return SpecialAnswer(rawValue: s).map(Answer.special)
        case nil: return nil
        }
    }

    static let interviewColumns = """
        i.id, i.key, i.questionnaire_version_id, q.questionnaire, q.version, i.respondent, i.interviewer, i.language,
        i.status, i.started_at, i.updated_at, i.completed_at
        """

    private func readInterview(_ s: Statement, answerCount: Int = 0) -> InterviewRecord {
        InterviewRecord(
            id: s.int(0), key: s.text(1) ?? "", questionnaireVersionRowID: s.int(2), questionnaire: s.text(3) ?? "",
            version: s.text(4) ?? "", respondent: s.text(5) ?? "", interviewer: s.text(6) ?? "", language: s.text(7),
            status: InterviewStatus(rawValue: s.text(8) ?? "") ?? .open, startedAt: s.text(9) ?? "",
            updatedAt: s.text(10) ?? "", completedAt: s.text(11), answerCount: answerCount)
    }

    public func interview(_ id: Int) throws -> InterviewRecord? {
        let s = try db.statement("SELECT \(Self.interviewColumns) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id WHERE i.id = ?")
        defer { s.reset() }
        s.bind([.int(id)])
        return try s.step() ? readInterview(s) : nil
    }

    public func interviews(questionnaire: String? = nil, status: InterviewStatus? = nil) throws -> [InterviewRecord] {
        let s = try db.statement("""
            SELECT \(Self.interviewColumns), (SELECT count(*) FROM answer a WHERE a.interview_id = i.id AND a.special IS NOT 'skip')
            FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id
            WHERE (?1 IS NULL OR q.questionnaire = ?1) AND (?2 IS NULL OR i.status = ?2) ORDER BY i.id
            """)
        defer { s.reset() }
        s.bind([.optional(questionnaire), .optional(status?.rawValue)])
        var out: [InterviewRecord] = []
        while try s.step() { out.append(readInterview(s, answerCount: s.int(12))) }
        return out
    }

    public func answers(interview: Int) throws -> [String: Answer] {
        let s = try db.statement("SELECT question, value, special FROM answer WHERE interview_id = ?")
        defer { s.reset() }
        s.bind([.int(interview)])
        var out: [String: Answer] = [:]
        while try s.step() {
            if let a = Self.answer(value: s.isNull(1) ? nil : s.text(1), special: s.text(2)) { out[s.text(0) ?? ""] = a }
        }
        return out
    }

    /// Streams the interviews of a questionnaire (all versions) in order, with their answers,
    /// holding one interview in memory at a time.
    /// With `questions`, only the answers to those questions are read (a table needs a few of them).
    public func forEachInterview(questionnaire: String, includeOpen: Bool, questions: Set<String>? = nil, withTimes: Bool = false, _ body: (InterviewData) throws -> Void) throws {
        let head = try Statement(connection: db, sql: """
            SELECT \(Self.interviewColumns) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id
            WHERE q.questionnaire = ?1 AND (?2 = 1 OR i.status = 'completed') ORDER BY i.id
            """)
        head.bind([.text(questionnaire), .int(includeOpen ? 1 : 0)])
        let rows = try Statement(connection: db, sql: """
            SELECT a.interview_id, a.question, a.value, a.special\(withTimes ? ", a.answered_at" : "") FROM answer a
            WHERE a.interview_id IN (SELECT i.id FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id
                                     WHERE q.questionnaire = ?1 AND (?2 = 1 OR i.status = 'completed'))
              AND (?3 IS NULL OR a.question IN (SELECT value FROM json_each(?3))) ORDER BY a.interview_id
            """)
        let only = questions.map { "[" + $0.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        rows.bind([.text(questionnaire), .int(includeOpen ? 1 : 0), .optional(only)])
        // one consistent snapshot for both cursors (inside a caller's transaction, that one)
        let ownTransaction = sqlite3_get_autocommit(db.handle) != 0
        if ownTransaction { try db.execute("BEGIN") }
        defer { if ownTransaction { try? db.execute("COMMIT") } }
        var pending = try rows.step()
        while try head.step() {
            let record = readInterview(head)
            var answers: [String: Answer] = [:]
            var times: [String: String] = [:]
            while pending, rows.int(0) <= record.id {
                if rows.int(0) == record.id, let a = Self.answer(value: rows.isNull(2) ? nil : rows.text(2), special: rows.text(3)) {
                    let name = rows.text(1) ?? ""
                    answers[name] = a
                    if withTimes { times[name] = rows.text(4) ?? "" }
                }
                pending = try rows.step()
            }
            try body(InterviewData(record: record, answers: answers, answeredAt: times))
        }
    }

    /// Adds interviews in one transaction: `body` inserts them through the closure it is given
    /// and returns whether to keep them; on false or on any error, nothing is kept.
    public func importInterviews(_ body: (_ insert: (InterviewData) throws -> Int) throws -> Bool) throws -> Bool {
        // Each answer's interview is the row inserted just before it, in the same transaction: the foreign key
        // holds by construction, so its lookup per answer is skipped here (it cannot be switched inside a transaction).
        try db.execute("PRAGMA foreign_keys=OFF")
        defer { try? db.execute("PRAGMA foreign_keys=ON") }
        try db.execute("BEGIN IMMEDIATE")
        do {
            let insertInterview = try db.statement("INSERT INTO interview (key, questionnaire_version_id, respondent, interviewer, language, status, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            // several rows per statement: one step for up to 32 answers instead of one each
            var inserts: [Int: Statement] = [:]
            func insertRows(_ n: Int) throws -> Statement {
                if let s = inserts[n] { return s }
                let values = Array(repeating: "(?, ?, ?, ?, ?)", count: n).joined(separator: ", ")
                let s = try Statement(connection: db, sql: "INSERT INTO answer (interview_id, question, value, special, answered_at) VALUES " + values)
                inserts[n] = s
                return s
            }
            let keep = try body { item in
                let r = item.record
                do {
                    try insertInterview.run([.text(r.key), .int(r.questionnaireVersionRowID), .text(r.respondent), .text(r.interviewer), .optional(r.language),
                                             .text(r.status.rawValue), .text(r.startedAt), .text(r.updatedAt), .optional(r.completedAt)])
                } catch let e as StorageError where e.code == 2067 /* SQLITE_CONSTRAINT_UNIQUE */ {
                    throw StorageError("an interview with key \(r.key) is already in \(path)", code: 2067)
                }
                let id = db.lastInsertRowID
                let rows = item.rows ?? Self.rows(item.answers)
                var start = 0
                while start < rows.count {
                    let n = min(32, rows.count - start)
                    let insert = try insertRows(n)
                    sqlite3_reset(insert.pointer)
                    for (j, row) in rows[start..<(start + n)].enumerated() {
                        let base = Int32(j * 5)
                        sqlite3_bind_int64(insert.pointer, base + 1, Int64(id))
                        insert.bindText(base + 2, row.question)
                        insert.bindText(base + 3, row.value)
                        insert.bindText(base + 4, row.special)
                        insert.bindText(base + 5, item.answeredAt.isEmpty ? r.updatedAt : item.answeredAt[row.question] ?? r.updatedAt)
                    }
                    _ = try insert.step()
                    sqlite3_reset(insert.pointer)
                    start += n
                }
                return id
            }
            try db.execute(keep ? "COMMIT" : "ROLLBACK")
            return keep
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    public func keyExists(_ key: String) throws -> Bool {
        let s = try db.statement("SELECT 1 FROM interview WHERE key = ?")
        defer { s.reset() }
        s.bind([.text(key)])
        return try s.step()
    }
}

/// Timestamps as ISO 8601 text with the local offset, as interviewers read them.
public enum Timestamp {
    /// Now, e.g. `2018-07-02T10:00:00+09:00` (from the C library: cheaper than a date formatter per answer).
    public static func now() -> String {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let offset = tm.tm_gmtoff / 60
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + two(Int32(abs(offset) / 60)) + ":" + two(Int32(abs(offset) % 60))
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))" + zone
    }
}
