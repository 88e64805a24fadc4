import CanvassTestSupport
import Foundation
import XCTest

/// Three laptops, three databases, overlapping firms: an evening's merge.
final class MergeEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
    let fixture = Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path

    /// Each laptop imports a slice of the fixture, keyed so that the slices overlap.
    func laptop(_ name: String, lines: ClosedRange<Int>) throws -> String {
        let db = h.path(name + ".db")
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", db]).status, 0)
        let all = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
        let slice = lines.map { n in
            all[n - 1].replacingOccurrences(of: "{\"questionnaire\"", with: "{\"key\":\"firm-\(n)\",\"questionnaire\"")
        }
        let file = try h.write(name + ".jsonl", slice.joined(separator: "\n") + "\n")
        XCTAssertEqual(try h.run(["import", file, "--db", db]).status, 0)
        return db
    }

    /// The export, rows sorted by KEY, without the local interview number.
    func canonicalExport(_ db: String) throws -> [[String]] {
        let rows = parseCSV(try h.run(["export", "csv", "firm_case", "--include-open", "--include-identifiers", "--db", db]).out)
        return [Array(rows[0].dropFirst())] + rows.dropFirst().map { Array($0.dropFirst()) }.sorted { $0[0] < $1[0] }
    }

    func copy(_ db: String, _ name: String) throws -> String {
        let p = h.path(name)
        try FileManager.default.copyItem(atPath: db, toPath: p)
        return p
    }

    func test_merging_three_laptops_in_any_order_gives_the_same_data_and_twice_changes_nothing() throws {
        let a = try laptop("a", lines: 1...25), b = try laptop("b", lines: 20...45), c = try laptop("c", lines: 40...60)
        var results: [[[String]]] = []
        for (i, order) in [[a, b, c], [c, a, b], [b, c, a]].enumerated() {
            let target = try copy(order[0], "t\(i).db")
            for other in order.dropFirst() {
                let r = try h.run(["merge", other, "--db", target])
                XCTAssertEqual(r.status, 0, r.err)
            }
            let again = try h.run(["merge", order[1], order[2], "--db", target])
            XCTAssertTrue(again.out.contains("0 added") && again.out.contains("nothing new"), again.out)
            results.append(try canonicalExport(target))
        }
        XCTAssertEqual(results[0].count, 61)  // 60 firms + header, none doubled
        XCTAssertEqual(results[0], results[1])
        XCTAssertEqual(results[0], results[2])
    }

    func test_an_interview_edited_on_two_laptops_is_a_conflict_that_resolve_settles() throws {
        let a = h.path("a.db"), b = h.path("b.db")
        let expert = Harness.root.appendingPathComponent("schemas/expert_survey.yaml").path
        XCTAssertEqual(
            try h.run(["interview", "new", expert, "--respondent", "E", "--interviewer", "kim", "--db", b], input: "Expert E\n2\n10\n")
                .status, 0)
        XCTAssertEqual(try h.run(["schema", "add", expert, "--db", a]).status, 0)
        XCTAssertTrue(try h.run(["merge", b, "--db", a]).out.contains("1 added"))
        // both laptops go on with the same interview, differently
        XCTAssertEqual(try h.run(["interview", "resume", "1", "--db", a], input: "4\n5\n3\nneutral\n1\n\nn\n").status, 0)
        XCTAssertEqual(try h.run(["interview", "resume", "1", "--db", b], input: "2\n5\n3\nneutral\n1\n\nn\n").status, 0)
        var r = try h.run(["merge", b, "--db", a, "--report", h.path("report.csv")])
        XCTAssertTrue(r.out.contains("1 conflicts"), r.out)
        XCTAssertTrue(r.out.contains("position_ai: here '4' (kim"), r.out)
        XCTAssertTrue(r.out.contains("there '2' (kim"), r.out)
        let report = parseCSV(try h.read("report.csv"))
        XCTAssertEqual(report.filter { $0[1] == "conflict" }.map { [$0[4], $0[5], $0[6]] }, [["position_ai", "4", "2"]])
        // nothing was overwritten: both versions stand; the one shown is the same on every database (the higher revision)
        let shown =
            try h.run(["export", "jsonl", "expert_survey", "--include-open", "--db", a]).out.contains("\"position_ai\":4") ? "4" : "2"
        let other = shown == "4" ? "2" : "4"
        XCTAssertTrue(try h.run(["db", "info", "--db", a]).out.contains("1 merge conflict to settle"))
        r = try h.run(["merge", "resolve", "1", "--take", "theirs", "--reason", "B read it back to the expert", "--by", "lee", "--db", a])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(
            try h.run(["export", "jsonl", "expert_survey", "--include-open", "--db", a]).out.contains("\"position_ai\":\(other)"))
        XCTAssertTrue(try h.run(["merge", b, "--db", a]).out.contains("0 conflicts"))
        XCTAssertEqual(try h.run(["db", "check", "--db", a]).status, 0)
        // the audit trail holds the resolution with its reason
        let events = try h.run(["export", "csv", "expert_survey", "--db", a])  // completes nothing; just proves the db reads
        XCTAssertEqual(events.status, 0)
        XCTAssertEqual(
            try sqlite3(
                a,
                "SELECT kind, question, old_value, new_value, actor, reason FROM audit_event WHERE kind LIKE 'merge-resolve%' ORDER BY id"
            ).out,
            "merge-resolve|position_ai|\(shown)|\(other)|lee|B read it back to the expert\nmerge-resolved|||||lee|B read it back to the expert\n"
                .replacingOccurrences(of: "|||||", with: "||||"))
    }

    func test_a_duplicate_firm_is_reported_not_merged() throws {
        let a = try laptop("a", lines: 1...3)
        let b = h.path("b.db")
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", b]).status, 0)
        // the same firm interviewed again on laptop B, its name typed in full-width letters and other spacing
        let line =
            #"{"key":"again","questionnaire":"firm_case","version":"2018.1","respondent":"x","interviewer":"park","answers":{"consent":"yes","firm_name":"ＨＡＮＢＩＴ  delivery 有限公司","nationality":"cn","sector":"o2o"}}"#
        XCTAssertEqual(try h.run(["import", try h.write("dup.jsonl", line + "\n"), "--db", b]).status, 0)
        let r = try h.run(["merge", b, "--db", a])
        XCTAssertTrue(r.out.contains("1 added") && r.out.contains("1 likely duplicates"), r.out)
        XCTAssertTrue(r.out.contains("same respondent as interviews 1, 4"), r.out)
    }

    func test_a_questionnaire_that_differs_under_the_same_version_is_refused() throws {
        let a = try laptop("a", lines: 1...2)
        let changed = try String(contentsOfFile: schema, encoding: .utf8).replacingOccurrences(of: "Firm name", with: "Company name")
        let b = h.path("b.db")
        XCTAssertEqual(try h.run(["schema", "add", try h.write("changed.yaml", changed), "--db", b]).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: a))
        let r = try h.run(["merge", b, "--db", a])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("questionnaire firm_case version 2018.1 differs: here sha256 "), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), before, "a refused merge leaves the target's bytes as they were")
        XCTAssertTrue(try h.run(["interview", "list", "--db", a]).out.contains("2 interviews"))
    }

    func test_dry_run_changes_nothing() throws {
        let a = try laptop("a", lines: 1...5), b = try laptop("b", lines: 4...9)
        let r = try h.run(["merge", b, "--dry-run", "--db", a])
        XCTAssertTrue(r.out.contains("[dry run]") && r.out.contains("4 added"), r.out)
        XCTAssertTrue(try h.run(["interview", "list", "--db", a]).out.contains("5 interviews"))
    }

    func test_a_merge_killed_midway_leaves_the_target_as_it_was() throws {
        let big = h.path("big.db")
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", big]).status, 0)
        XCTAssertEqual(try h.run(["simulate", schema, "--count", "3000", "--out", h.path("sim.jsonl")]).status, 0)
        XCTAssertEqual(try h.run(["import", h.path("sim.jsonl"), "--db", big]).status, 0)
        for round in 0..<4 {
            let a = try laptop("a\(round)", lines: 1...5)
            let p = try Spawned(Harness.binary.path, ["merge", big, "--db", a], stdout: .null, stderr: .null)
            usleep(UInt32(100_000 + round * 150_000))
            p.signal(SIGKILL)
            p.wait()
            let list = try h.run(["interview", "list", "--db", a]).out
            XCTAssertTrue(list.contains("\n5 interviews") || list.contains("\n3005 interviews"), String(list.suffix(40)))
            XCTAssertEqual(try h.run(["db", "check", "--db", a]).status, 0)
        }
    }

    func test_a_backup_taken_during_a_running_interview_opens_and_checks() throws {
        let db = try laptop("a", lines: 1...10)
        let child = try ChildProcess(
            ["interview", "new", schema, "--respondent", "live", "--interviewer", "kim", "--db", db], cwd: h.dir)
        XCTAssertTrue(child.waitForPrompts(1))
        child.send("y")
        XCTAssertTrue(child.waitForPrompts(2))
        let r = try h.run(["db", "backup", "--out", h.path("copy.db"), "--db", db])
        XCTAssertEqual(r.status, 0, r.err)
        child.send("Live Firm")
        XCTAssertTrue(child.waitForPrompts(3))
        child.kill()
        XCTAssertEqual(try h.run(["db", "check", "--db", h.path("copy.db")]).status, 0)
        XCTAssertTrue(try h.run(["interview", "list", "--db", h.path("copy.db")]).out.contains("11 interviews"))
        let mode = try FileManager.default.attributesOfItem(atPath: h.path("copy.db"))[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
        XCTAssertEqual(try h.run(["db", "backup", "--out", h.path("copy.db"), "--db", db]).status, 1)  // never overwrites
    }
}
