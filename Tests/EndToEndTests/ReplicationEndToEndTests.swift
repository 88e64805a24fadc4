import CanvassTestSupport
import Foundation
import XCTest

/// Merging and importing by revision histories, through the binary, as teams do it.
final class ReplicationEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    static let schema = """
        questionnaire: visit
        version: '1'
        sections:
          - name: s
            questions:
              - {name: firm, type: text, label: Firm}
              - {name: staff, type: integer, label: Staff}
              - {name: note, type: text, label: Note}
        """

    func laptop(_ name: String, respondent: String, answers: [String]) throws -> String {
        let schema = try h.write("visit.yaml", Self.schema)
        let db = h.path(name)
        let r = try h.run(
            ["interview", "new", schema, "--respondent", respondent, "--interviewer", name, "--db", db],
            input: answers.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        return db
    }

    func copy(_ from: String, _ to: String) throws -> String {
        try FileManager.default.copyItem(atPath: from, toPath: h.path(to))
        return h.path(to)
    }

    func show(_ db: String, _ id: Int = 1) throws -> String { try h.run(["interview", "show", String(id), "--db", db]).out }

    // The README's evening merge, into a file that does not exist yet.
    func test_merging_laptops_into_a_new_database_works_as_the_readme_says() throws {
        let kim = try laptop("kim.db", respondent: "A", answers: ["Alpha", "10", "", "y"])
        let lee = try laptop("lee.db", respondent: "B", answers: ["Beta", "20", "", "y"])
        let park = try laptop("park.db", respondent: "C", answers: ["Gamma", "30", "", "y"])
        let r = try h.run(["merge", kim, lee, park, "--db", h.path("study.db")])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.components(separatedBy: ": 1 added").count - 1, 3, r.out)
        XCTAssertEqual(try h.run(["db", "check", "--db", h.path("study.db")]).status, 0)
        XCTAssertTrue(try h.run(["interview", "list", "--db", h.path("study.db")]).out.contains("\n3 interviews"))
        // an empty file is an evening too
        XCTAssertTrue(FileManager.default.createFile(atPath: h.path("empty.db"), contents: Data()))
        XCTAssertEqual(try h.run(["merge", kim, "--db", h.path("empty.db")]).status, 0)
    }

    // Two laptops handed copies of one prepared database: the newer answer wins, in any order, every time.
    func test_merging_copies_never_reverts_a_newer_answer() throws {
        let a = try laptop("a.db", respondent: "A", answers: ["Alpha", "10", ":quit"])
        let b = try copy(a, "b.db")
        // interview 1 goes on on laptop a only
        let resumed = try h.run(["interview", "resume", "1", "--db", a], input: "old note\ny\n")
        XCTAssertEqual(resumed.status, 0, resumed.err)
        for (order, name) in [([a, b], "ab.db"), ([b, a], "ba.db")] {
            let r = try h.run(["merge"] + order + ["--db", h.path(name)])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(try show(h.path(name)).contains("old note"), name)
            XCTAssertTrue(try show(h.path(name)).contains("completed"), name)
            // again: nothing changes, nothing flips back
            let again = try h.run(["merge"] + order + ["--db", h.path(name)])
            XCTAssertFalse(again.out.contains("updated") && !again.out.contains("0 updated"), again.out)
            XCTAssertTrue(try show(h.path(name)).contains("old note"), name)
        }
        // the stale copy merged into the newer one changes nothing; the newer into the stale copy brings it forward
        let into = try h.run(["merge", b, "--db", a])
        XCTAssertTrue(into.out.contains("0 updated") && into.out.contains("note: "), into.out)
        XCTAssertTrue(try h.run(["merge", a, "--db", b]).out.contains("1 updated"))
        XCTAssertTrue(try show(b).contains("old note"))
        // a copied target, and a database merged into itself, are fine
        XCTAssertEqual(try h.run(["merge", a, "--db", a]).status, 0)
        for db in [a, b, h.path("ab.db"), h.path("ba.db")] { XCTAssertEqual(try h.run(["db", "check", "--db", db]).status, 0, db) }
    }

    // Imports are in each interview's audit trail, as REDCap logs them: who ran it, from which file and line.
    func test_an_import_is_an_event_of_each_interview_it_adds_or_changes() throws {
        let a = try laptop("a.db", respondent: "A", answers: ["Alpha", "10", ":quit"])
        let file = h.path("a.jsonl")
        XCTAssertEqual(
            try h.run(["export", "jsonl", "visit", "--out", file, "--include-identifiers", "--include-open", "--db", a]).status, 0)
        let b = h.path("b.db")
        XCTAssertEqual(try h.run(["schema", "add", h.path("visit.yaml"), "--db", b]).status, 0)
        XCTAssertEqual(try h.run(["import", file, "--db", b], environment: ["USER": "analyst"]).status, 0)
        var log = try h.run(["interview", "log", "1", "--db", b]).out
        XCTAssertTrue(log.contains("analyst  import") && log.contains("added from \(file) line 1"), log)
        // the same file again changes nothing, and says nothing in the trail
        XCTAssertTrue(try h.run(["import", file, "--db", b]).out.contains("1 unchanged"))
        XCTAssertEqual(try h.run(["interview", "log", "1", "--db", b]).out.components(separatedBy: " import ").count - 1, 1)
        // the interview goes on on laptop a; its newer export updates b, and that is an event too
        XCTAssertEqual(try h.run(["interview", "resume", "1", "--db", a], input: "later\n:quit\n").status, 0)
        XCTAssertEqual(
            try h.run(["export", "jsonl", "visit", "--out", file, "--include-identifiers", "--include-open", "--db", a]).status, 0)
        XCTAssertTrue(try h.run(["import", file, "--db", b], environment: ["USER": "lee"]).out.contains("1 updated"))
        log = try h.run(["interview", "log", "1", "--db", b]).out
        XCTAssertTrue(log.contains("lee      import") && log.contains("updated from \(file) line 1"), log)
        XCTAssertEqual(try h.run(["db", "check", "--db", b]).status, 0)
    }

    // Both copies changed: both versions kept, the same one shown everywhere, and the settlement travels.
    func test_a_conflict_shows_the_same_version_everywhere_and_its_settlement_travels() throws {
        let a = try laptop("a.db", respondent: "A", answers: ["Alpha", "10", ":quit"])
        let b = try copy(a, "b.db")
        XCTAssertEqual(try h.run(["interview", "resume", "1", "--db", a], input: "from a\n:quit\n").status, 0)
        XCTAssertEqual(try h.run(["interview", "resume", "1", "--db", b], input: "from b\n:quit\n").status, 0)
        let ab = try h.run(["merge", b, "--db", a])
        XCTAssertTrue(ab.out.contains("1 conflicts"), ab.out)
        XCTAssertTrue(ab.out.contains("conflict: interview 1 note: here '"), ab.out)
        XCTAssertEqual(try h.run(["merge", a, "--db", b]).status, 0)
        let shownA = try show(a), shownB = try show(b)
        XCTAssertEqual(shownA, shownB, "the same winner on both sides")
        XCTAssertTrue(try h.run(["db", "info", "--db", a]).out.contains("1 merge conflict to settle"))
        let settled = try h.run(["merge", "resolve", "1", "--take", "note=both visited", "--reason", "called both", "--db", a])
        XCTAssertEqual(settled.status, 0, settled.err)
        XCTAssertTrue(try h.run(["merge", a, "--db", b]).out.contains("1 updated"))
        XCTAssertTrue(try show(b).contains("both visited"))
        XCTAssertFalse(try h.run(["db", "info", "--db", b]).out.contains("conflict"))
    }

    // Importing a file twice, with or without keys, changes nothing the second time.
    func test_reimporting_the_fixture_changes_nothing() throws {
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        let fixture = Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", fixture, "--db", h.db]).status, 0)
        let again = try h.run(["import", fixture, "--db", h.db])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.out.contains("Imported 0 interviews from \(fixture) into \(h.db); 60 unchanged."), again.out)
        XCTAssertTrue(try h.run(["interview", "list", "--db", h.db]).out.contains("\n60 interviews"))
        let table = try h.run(["tab", "freq", "firm_case", "sector", "--db", h.db]).out
        XCTAssertTrue(table.contains("58"), table)
        // an export imported into another database and back is a merge too
        let out = h.path("all.jsonl")
        XCTAssertEqual(
            try h.run(["export", "jsonl", "firm_case", "--include-open", "--include-identifiers", "--out", out, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.path("other.db")]).status, 0)
        XCTAssertTrue(try h.run(["import", out, "--db", h.path("other.db")]).out.contains("Imported 60 interviews"))
        XCTAssertTrue(try h.run(["merge", h.path("other.db"), "--db", h.db]).out.contains("0 added, 60 unchanged"))
    }

    // Merges and imports killed at random moments: the target as it was or complete, and a re-run converges.
    func test_merges_and_imports_killed_at_random_moments_leave_the_target_whole() throws {
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.path("source.db")]).status, 0)
        XCTAssertEqual(
            try h.run(["simulate", "firm_case", "--count", "1500", "--out", h.path("sim.jsonl"), "--db", h.path("source.db")]).status, 0)
        XCTAssertEqual(try h.run(["import", h.path("sim.jsonl"), "--db", h.path("source.db")]).status, 0)
        var rng = TestRandom(self)
        let kills = ProcessInfo.processInfo.environment["CANVASS_STRESS"] == "1" ? 300 : 50
        var before = 0, complete = 0
        for n in 0..<kills {
            let target = h.path("t\(n % 5).db")
            if n < 5 { XCTAssertEqual(try h.run(["schema", "add", schema, "--db", target]).status, 0) }
            let arguments = n % 2 == 0 ? ["merge", h.path("source.db"), "--db", target] : ["import", h.path("sim.jsonl"), "--db", target]
            let p = try Spawned(Harness.binary.path, arguments, stdout: .null, stderr: .null)
            usleep(UInt32(rng.below(1_200_000)))
            p.signal(SIGKILL)
            p.wait()
            let check = try h.run(["db", "check", "--db", target])
            XCTAssertEqual(check.status, 0, check.out + check.err)
            let list = try h.run(["interview", "list", "--db", target]).out
            if list.contains("\n0 interviews") {
                before += 1
            } else if list.contains("\n1500 interviews") {
                complete += 1
            } else {
                XCTFail("kill \(n): neither as it was nor complete: \(list.suffix(40))")
            }
        }
        // every target, merged and imported once more, holds exactly the source
        for n in 0..<5 {
            let target = h.path("t\(n).db")
            XCTAssertEqual(try h.run(["merge", h.path("source.db"), "--db", target]).status, 0)
            XCTAssertTrue(try h.run(["import", h.path("sim.jsonl"), "--db", target]).out.contains("1500 unchanged"))
            XCTAssertTrue(try h.run(["interview", "list", "--db", target]).out.contains("\n1500 interviews"))
        }
        print(
            "reliability: merges and imports killed at random moments: \(kills) (\(before) left as they were, \(complete) complete, 0 partial); re-runs converge"
        )
    }
}
