import CanvassTestSupport
import Foundation
import XCTest

/// Issue "a store that never cries wolf": each defect the adversarial review found, through the binary.
final class StoreSafetyEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    var schema: String { Harness.root.appendingPathComponent("schemas/firm_case.yaml").path }
    var fixture: String { Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// An interview killed after `answers` answers: its database has a -wal with frames not yet checkpointed.
    func killedInterview(answers: [String]) throws {
        let child = try ChildProcess(
            ["interview", "new", schema, "--respondent", "Kill Co", "--interviewer", "kim", "--db", h.db], cwd: h.dir)
        for (n, a) in answers.enumerated() {
            XCTAssertTrue(child.waitForPrompts(n + 1), child.text)
            child.send(a)
        }
        XCTAssertTrue(child.waitForPrompts(answers.count + 1))
        child.kill()
    }

    // 1. A main file shorter than its header says is healthy while its -wal holds the pages: a checkpoint killed
    // after writing page 1. Reproduced by copying the -wal's newest page 1 into the main file, as that checkpoint did.
    func test_a_database_killed_during_its_checkpoint_opens_and_checks_ok() throws {
        // the interview creates the database: every page of it is in the -wal until the first checkpoint
        try killedInterview(answers: ["y", "Kill Co"])
        let wal = try XCTUnwrap(bytes(h.db + "-wal"))
        let pageSize = Int(wal[8]) << 24 | Int(wal[9]) << 16 | Int(wal[10]) << 8 | Int(wal[11])
        var newestPageOne: Data?
        var offset = 32
        while offset + 24 + pageSize <= wal.count {
            let page = Int(wal[offset]) << 24 | Int(wal[offset + 1]) << 16 | Int(wal[offset + 2]) << 8 | Int(wal[offset + 3])
            if page == 1 { newestPageOne = wal.subdata(in: (offset + 24)..<(offset + 24 + pageSize)) }
            offset += 24 + pageSize
        }
        let pageOne = try XCTUnwrap(newestPageOne, "the -wal holds page 1")
        var main = try XCTUnwrap(bytes(h.db))
        main.replaceSubrange(0..<pageSize, with: pageOne)
        // the header now claims the pages still in the -wal: the file is "too short" until SQLite finishes the checkpoint
        let claimed = Int(main[28]) << 24 | Int(main[29]) << 16 | Int(main[30]) << 8 | Int(main[31])
        try main.write(to: URL(fileURLWithPath: h.db))
        XCTAssertGreaterThanOrEqual(claimed * pageSize, main.count)
        let check = try h.run(["db", "check", "--db", h.db])
        XCTAssertEqual(check.status, 0, check.out + check.err)
        XCTAssertFalse(check.err.contains("Restore"), check.err)
        let list = try h.run(["interview", "list", "--status", "open", "--db", h.db])
        XCTAssertTrue(list.out.contains("\n1 interview"), list.out + list.err)
        let shown = try h.run(["interview", "show", "1", "--include-identifiers", "--db", h.db])
        XCTAssertTrue(shown.out.contains("Kill Co"), shown.out)
    }

    // 1. Without a -wal, a short file was cut short: refused, with advice that loses nothing.
    func test_a_cut_short_database_is_refused_without_advice_to_restore() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", fixture, "--db", h.db]).status, 0)
        let full = try XCTUnwrap(bytes(h.db))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: h.db))
        let r = try h.run(["db", "check", "--db", h.db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("it was cut short"), r.err)
        XCTAssertTrue(r.err.contains("Keep \(h.db) and any \(h.db)-wal beside it together"), r.err)
        XCTAssertFalse(r.err.lowercased().contains("restore"), r.err)
        // empty files are never "ok"
        try Data().write(to: URL(fileURLWithPath: h.path("empty.db")))
        let empty = try h.run(["db", "check", "--db", h.path("empty.db")])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.err.contains("is empty (0 bytes): it holds no Canvass data"), empty.err)
    }

    // 2. Another program's WAL database: inspected, refused, and not one byte of it or its -wal changes.
    func test_a_foreign_wal_database_and_its_wal_are_left_byte_for_byte() throws {
        let foreign = h.path("foreign.db")
        let python = try Spawned.run(
            try Peers.tool("python3", install: "apt-get install python3"),
            [
                "-c",
                """
                import sqlite3, os
                c = sqlite3.connect('\(foreign)')
                c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')
                c.execute('CREATE TABLE customers (name TEXT)'); c.execute("INSERT INTO customers VALUES ('x')"); c.commit()
                os._exit(0)
                """,
            ])
        XCTAssertEqual(python.status, 0, python.err)
        let main = try XCTUnwrap(bytes(foreign)), wal = try XCTUnwrap(bytes(foreign + "-wal"))
        XCTAssertGreaterThan(wal.count, 0)
        for args in [["db", "info"], ["db", "check"], ["import", fixture], ["interview", "list"], ["schema", "add", schema]] {
            let r = try h.run(args + ["--db", foreign])
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            XCTAssertTrue(r.err.contains("of another program") && r.err.contains("Canvass will not change it"), r.err)
            XCTAssertEqual(bytes(foreign), main, "main file changed by \(args)")
            XCTAssertEqual(bytes(foreign + "-wal"), wal, "-wal changed by \(args)")
        }
    }

    // 3. An output never replaces the database, its -wal or any other SQLite file.
    func test_an_output_naming_a_database_is_refused() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", fixture, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.path("other.db")]).status, 0)
        let plan = Harness.root.appendingPathComponent("tabulations/concerns.yaml").path
        for args in [
            ["export", "csv", "firm_case", "--out", h.db], ["export", "jsonl", "firm_case", "--out", h.db + "-wal"],
            ["report", plan, "--out", h.db], ["simulate", "firm_case", "--out", h.db], ["merge", h.path("other.db"), "--report", h.db],
            ["export", "codebook", "firm_case", "--out", h.db],
        ] {
            let r = try h.run(args + ["--db", h.db])
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            XCTAssertTrue(r.err.contains("never writes an output over one") || r.err.contains("belongs to the database"), r.err)
            XCTAssertEqual(r.err.split(separator: "\n").filter { $0.hasPrefix("canvass: error:") }.count, 1, r.err)
        }
        XCTAssertEqual(try h.run(["db", "check", "--db", h.db]).status, 0)
        let list = try h.run(["interview", "list", "--db", h.db])
        XCTAssertTrue(list.out.contains("\n60 interviews"), list.out + list.err)
    }

    // 4. A killed backup never leaves a file under the backup's name; the next run cleans its temporary file.
    func test_a_killed_backup_leaves_nothing_under_its_name() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["simulate", "firm_case", "--count", "3000", "--out", h.path("sim.jsonl"), "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", h.path("sim.jsonl"), "--db", h.db]).status, 0)
        var rng = TestRandom(self)
        var killed = 0, complete = 0
        for n in 0..<8 {
            let out = h.path("backup-\(n).db")
            let p = try Spawned(Harness.binary.path, ["db", "backup", "--out", out, "--db", h.db], stdout: .null, stderr: .null)
            usleep(UInt32(rng.below(600_000)))
            p.signal(SIGKILL)
            p.wait()
            if FileManager.default.fileExists(atPath: out) {
                complete += 1
                let check = try h.run(["db", "check", "--db", out])
                XCTAssertEqual(check.status, 0, check.out + check.err)
                XCTAssertTrue(try h.run(["interview", "list", "--db", out]).out.contains("3000 interviews"))
            } else {
                killed += 1
                // the same name works the next time, and the dead run's temporary file is gone
                XCTAssertEqual(try h.run(["db", "backup", "--out", out, "--db", h.db]).status, 0)
                let hidden = try FileManager.default.contentsOfDirectory(atPath: h.dir.path).filter { $0.hasPrefix(".backup-\(n).db.tmp-") }
                XCTAssertEqual(hidden, [])
            }
        }
        print("reliability: backups killed at random moments: \(killed) killed before completion, \(complete) complete; 0 partial files")
    }

    // 5. Folders of outputs are replaced whole: a killed run leaves the old folder; a folder of other files is refused.
    func test_a_killed_table_run_leaves_the_old_folder_whole() throws {
        try h.loadStudy()
        let plan = Harness.root.appendingPathComponent("tabulations/concerns.yaml").path
        XCTAssertEqual(try h.run(["tab", "run", plan, "--out", h.path("tables"), "--db", h.db]).status, 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: h.path("tables")).sorted()
        let manifest = try h.read("tables/manifest.json")
        var rng = TestRandom(self)
        for _ in 0..<6 {
            let p = try Spawned(Harness.binary.path, ["tab", "run", plan, "--out", h.path("tables"), "--db", h.db], stdout: .null)
            usleep(UInt32(rng.below(150_000)))
            p.signal(SIGKILL)
            p.wait()
            let now = try FileManager.default.contentsOfDirectory(atPath: h.path("tables")).sorted()
            XCTAssertEqual(now, before)
            let index = parseCSV(try h.read("tables/index.csv"))
            for row in index.dropFirst() { XCTAssertTrue(FileManager.default.fileExists(atPath: h.path("tables/" + row.last!))) }
            // the manifest is whole: the old one, or the complete new one of a run that finished before the kill
            let now_ = try h.read("tables/manifest.json")
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(now_.utf8)), now_)
            XCTAssertEqual(now_.count, manifest.count, "same plan, same data: the same manifest but for its time")
        }
        XCTAssertEqual(try h.run(["tab", "run", plan, "--out", h.path("tables"), "--db", h.db]).status, 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.dir.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "temporary folders of killed runs are removed by the next run")
        // a folder that holds someone's files is not replaced
        try FileManager.default.createDirectory(atPath: h.path("mine"), withIntermediateDirectories: true)
        _ = try h.write("mine/thesis.docx", "mine")
        let r = try h.run(["export", "stata", "firm_case", "--out", h.path("mine"), "--db", h.db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("holds files Canvass did not write (thesis.docx)"), r.err)
        XCTAssertEqual(try h.read("mine/thesis.docx"), "mine")
        // a plan table may not take the name of the index or the manifest
        let bad = try h.write(
            "bad.yaml", "questionnaire: firm_case\nconcerns: []\ntables:\n  - {name: index, kind: freq, question: sector}\n")
        let refused = try h.run(["tab", "run", bad, "--out", h.path("t2"), "--db", h.db])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("bad.yaml:4:12: error: table 'index' would be written over index.csv"), refused.err)
    }

    // 6. An interview never fails to save because an import holds the database: it waits, says for whom, saves.
    func test_an_interview_waits_for_an_import_and_saves_every_answer() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["simulate", "firm_case", "--count", "6000", "--out", h.path("sim.jsonl"), "--db", h.db]).status, 0)
        let importer = try Spawned(Harness.binary.path, ["import", h.path("sim.jsonl"), "--db", h.db], stdout: .null)
        let answers = try String(
            contentsOfFile: Harness.root.appendingPathComponent("fixtures/firm_interview_answers.txt").path, encoding: .utf8)
        let r = try h.run(["interview", "new", schema, "--respondent", "Busy Co", "--interviewer", "kim", "--db", h.db], input: answers)
        XCTAssertEqual(importer.wait(), .exited(0), importer.errorText)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.err.contains("could NOT be saved"), r.err)
        XCTAssertTrue(r.out.contains(" 완료."), r.out)  // "Interview N completed." in the questionnaire's Korean
        XCTAssertTrue(try h.run(["interview", "list", "--db", h.db]).out.contains("6001 interviews"))
    }

    // 7. A database moved or replaced under a running interview: the next save is refused with one line, what was
    // accepted is in a rescue copy, and no -wal of ours is left beside the new file.
    func test_a_database_replaced_under_an_interview_stops_it_and_rescues_the_answers() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.path("other.db")]).status, 0)
        let child = try ChildProcess(
            ["interview", "new", schema, "--respondent", "Moved Co", "--interviewer", "kim", "--db", h.db], cwd: h.dir, stderr: true)
        XCTAssertTrue(child.waitForPrompts(1))
        child.send("y")
        XCTAssertTrue(child.waitForPrompts(2))
        child.send("Moved Co Ltd")
        XCTAssertTrue(child.waitForPrompts(3))
        XCTAssertEqual(rename(h.path("other.db"), h.db), 0)
        child.send("kim@example.com")
        child.finish()
        XCTAssertEqual(child.child.ending, .exited(1))
        XCTAssertTrue(child.text.contains("while in use; nothing more is saved to it"), child.text)
        let rescued = h.db + ".rescued-\(child.child.pid).db"
        XCTAssertTrue(child.text.contains("Every answer accepted so far is in \(rescued)"), child.text)
        let shown = try h.run(["interview", "show", "1", "--include-identifiers", "--db", rescued])
        XCTAssertTrue(shown.out.contains("Moved Co Ltd"), shown.out + shown.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.db + "-wal"), "no -wal of ours beside the new file")
        let check = try h.run(["db", "check", "--db", h.db])
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertTrue(try h.run(["interview", "list", "--db", h.db]).out.contains("0 interviews"))
    }

    // 8. A pattern that hangs backtracking engines: accepted by schema check, matched at once at the prompt.
    func test_a_catastrophic_pattern_never_hangs_an_interview() throws {
        let file = try h.write(
            "re.yaml",
            "questionnaire: re\nversion: '1'\nsections:\n  - name: s\n    questions:\n"
                + "      - {name: code, type: text, label: Code, constraint: \"regex(., '^(a+)+$')\", constraint_message: only a}\n")
        XCTAssertEqual(try h.run(["schema", "check", file]).status, 0)
        let long = String(repeating: "a", count: 30_000) + "!"
        let start = Date()
        let r = try h.run(
            ["interview", "new", file, "--respondent", "R", "--interviewer", "kim", "--db", h.db], input: long + "\naaa\ny\n")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("! only a"), String(r.out.suffix(300)))
        XCTAssertTrue(r.out.contains("Interview 1 completed."))
        let huge = try h.run(
            ["interview", "new", file, "--respondent", "R", "--interviewer", "kim", "--db", h.db],
            input: String(repeating: "a", count: 150_000) + "\n:quit\n")
        XCTAssertTrue(huge.out.contains("! an answer holds at most 100000 characters; this one has 150000"), String(huge.out.suffix(300)))
    }

    // 9. Standard output that cannot be written: one line and exit 1, no crash.
    func test_an_unwritable_standard_output_gives_one_line_not_a_crash() throws {
        try h.loadStudy()
        for args in [
            ["tab", "freq", "firm_case", "sector"], ["interview", "list"], ["db", "info"], ["interview", "show", "1"],
            ["export", "csv", "firm_case"],
        ] {
            for target in ["/dev/full", "closed"] {
                let p = try Spawned.run(
                    Harness.binary.path, args + ["--db", h.db], stdout: target == "closed" ? .brokenPipe : .file(target), timeout: 60)
                let message = p.err
                XCTAssertEqual(p.ending, .exited(1), "\(args) > \(target): \(message)")
                XCTAssertEqual(message.split(separator: "\n").count, 1, message)
                XCTAssertTrue(message.hasPrefix("canvass: error: cannot write"), message)
            }
        }
    }

    // 10. Control characters: refused where they are typed, escaped wherever they are shown.
    func test_control_characters_never_reach_the_terminal_raw() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        let osc = "\u{1B}]52;c;ZWNobyBoaQ==\u{07}"
        let typed = try h.run(["interview", "new", schema, "--respondent", "R", "--interviewer", "kim" + osc, "--db", h.db])
        XCTAssertNotEqual(typed.status, 0)
        XCTAssertTrue(typed.err.contains("--interviewer contains control characters"), typed.err)
        let line = #"{"questionnaire":"firm_case","version":"2018.1","interviewer":"kim\u001b[2J","answers":{"consent":"no"}}"#
        let imported = try h.run(["import", try h.write("x.jsonl", line + "\n"), "--db", h.db])
        XCTAssertEqual(imported.status, 1)
        XCTAssertTrue(imported.err.contains("\"interviewer\" contains control characters"), imported.err)
        let label = try h.write(
            "l.yaml",
            "questionnaire: l\nversion: '1'\nsections:\n  - name: s\n    questions:\n      - {name: a, type: text, label: \"A\\e[2J\"}\n")
        let checked = try h.run(["schema", "check", label])
        XCTAssertEqual(checked.status, 1)
        XCTAssertTrue(checked.err.contains("contains control characters"), checked.err)
        // a note typed at the prompt with an escape is refused; whatever reaches the screen has no raw ESC but colours
        let r = try h.run(
            ["interview", "new", schema, "--respondent", "R", "--interviewer", "kim", "--db", h.db],
            input: ":note hi\u{1B}]0;x\u{07}\n:quit\n")
        XCTAssertTrue(r.out.contains("! 메모에 제어 문자가 있습니다"), r.out)
        for out in [r.out, r.err, try h.run(["interview", "log", "1", "--db", h.db]).out] {
            XCTAssertFalse(out.contains("\u{1B}]") || out.contains("\u{07}"), out)
        }
    }

    // 11. Sentences instead of SQLite's words: a BOM, another program's user_version, a folder.
    func test_everyday_mistakes_get_sentences() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        let line = #"{"questionnaire":"firm_case","version":"2018.1","interviewer":"kim","answers":{"consent":"no"}}"#
        let bom = try h.run(["import", try h.write("bom.jsonl", "\u{FEFF}" + line + "\n"), "--db", h.db])
        XCTAssertEqual(bom.status, 0, bom.err)
        let other = h.path("uv.db")
        XCTAssertEqual(try sqlite3(other, "PRAGMA user_version=7").status, 0)
        let r = try h.run(["db", "info", "--db", other])
        XCTAssertTrue(r.err.contains("of another program (no Canvass mark, user_version 7)"), r.err)
        XCTAssertFalse(r.err.contains("newer Canvass"), r.err)
        let folder = try h.run(["db", "info", "--db", h.dir.path])
        XCTAssertTrue(folder.err.contains("is a folder, not a database file"), folder.err)
    }

    static let stress = ProcessInfo.processInfo.environment["CANVASS_STRESS"] == "1"
    static let shortSchema = """
        questionnaire: short
        version: '1'
        sections:
          - name: s
            questions:
              - {name: a, type: integer, label: A}
              - {name: b, type: text, label: B}
              - {name: c, type: integer, label: C}
        """

    // scripts/stress: 1,000 kills around the checkpoint at close, and every database opens afterwards.
    func test_kills_at_close_never_get_a_healthy_database_refused() throws {
        let schema = try h.write("short.yaml", Self.shortSchema)
        var rng = TestRandom(self)
        let kills = Self.stress ? 1000 : 25
        var refused = 0, completed = 0
        for n in 0..<kills {
            let child = try ChildProcess(
                ["interview", "new", schema, "--respondent", "r\(n)", "--interviewer", "k", "--db", h.db], cwd: h.dir)
            for (i, a) in ["\(n)", "x", "1"].enumerated() {
                XCTAssertTrue(child.waitForPrompts(i + 1))
                child.send(a)
            }
            let deadline = Date().addingTimeInterval(10)
            while !child.text.contains("Complete this interview?"), Date() < deadline { usleep(200) }
            child.send("y")
            usleep(UInt32(rng.below(4000)))
            child.kill()
            if child.text.contains("completed.") { completed += 1 }
            let r = try h.run(["interview", "list", "--db", h.db])
            if r.status != 0 {
                refused += 1
                XCTFail("refused after kill \(n): \(r.err)")
            }
        }
        XCTAssertEqual(try h.run(["db", "check", "--db", h.db]).status, 0)
        print("reliability: kills at close: \(kills) (\(completed) after the completion was reported), false refusals: \(refused)")
    }

    // scripts/stress: two interviews type an answer every 100 ms while an import and a merge run: no save fails.
    func test_interviews_save_every_answer_while_imports_and_merges_run() throws {
        let rounds = Self.stress ? 250 : 30
        var yaml = "questionnaire: typing\nversion: '1'\nsections:\n  - name: s\n    questions:\n"
        // one question more than the rounds: every answer is followed by a prompt
        for i in 0...rounds { yaml += "      - {name: q\(i), type: integer, label: Q\(i)}\n" }
        let schema = try h.write("typing.yaml", yaml)
        let firm = self.schema
        XCTAssertEqual(try h.run(["schema", "add", firm, "--db", h.db]).status, 0)
        let size = Self.stress ? 100_000 : 4000
        XCTAssertEqual(try h.run(["simulate", "firm_case", "--count", String(size), "--out", h.path("sim.jsonl"), "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["schema", "add", firm, "--db", h.path("peer.db")]).status, 0)
        XCTAssertEqual(
            try h.run(["simulate", "firm_case", "--count", String(size / 4), "--seed", "9", "--out", h.path("peer.jsonl"), "--db", h.db])
                .status, 0)
        XCTAssertEqual(try h.run(["import", h.path("peer.jsonl"), "--db", h.path("peer.db")]).status, 0)
        var children: [ChildProcess] = []
        for n in 0..<2 {
            let c = try ChildProcess(
                ["interview", "new", schema, "--respondent", "i\(n)", "--interviewer", "k", "--db", h.db], cwd: h.dir, stderr: true)
            XCTAssertTrue(c.waitForPrompts(1))
            children.append(c)
        }
        // the import, then the merge, in a thread of their own
        let harness: Harness = h
        let db = h.db, sim = h.path("sim.jsonl"), peer = h.path("peer.db")
        let bulkFailures = LockedData(), bulkDone = LockedData()
        Thread {
            for args in [["import", sim, "--db", db], ["merge", peer, "--db", db]] {
                let start = Date()
                if let r = try? harness.run(args), r.status != 0 { bulkFailures.append(Data(r.err.utf8)) }
                print("reliability: \(args[0]) took \(Int(Date().timeIntervalSince(start) * 1000)) ms beside the interviews")
            }
            bulkDone.set(Data())
        }.start()
        var latencies: [Double] = []
        for i in 0..<rounds {
            for c in children {
                let start = Date()
                c.send(String(i))
                // a save waits as long as the import's one transaction holds the database: minutes in a debug build at stress size
                XCTAssertTrue(c.waitForPrompts(i + 2, timeout: 600), String(c.text.suffix(300)))
                latencies.append(Date().timeIntervalSince(start))
            }
            usleep(100_000)
        }
        while !bulkDone.done { usleep(10_000) }
        for c in children {
            c.finish()
            XCTAssertFalse(c.text.contains("could NOT be saved"), c.text)
        }
        XCTAssertEqual(String(decoding: bulkFailures.data, as: UTF8.self), "")
        XCTAssertEqual(
            try ReliabilityTests.sqlite(
                h.db, "SELECT count(*) FROM answer a JOIN interview i ON i.id = a.interview_id WHERE i.respondent LIKE 'i_'"),
            "\(2 * rounds)\n")
        let sorted = latencies.sorted()
        let p50 = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        print(
            String(
                format:
                    "reliability: saves during an import of %d and a merge of %d: %d saves, 0 failed, p50 %.3f s, p99 %.3f s, max %.3f s",
                size, size / 4, latencies.count, p50, p99, sorted.last ?? 0))
    }

    // scripts/stress: control characters planted in the database behind Canvass's back never reach a terminal raw.
    func test_every_command_escapes_control_characters_it_finds_in_the_database() throws {
        try h.loadStudy()
        let evil = "\u{1B}]52;c;ZWNobyBoaQ==\u{07}\u{1B}[2J\u{9B}31m"
        let sql = """
            UPDATE interview SET interviewer = 'kim\(evil)' WHERE id = 1;
            INSERT INTO audit_event (interview_id, kind, question, new_value, actor, at) VALUES (1, 'note', 'sector', 'n\(evil)', 'x\(evil)', 'now');
            UPDATE answer SET value = 'Hanbit\(evil)' WHERE interview_id = 1 AND question = 'firm_name';
            """
        XCTAssertEqual(try sqlite3(h.db, sql).status, 0)
        var commands = 0
        for args in [
            ["interview", "log", "1", "--include-identifiers"], ["interview", "list"], ["interview", "show", "1", "--include-identifiers"],
            ["db", "info"], ["export", "audit", "firm_case", "--include-identifiers"], ["tab", "freq", "firm_case", "sector"],
            ["export", "codebook", "firm_case"], ["export", "csv", "firm_case", "--include-identifiers"],
            ["export", "jsonl", "firm_case", "--include-identifiers"], ["db", "check"],
        ] {
            // at a terminal (script(1) gives the command one): data exports escape there too, and only there
            let line = ([Harness.binary.path] + args + ["--db", h.db]).map { "'\($0)'" }.joined(separator: " ")
            let r = try h.run(["-qec", line, "/dev/null"], executable: "/usr/bin/script")
            commands += 1
            for text in [r.out, r.err] {
                XCTAssertFalse(
                    text.contains("\u{1B}]") || text.contains("\u{07}") || text.contains("\u{1B}[2J") || text.contains("\u{9B}"),
                    "\(args): \(text.prefix(400))")
            }
        }
        print("reliability: commands fed planted control characters: \(commands), raw control sequences on the terminal: 0")
    }
}
