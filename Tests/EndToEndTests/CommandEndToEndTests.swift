import CanvassTestSupport
import Foundation
import XCTest

final class CommandEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    var schemas: [String] {
        ["firm_case.yaml", "expert_survey.yaml", "expert_meeting.yaml"].map { Harness.root.appendingPathComponent("schemas/" + $0).path }
    }
    func fixture(_ name: String) -> String { Harness.root.appendingPathComponent("fixtures/" + name).path }

    func test_the_study_questionnaires_check_clean() throws {
        let r = try h.run(["schema", "check"] + schemas)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.err, "")
    }

    /// The README's piped firm interview: every line lands where it belongs (a project in China included).
    func test_the_readme_firm_interview_script_completes() throws {
        let input = try String(contentsOfFile: fixture("firm_interview_answers.txt"), encoding: .utf8)
        let r = try h.run(
            ["interview", "new", schemas[0], "--respondent", "Hanbit AI", "--interviewer", "kim", "--db", h.db], input: input)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("인터뷰 1 완료."), r.out)  // the console speaks the questionnaire's first language
        XCTAssertEqual(r.out.components(separatedBy: "\n! ").count - 1, 1, r.out)  // only the deliberate bad e-mail
        let projects = parseCSV(try h.run(["export", "csv", "firm_case", "--repeat", "china_project", "--db", h.db]).out)
        XCTAssertEqual(projects.count, 2)
        XCTAssertEqual(projects[1][projects[0].firstIndex(of: "project_city")!], "hangzhou")
        let main = parseCSV(try h.run(["export", "csv", "firm_case", "--db", h.db]).out)
        XCTAssertEqual(main[1][main[0].firstIndex(of: "n_projects")!], "1")
    }

    func test_a_broken_file_gets_every_problem_at_its_line_and_column() throws {
        let f = try h.write(
            "broken.yaml",
            """
            questionnaire: Broken-Id
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: q1, type: integr, label: A}
                  - {name: q1, type: text, lable: B}
                  - {name: q3, type: select_one, choices: nolist, label: C}
                  - {name: q4, type: scale, min: 5, max: 1, label: D}
            """)
        let r = try h.run(["schema", "check", f])
        XCTAssertEqual(r.status, 1)
        let lines = r.err.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines.map { $0.replacingOccurrences(of: f, with: "F").prefix(while: { $0 != " " }) }.map(String.init),
            ["F:1:16:", "F:6:26:", "F:7:16:", "F:7:32:", "F:8:47:", "F:9:38:"], r.err)
        XCTAssertTrue(lines.allSatisfy { $0.contains(": error: ") && $0.hasSuffix("]") })
    }

    func test_a_foreign_or_corrupt_database_is_refused_and_unchanged() throws {
        let text = try h.write("notes.db", "this is not a database\n")
        var r = try h.run(["interview", "list", "--db", text])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("canvass: error: "), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1)
        XCTAssertEqual(try h.read("notes.db"), "this is not a database\n")

        let other = h.path("other.db")
        XCTAssertEqual(try sqlite3(other, "CREATE TABLE t(x); INSERT INTO t VALUES (1);").status, 0)
        let before = FileManager.default.contents(atPath: other)
        r = try h.run(["schema", "add", schemas[0], "--db", other])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("another program"), r.err)
        XCTAssertEqual(FileManager.default.contents(atPath: other), before)

        r = try h.run(["schema", "add", schemas[0], "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        let mode = try FileManager.default.attributesOfItem(atPath: h.db)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
    }

    func test_import_is_all_or_nothing_and_reports_every_bad_line() throws {
        XCTAssertEqual(try h.run(["schema", "add"] + schemas + ["--db", h.db]).status, 0)
        let lines = [
            #"{"questionnaire":"expert_survey","version":"2018.1","respondent":"A","interviewer":"kim","answers":{"expert_name":"A","affiliation_type":"academia","position_ai":4}}"#,
            #"{"questionnaire":"expert_survey","version":"2018.1","respondent":"B","interviewer":"kim","answers":{"expert_name":"B","affiliation_type":"academia","position_ai":9}}"#,
            #"not json"#,
            #"{"questionnaire":"expert_survey","version":"2099","respondent":"C","interviewer":"kim","answers":{}}"#,
            #"{"questionnaire":"expert_survey","version":"2018.1","respondent":"D","interviewer":"kim","answers":{"affiliation_type":"academia"}}"#,
        ]
        let f = try h.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        var r = try h.run(["import", f, "--db", h.db])
        XCTAssertEqual(r.status, 1)
        let errs = r.err.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            errs.filter { $0.hasPrefix(f + ":") }.map { $0.dropFirst(f.count + 1).prefix { $0 != ":" } }, ["2", "3", "4", "5"], r.err)
        XCTAssertTrue(r.err.contains("nothing was imported"))
        r = try h.run(["interview", "list", "--db", h.db])
        XCTAssertTrue(r.out.contains("0 interviews"), r.out)
        // the good line alone goes in
        let good = try h.write("good.jsonl", lines[0] + "\n")
        r = try h.run(["import", good, "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Imported 1 interview"))
    }

    func test_export_jsonl_then_import_round_trips() throws {
        let a = h.path("a.db"), b = h.path("b.db")
        XCTAssertEqual(try h.run(["schema", "add"] + schemas + ["--db", a]).status, 0)
        XCTAssertEqual(try h.run(["import", fixture("firm_interviews.jsonl"), "--db", a]).status, 0)
        var r = try h.run([
            "export", "jsonl", "firm_case", "--include-identifiers", "--include-open", "--db", a, "--out", h.path("rt.jsonl"),
        ])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try h.run(["schema", "add"] + schemas + ["--db", b]).status, 0)
        r = try h.run(["import", h.path("rt.jsonl"), "--db", b])
        XCTAssertEqual(r.status, 0, r.err)
        let ca = try h.run(["export", "csv", "firm_case", "--include-identifiers", "--include-open", "--db", a]).out
        let cb = try h.run(["export", "csv", "firm_case", "--include-identifiers", "--include-open", "--db", b]).out
        XCTAssertEqual(ca, cb)
        XCTAssertEqual(parseCSV(ca).count, 61)
    }

    func test_freq_tables_match_a_hand_count_of_the_fixture() throws {
        XCTAssertEqual(try h.run(["schema", "add"] + schemas + ["--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", fixture("firm_interviews.jsonl"), "--db", h.db]).status, 0)
        // independent count: read the fixture lines ourselves
        let text = try String(contentsOfFile: fixture("firm_interviews.jsonl"), encoding: .utf8)
        var expected: [String: Int] = [:]
        var base = 0
        for line in text.split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            guard o["status"] as? String == "completed", let a = o["answers"] as? [String: Any], let s = a["sector"] as? String else {
                continue
            }
            guard let areas = a["concern_areas"] as? [String] else { continue }
            base += 1
            if areas.contains("tbt") { expected[s, default: 0] += 1 }
        }
        let r = try h.run(["tab", "freq", "firm_case", "concern_areas", "--by", "sector", "--csv", "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        let rows = parseCSV(r.out)
        XCTAssertEqual(rows[0], ["table", "row_var", "row_code", "row_label", "col_var", "col_code", "col_label", "statistic", "value"])
        for sector in ["ai", "o2o", "smartcar"] {
            let row = rows.first { $0[2] == "tbt" && $0[5] == sector && $0[7] == "count" }
            XCTAssertEqual(row?[8], String(expected[sector] ?? 0), sector)
        }
        let total = rows.first { $0[0] == "concern_areas_by_sector" && $0[7] == "base" && $0[5] == "" }
        XCTAssertEqual(total?[8], String(base))
        let text2 = try h.run(["tab", "freq", "firm_case", "firm_name", "--db", h.db])
        XCTAssertEqual(text2.status, 1)
        XCTAssertTrue(text2.err.contains("identifier"))
    }

    func test_demo_runs_from_the_repository() throws {
        let db = h.path("demo.db")
        let r = try h.run(["demo", "--db", db, "--out-dir", h.path("out")], cwd: Harness.root.path)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Imported 60 interviews"))
        XCTAssertTrue(r.out.contains("Cybersecurity law"))
        let csv = try h.read("out/firm_case.csv")
        XCTAssertEqual(parseCSV(csv).count, 59)  // 58 completed + header
        XCTAssertFalse(csv.contains("Co., Ltd."))  // firm names are identifiers
        // a second run re-creates the database
        XCTAssertEqual(try h.run(["demo", "--db", db, "--out-dir", h.path("out")], cwd: Harness.root.path).status, 0)
    }

    func test_bad_invocations_are_one_clear_message_without_a_trace() throws {
        for args in [
            ["interview", "resume", "99", "--db", h.db], ["export", "csv", "nothing", "--db", h.db],
            ["schema", "check", h.path("missing.yaml")],
            ["interview", "resume", "abc"], ["frobnicate"], ["tab", "freq"],
        ] {
            let r = try h.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertFalse(r.err.contains("Fatal error"), r.err)
            XCTAssertFalse(r.err.isEmpty, args.joined(separator: " "))
        }
    }
}

final class SimulateEndToEndTests: XCTestCase {
    func test_simulated_interviews_are_valid_and_deterministic() throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        var r = try h.run(["simulate", schema, "--count", "300", "--seed", "42", "--out", h.path("a.jsonl")])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["simulate", schema, "--count", "300", "--seed", "42", "--out", h.path("b.jsonl")])
        XCTAssertEqual(try h.read("a.jsonl"), try h.read("b.jsonl"))
        r = try h.run(["simulate", schema, "--count", "300", "--seed", "43"])
        XCTAssertNotEqual(r.out, try h.read("a.jsonl"))
        XCTAssertEqual(try h.read("a.jsonl").split(separator: "\n").count, 300)
        // every simulated interview passes import's checks (types, choices, constraints, relevance, required)
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        r = try h.run(["import", h.path("a.jsonl"), "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Imported 300 interviews"))
        // and shows dk/rf like field data
        XCTAssertTrue(try h.read("a.jsonl").contains("{\"special\":\"dk\"}"))
    }
}

final class ConcernTableEndToEndTests: XCTestCase {
    func test_the_concern_matrix_agrees_with_a_count_of_the_fixture() throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        let fixture = Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["import", fixture, "--db", h.db]).status, 0)
        let r = try h.run([
            "tab", "concerns", Harness.root.appendingPathComponent("tabulations/concerns.yaml").path, "--by", "nationality",
            "--where", "${sector} != 'o2o'", "--csv", "--db", h.db,
        ])
        XCTAssertEqual(r.status, 0, r.err)
        let rows = parseCSV(r.out)
        // independent count from the fixture: Korean non-O2O firms that answered the areas, and those with TBT
        var asked = 0, tbt = 0, severities: [Double] = []
        for line in try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            guard o["status"] as? String == "completed", let a = o["answers"] as? [String: Any], a["nationality"] as? String == "kr",
                let sector = a["sector"] as? String, sector != "o2o", let areas = a["concern_areas"] as? [String]
            else { continue }
            asked += 1
            if areas.contains("tbt") {
                tbt += 1
                if let s = a["tbt_severity"] as? Int { severities.append(Double(s)) }
            }
        }
        func stat(_ s: String) -> String? { rows.first { $0[2] == "tbt" && $0[5] == "kr" && $0[7] == s }?[8] }
        XCTAssertEqual(stat("base"), String(asked))
        XCTAssertEqual(stat("count"), String(tbt))
        XCTAssertEqual(Double(stat("incidence") ?? "") ?? -1, Double(tbt) * 100 / Double(asked), accuracy: 1e-9)
        XCTAssertEqual(Double(stat("mean_severity") ?? "") ?? -1, severities.reduce(0, +) / Double(severities.count), accuracy: 1e-9)
        let bad = try h.run([
            "tab", "concerns", Harness.root.appendingPathComponent("tabulations/concerns.yaml").path, "--where", "${sectr} = 'ai'", "--db",
            h.db,
        ])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("did you mean ${sector}?"), bad.err)
    }
}

final class AnalystExportEndToEndTests: XCTestCase {
    func test_codebook_labels_every_column_and_choice_and_pseudonyms_are_stable() throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(
            try h.run(["import", Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path, "--db", h.db]).status, 0)
        let codebook = parseCSV(try h.run(["export", "codebook", "firm_case", "--format", "csv", "--db", h.db]).out)
        let header = parseCSV(try h.run(["export", "csv", "firm_case", "--include-identifiers", "--db", h.db]).out)[0]
        let documented = Set(codebook.dropFirst().map { $0[0] })
        for column in header.dropFirst(7) { XCTAssertTrue(documented.contains(column), "codebook misses \(column)") }
        XCTAssertTrue(codebook.dropFirst().allSatisfy { !$0[4].isEmpty && $0[4].contains("[en]") && $0[4].contains("[ko]") })
        XCTAssertEqual(codebook.first { $0[0] == "firm_name" }?[10], "yes")
        let sector = codebook.first { $0[0] == "sector" }![5]
        XCTAssertTrue(sector.contains("ai=[ko] 인공지능 | [en] Artificial intelligence"), sector)

        let a = parseCSV(try h.run(["export", "csv", "firm_case", "--pseudonymize", "--db", h.db]).out)
        let b = parseCSV(try h.run(["export", "csv", "firm_case", "--pseudonymize", "--long", "--db", h.db]).out)
        let plain = parseCSV(try h.run(["export", "csv", "firm_case", "--db", h.db]).out)
        XCTAssertTrue(a[1][0].hasPrefix("p") && a[1][0].count == 17)
        XCTAssertEqual(Set(a.dropFirst().map { $0[0] }), Set(b.dropFirst().map { $0[0] }))  // files link to each other
        XCTAssertTrue(Set(a.dropFirst().map { $0[1] }).isDisjoint(with: plain.dropFirst().map { $0[1] }))  // but not to the database keys
        let labels = parseCSV(try h.run(["export", "csv", "firm_case", "--labels", "--lang", "en", "--db", h.db]).out)
        XCTAssertTrue(labels.dropFirst().contains { $0[labels[0].firstIndex(of: "sector")!] == "Artificial intelligence" })
    }
}

final class TabulationPlanEndToEndTests: XCTestCase {
    func test_the_study_plan_writes_identical_tables_an_index_and_a_manifest() throws {
        let h = try Harness()
        defer { h.remove() }
        try h.loadStudy()
        let plan = Harness.root.appendingPathComponent("tabulations/concerns.yaml").path
        XCTAssertEqual(try h.run(["tab", "run", plan, "--out", h.path("a"), "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["tab", "run", plan, "--out", h.path("b"), "--db", h.db]).status, 0)
        let index = parseCSV(try h.read("a/index.csv"))
        XCTAssertEqual(index.count, 12)
        XCTAssertEqual(index[0].last, "file")
        for row in index.dropFirst() { XCTAssertEqual(try h.read("a/" + row.last!), try h.read("b/" + row.last!), row[0]) }
        let manifest = try JSONSerialization.jsonObject(with: Data(try h.read("a/manifest.json").utf8)) as! [String: Any]
        XCTAssertEqual((manifest["questionnaires"] as? [[String: Any]])?.count, 3)
        XCTAssertEqual((manifest["plan_sha256"] as? String)?.count, 64)
        XCTAssertTrue((manifest["values"] as? String)?.contains("at most 10 decimal places") == true, "the precision is stated")
        // the same numbers as the single-table command
        let single = try h.run(["tab", "concerns", plan, "--by", "sector", "--csv", "--db", h.db]).out
        XCTAssertEqual(single, try h.read("a/concerns_by_sector.csv"))
        // a broken plan: every problem at its line and column
        let broken = try h.write(
            "broken.yaml",
            """
            questionnaire: firm_case
            concerns:
              - {code: csl, experienced: "selected(${concern_areas}, 'csl')"}
            tables:
              - {name: t1, kind: frequency, question: sector}
              - {name: t2, kind: freq, question: sectr}
              - {name: t3, kind: freq, question: sector, by: regions}
            """)
        let r = try h.run(["tab", "run", broken, "--out", h.path("c"), "--db", h.db])
        XCTAssertEqual(r.status, 1)
        let lines = r.err.split(separator: "\n").filter { $0.contains(": error: ") && !$0.hasPrefix("canvass:") }
        XCTAssertEqual(lines.map { $0.split(separator: ":")[1...2].joined(separator: ":") }, ["5:22", "6:38", "7:50"], r.err)
        XCTAssertTrue(r.err.contains("did you mean sector?"))
    }
}

final class LayerEndToEndTests: XCTestCase {
    func test_a_layered_cross_tab_splits_the_interviews_by_the_third_variable() throws {
        let h = try Harness()
        defer { h.remove() }
        XCTAssertEqual(
            try h.run(["schema", "add", Harness.root.appendingPathComponent("schemas/firm_case.yaml").path, "--db", h.db]).status, 0)
        XCTAssertEqual(
            try h.run(["import", Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path, "--db", h.db]).status, 0)
        let rows = parseCSV(
            try h.run(["tab", "freq", "firm_case", "entry_mode", "--by", "sector", "--layer", "nationality", "--csv", "--db", h.db]).out)
        let total = parseCSV(try h.run(["tab", "freq", "firm_case", "entry_mode", "--by", "sector", "--csv", "--db", h.db]).out)
        func base(_ table: String, _ r: [[String]]) -> Int {
            Int(r.first { $0[0] == table && $0[7] == "base" && $0[5] == "" }?[8] ?? "") ?? -1
        }
        let layered = ["kr", "cn", "other"].map { base("entry_mode_by_sector_layer_nationality_\($0)", rows) }
        XCTAssertEqual(layered.reduce(0, +), base("entry_mode_by_sector", total))
        XCTAssertTrue(layered.allSatisfy { $0 > 0 })
    }
}
