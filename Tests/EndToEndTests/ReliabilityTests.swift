import CanvassTestSupport
import Foundation
import XCTest

/// Crash, concurrency and fault tests on the real binary. Small counts in CI; `scripts/stress`
/// sets CANVASS_STRESS=1 for large ones. Counts are printed as "reliability: ..." lines.
final class ReliabilityTests: XCTestCase {
    static let stress = ProcessInfo.processInfo.environment["CANVASS_STRESS"] == "1"
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    static let longSchema: String = {
        var s = "questionnaire: long\nversion: '1'\nsections:\n  - name: s\n    questions:\n"
        for i in 0..<40 { s += "      - {name: q\(i), type: integer, label: Q\(i), constraint: \". >= 0\"}\n" }
        return s
    }()

    static func sqlite(_ db: String, _ sql: String) throws -> String { try sqlite3(db, sql).out }

    func test_interviews_killed_at_random_moments_lose_no_accepted_answer() throws {
        let schema = try h.write("long.yaml", Self.longSchema)
        var rng = TestRandom(self)
        let target = Self.stress ? 200 : 20
        var kills = 0, checked = 0, interviews = 0
        while kills < target {
            interviews += 1
            let respondent = "r\(interviews)"
            var id = 0
            var answered = 0
            while answered < 40 && kills < target {
                // a kill before the interview was created leaves nothing to resume: start it again
                if id == 0, FileManager.default.fileExists(atPath: h.db) {
                    id =
                        Int(
                            try Self.sqlite(h.db, "SELECT id FROM interview WHERE respondent = '\(respondent)'").trimmingCharacters(
                                in: .whitespacesAndNewlines)) ?? 0
                }
                let args =
                    id == 0
                    ? ["interview", "new", schema, "--respondent", respondent, "--interviewer", "k", "--db", h.db]
                    : ["interview", "resume", String(id), "--db", h.db]
                let child = try ChildProcess(args, cwd: h.dir)
                let stopAfter = Int.random(in: 0...6, using: &rng)
                var sent = 0
                while sent < stopAfter, answered + sent < 40 {
                    XCTAssertTrue(child.waitForPrompts(sent + 1), "prompt \(sent + 1) of interview \(id)")
                    child.send(String((answered + sent) * 7))
                    sent += 1
                }
                // half the time wait for the acceptance (the next prompt); else kill while it may be saving
                let confirmed: Int
                if Bool.random(using: &rng) {
                    _ = child.waitForPrompts(sent + 1)
                    confirmed = sent
                } else {
                    usleep(UInt32.random(in: 0...3000, using: &rng))
                    confirmed = max(0, child.prompts - 1)
                }
                child.kill()
                kills += 1
                if id == 0 {
                    id =
                        Int(
                            try Self.sqlite(h.db, "SELECT id FROM interview WHERE respondent = '\(respondent)'").trimmingCharacters(
                                in: .whitespacesAndNewlines)) ?? 0
                }
                XCTAssertTrue(id != 0 || confirmed == 0, "an interview with accepted answers is missing")
                let stored = try Self.sqlite(
                    h.db, "SELECT question, value FROM answer WHERE interview_id = \(id) ORDER BY CAST(substr(question, 2) AS INTEGER)"
                )
                .split(separator: "\n").map(String.init)
                XCTAssertGreaterThanOrEqual(stored.count, answered + confirmed, "interview \(id) lost answers")
                for (i, row) in stored.enumerated() { XCTAssertEqual(row, "q\(i)|\(i * 7)") }
                checked += answered + confirmed
                answered = stored.count
            }
            XCTAssertEqual(try Self.sqlite(h.db, "PRAGMA integrity_check"), "ok\n")
        }
        print("reliability: \(kills) kills during \(interviews) interviews; \(checked) checks of accepted answers after kills; 0 lost")
    }

    func test_a_killed_import_is_all_or_nothing() throws {
        let schemaPath = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["simulate", schemaPath, "--count", "3000", "--seed", "3", "--out", h.path("sim.jsonl")]).status, 0)
        let rounds = Self.stress ? 30 : 5
        var kills = 0
        for round in 0..<rounds {
            let db = h.path("imp\(round).db")
            XCTAssertEqual(try h.run(["schema", "add", schemaPath, "--db", db]).status, 0)
            let p = try Spawned(Harness.binary.path, ["import", h.path("sim.jsonl"), "--db", db], stdout: .null, stderr: .null)
            usleep(UInt32(50_000 + round * 60_000))
            if p.isRunning {
                p.signal(SIGKILL)
                kills += 1
            }
            p.wait()
            let count = try Self.sqlite(db, "SELECT count(*) FROM interview").trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertTrue(count == "0" || count == "3000", "partial import: \(count)")
            XCTAssertEqual(try Self.sqlite(db, "PRAGMA integrity_check"), "ok\n")
        }
        print("reliability: \(kills) kills during import; all or nothing each time")
    }

    func test_a_killed_export_leaves_no_half_file_under_the_final_name() throws {
        let schemaPath = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["simulate", schemaPath, "--count", "4000", "--seed", "4", "--out", h.path("sim.jsonl")]).status, 0)
        XCTAssertEqual(try h.run(["schema", "add", schemaPath, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", h.path("sim.jsonl"), "--db", h.db]).status, 0)
        let full = try h.run(["export", "csv", "firm_case", "--db", h.db]).out
        for round in 0..<(Self.stress ? 30 : 5) {
            let out = h.path("out\(round).csv")
            let p = try Spawned(Harness.binary.path, ["export", "csv", "firm_case", "--db", h.db, "--out", out], stdout: .null)
            usleep(UInt32(10_000 + round * 40_000))
            p.signal(SIGKILL)
            p.wait()
            if FileManager.default.fileExists(atPath: out) { XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), full) }
        }
    }

    func test_two_interviews_an_export_and_a_table_run_at_once() throws {
        let schema = try h.write("long.yaml", Self.longSchema)
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        let children = try (1...2).map { n in
            try ChildProcess(["interview", "new", schema, "--respondent", "c\(n)", "--interviewer", "k", "--db", h.db], cwd: h.dir)
        }
        let readers = DispatchGroup()
        let failures = LockedData()
        let harness: Harness = h
        let db = h.db
        let rounds = Self.stress ? 40 : 8
        for _ in 0..<2 {
            DispatchQueue.global().async(group: readers) {
                for _ in 0..<rounds {
                    for args in [
                        ["export", "csv", "long", "--include-open", "--db", db],
                        ["tab", "freq", "long", "q1", "--include-open", "--db", db],
                    ] {
                        if let r = try? harness.run(args), r.status != 0 { failures.append(Data((r.err + "\n").utf8)) }
                    }
                }
            }
        }
        for i in 0..<40 {
            for c in children {
                XCTAssertTrue(c.waitForPrompts(i + 1))
                c.send(String(i))
            }
        }
        for c in children {
            _ = c.waitForPrompts(41)
            c.send("y")
            c.child.wait()
        }
        readers.wait()
        XCTAssertEqual(String(decoding: failures.data, as: UTF8.self), "")
        XCTAssertEqual(try Self.sqlite(h.db, "SELECT count(*) FROM answer"), "80\n")
        XCTAssertEqual(try Self.sqlite(h.db, "SELECT group_concat(status) FROM interview"), "completed,completed\n")
    }

    func test_a_file_size_limit_mid_interview_is_one_clear_line_and_saved_answers_stay() throws {
        let schema = try h.write(
            "long.yaml",
            Self.longSchema.replacingOccurrences(of: "type: integer", with: "type: text").replacingOccurrences(
                of: ", constraint: \". >= 0\"", with: ""))
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        let big = String(repeating: "x", count: 60_000)
        let input = (0..<40).map { "\($0)-" + big }.joined(separator: "\n") + "\n"
        let script = try h.write("limited.sh", "ulimit -f 2000\nexec \"$@\"\n")  // 1 MB
        let p = try Spawned.run(
            "/bin/bash",
            [script, Harness.binary.path, "interview", "new", schema, "--respondent", "r", "--interviewer", "k", "--db", h.db],
            input: Data(input.utf8), stdout: .null)
        let err = p.err
        XCTAssertEqual(p.ending, .exited(1), "killed by a signal instead of reporting: \(err)")
        XCTAssertEqual(err.split(separator: "\n").count, 1, err)
        XCTAssertTrue(err.contains("could NOT be saved"), err)
        let saved = Int(try Self.sqlite(h.db, "SELECT count(*) FROM answer").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        XCTAssertGreaterThan(saved, 3)
        XCTAssertLessThan(saved, 40)
        XCTAssertEqual(try Self.sqlite(h.db, "PRAGMA integrity_check"), "ok\n")
        let r = try h.run(["interview", "resume", "1", "--db", h.db], input: "")
        XCTAssertTrue(r.out.contains("\(saved) answer\(saved == 1 ? "" : "s") so far"), r.out)
    }

    func test_a_database_deleted_under_a_running_interview_is_reported() throws {
        let schema = try h.write("long.yaml", Self.longSchema)
        let child = try ChildProcess(["interview", "new", schema, "--respondent", "r", "--interviewer", "k", "--db", h.db], cwd: h.dir)
        XCTAssertTrue(child.waitForPrompts(1))
        child.send("1")
        XCTAssertTrue(child.waitForPrompts(2))
        try FileManager.default.removeItem(atPath: h.db)
        child.send("2")
        XCTAssertEqual(child.child.wait(), .exited(1))
        XCTAssertEqual(child.prompts, 2, "a prompt after the deletion means an answer went into a deleted file")
    }

    func test_bit_flipped_databases_are_refused_or_read_but_never_changed() throws {
        let schemaPath = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["schema", "add", schemaPath, "--db", h.db]).status, 0)
        XCTAssertEqual(
            try h.run(["import", Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path, "--db", h.db]).status, 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: h.db))
        var rng = TestRandom(self)
        var refused = 0
        let rounds = Self.stress ? 300 : 30
        for round in 0..<rounds {
            var bytes = [UInt8](original)
            for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
            let path = h.path("flip\(round).db")
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            for args in [
                ["interview", "list", "--db", path], ["export", "csv", "firm_case", "--db", path],
                ["tab", "freq", "firm_case", "sector", "--db", path],
            ] {
                let r = try h.run(args)
                XCTAssertFalse(r.err.contains("Fatal error") || r.err.contains("Stack dump"), r.err)
                XCTAssertTrue(r.status == 0 || r.err.split(separator: "\n").count == 1, "\(args): \(r.err)")
                if r.status != 0 { refused += 1 }
                XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), bytes, "the damaged file was changed")
            }
        }
        print("reliability: \(rounds) bit-flipped databases, \(rounds * 3) commands, \(refused) refused with one line, none changed")
    }
}
