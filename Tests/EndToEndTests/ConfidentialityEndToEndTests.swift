import CanvassTestSupport
import Foundation
import XCTest

/// No output without --include-identifiers holds an identifier value of the example data: not as a column, and not
/// inside the free text that mentions it (the fixtures' accounts name their firms, in other case and without the
/// legal form). Every format is read as bytes (the workbook unzipped), and every value searched for in any case.
final class ConfidentialityEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    func test_no_output_holds_an_identifier_value_even_inside_free_text() throws {
        try h.loadStudy()
        let values = try Harness.fixtureIdentifierValues()
        XCTAssertGreaterThan(values.count, 100)
        // the fixtures do name firms inside accounts: the test would catch a redaction that did nothing
        let raw = try h.run(["export", "csv", "firm_case", "--include-identifiers", "--no-redact", "--db", h.db]).out
        XCTAssertTrue(raw.contains("의 경우:") && raw.lowercased().contains(" 담당자 설명"), raw)
        let named = raw.split(separator: "\n").filter { $0.contains("의 경우:") }.count
        XCTAssertGreaterThan(named, 2)

        var outputs: [(String, String)] = []
        func run(_ args: [String]) throws -> String {
            let r = try h.run(args + ["--db", h.db])
            XCTAssertEqual(r.status, 0, args.joined(separator: " ") + ": " + r.err)
            return r.out + r.err
        }
        for q in ["firm_case", "expert_survey", "expert_meeting"] {
            outputs.append(("csv \(q)", try run(["export", "csv", q, "--include-open"])))
            outputs.append(("long \(q)", try run(["export", "csv", q, "--long", "--include-open"])))
            outputs.append(("jsonl \(q)", try run(["export", "jsonl", q, "--include-open"])))
            outputs.append(("audit \(q)", try run(["export", "audit", q])))
            _ = try run(["export", "csv", q, "--out-dir", h.path("csv-" + q)])
            _ = try run(["export", "stata", q, "--out", h.path("stata-" + q), "--syntax"])
            _ = try run(["export", "spss", q, "--out", h.path("spss-" + q), "--syntax"])
            _ = try run(["export", "r", q, "--out", h.path("r-" + q)])
            _ = try run(["export", "xlsx", q, "--out", h.path(q + ".xlsx")])
        }
        for id in 1...81 { outputs.append(("interview show \(id)", try run(["interview", "show", String(id)]))) }
        outputs.append(
            (
                "tab run",
                try run(["tab", "run", Harness.root.appendingPathComponent("tabulations/concerns.yaml").path, "--out", h.path("tables")])
            ))
        _ = try run(["report", Harness.root.appendingPathComponent("tabulations/concerns.yaml").path, "--out", h.path("report.html")])
        // the files written, as bytes: the workbooks unzipped (their strings are in the sheets' XML)
        let xml = try Spawned.run(
            "/usr/bin/python3",
            [
                "-c",
                """
                import zipfile, sys
                for f in sys.argv[1:]:
                    z = zipfile.ZipFile(f)
                    for n in z.namelist(): sys.stdout.write(z.read(n).decode('utf-8', 'replace'))
                """,
            ] + ["firm_case", "expert_survey", "expert_meeting"].map { h.path($0 + ".xlsx") })
        outputs.append(("xlsx", xml.out))
        let files = try FileManager.default.subpathsOfDirectory(atPath: h.dir.path).filter {
            !$0.hasSuffix(".db") && !$0.contains(".db-") && !$0.hasSuffix(".xlsx")
        }
        for f in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: h.path(f), isDirectory: &isDir), !isDir.boolValue else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: h.path(f)))
            outputs.append((f, String(decoding: data, as: UTF8.self)))
        }
        XCTAssertGreaterThan(outputs.count, 120)
        var leaks: [String] = []
        for (name, text) in outputs {
            let folded = text.lowercased()
            for v in values where folded.contains(v.lowercased()) { leaks.append("\(name): \(v)") }
        }
        XCTAssertEqual(leaks, [], "identifier values found:\n" + leaks.prefix(40).joined(separator: "\n"))
        // and the accounts still say what they said, with the name replaced by what it was
        let csv = try run(["export", "csv", "firm_case"])
        XCTAssertTrue(csv.contains("[firm_name]의 경우:"), csv)
    }

    /// An interview typed at the console: its audit trail holds every answer as typed, so the trail's free text is
    /// redacted too (the export and the log), with every value the firm's name ever had; raw only with identifiers.
    func test_the_audit_trail_and_the_transcript_take_names_out_of_what_was_typed() throws {
        let schema = try h.write(
            "visit.yaml",
            """
            questionnaire: visit
            version: '1'
            sections:
              - name: s
                questions:
                  - {name: firm, type: text, identifier: true, label: Firm}
                  - {name: account, type: long_text, label: Account}
            """)
        let typed = ["Hanbit Co., Ltd.", "HANBIT had to wait", "for the licence", ".", "y"]
        let r = try h.run(
            ["interview", "new", schema, "--respondent", "Hanbit Seoul", "--interviewer", "kim", "--db", h.db],
            input: typed.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        for args in [["interview", "show", "1"], ["export", "csv", "visit"], ["export", "csv", "visit", "--long"]] {
            let out = try h.run(args + ["--db", h.db]).out
            XCTAssertFalse(out.contains("Hanbit") || out.contains("HANBIT"), args.joined(separator: " ") + ": " + out)
            XCTAssertTrue(out.contains("[firm] had to wait"), out)
        }
        // changed later, with a reason that names the firm by its new name: the trail knows both names
        let edit = try h.run(
            ["interview", "edit", "1", "--reason", "Daehan asked to correct it", "--db", h.db], input: "Daehan Ltd\n\n")
        XCTAssertEqual(edit.status, 0, edit.err)
        for args in [["export", "audit", "visit"], ["interview", "log", "1"]] {
            let out = try h.run(args + ["--db", h.db]).out
            for name in ["Hanbit", "HANBIT", "Daehan"] { XCTAssertFalse(out.contains(name), args.joined(separator: " ") + ": " + out) }
            XCTAssertTrue(out.contains("[firm] had to wait"), out)
        }
        XCTAssertTrue(try h.run(["interview", "log", "1", "--db", h.db]).out.contains("[firm] asked to correct it"))
        let raw = try h.run(["export", "audit", "visit", "--include-identifiers", "--db", h.db]).out
        XCTAssertTrue(raw.contains("HANBIT had to wait") && raw.contains("Daehan asked"), raw)
    }

    /// A table filtered or defined by an identifier singles one respondent out: refused unless asked for, in --where
    /// and in a plan's expressions (at their line and column).
    func test_identifiers_are_refused_in_filters_and_plans_unless_asked_for() throws {
        try h.loadStudy()
        let filter = "${firm_name} = 'Hanbit Delivery 有限公司'"
        let refused = try h.run(["tab", "freq", "firm_case", "sector", "--where", filter, "--db", h.db])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.out, "")
        XCTAssertTrue(refused.err.contains("--where: ${firm_name} is an identifier (confidential)"), refused.err)
        let concerns = try h.run(
            ["tab", "concerns", Harness.root.appendingPathComponent("tabulations/concerns.yaml").path, "--where", filter, "--db", h.db])
        XCTAssertEqual(concerns.status, 1, concerns.out)
        let asked = try h.run(["tab", "freq", "firm_case", "sector", "--where", filter, "--include-identifiers", "--db", h.db])
        XCTAssertEqual(asked.status, 0, asked.err)
        XCTAssertTrue(asked.out.contains("Base: 2 valid of 2; where ${firm_name}"), asked.out)  // the fixture interviews it twice
        let plan = try h.write(
            "plan.yaml",
            """
            questionnaire: firm_case
            concerns:
              - {code: csl, label: CSL, experienced: "selected(${concern_areas}, 'csl')"}
            tables:
              - {name: one_firm, kind: freq, question: sector, where: "${contact_email} != ''"}
            """)
        let run = try h.run(["tab", "run", plan, "--out", h.path("t"), "--db", h.db])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.contains("plan.yaml:5:") && run.err.contains("${contact_email} is an identifier"), run.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.path("t")))
        XCTAssertEqual(try h.run(["tab", "run", plan, "--out", h.path("t"), "--include-identifiers", "--db", h.db]).status, 0)
    }

    /// Merge conflicts, the merge report, the audit trail after merge resolve and db check go through the same
    /// masking: a conflict on the firm's name says (confidential), a conflicting account has the names taken out.
    func test_merge_resolve_and_db_check_never_print_an_identifier() throws {
        let schema = try h.write(
            "visit.yaml",
            """
            questionnaire: visit
            version: '1'
            sections:
              - name: s
                questions:
                  - {name: firm, type: text, identifier: true, label: Firm}
                  - {name: staff, type: integer, identifier: true, label: Phone extension}
                  - {name: account, type: text, label: Account}
            """)
        let a = h.path("a.db"), b = h.path("b.db")
        let first = try h.run(
            ["interview", "new", schema, "--respondent", "Hanbit Seoul", "--interviewer", "kim", "--db", a],
            input: "Hanbit Ltd\n12\nfine\n:quit\n")
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual(try Spawned.run("/bin/cp", [a, b]).status, 0)
        XCTAssertEqual(
            try h.run(
                ["interview", "resume", "1", "--db", a], input: ":jump firm\nStudy Side Renamed Ltd\n\nStudy Side Renamed waited\ny\n"
            ).status, 0)
        XCTAssertEqual(
            try h.run(["interview", "resume", "1", "--db", b], input: ":jump firm\nKim Side Renamed Ltd\n\nKim Side Renamed waited\ny\n")
                .status, 0)
        let merged = try h.run(["merge", b, "--report", h.path("report.csv"), "--db", a])
        XCTAssertEqual(merged.status, 0, merged.err)
        XCTAssertTrue(merged.out.contains("conflict: interview 1 firm: here '(confidential)'"), merged.out)
        let resolved = try h.run(["merge", "resolve", "1", "--take", "theirs", "--reason", "Kim Side Renamed confirmed", "--db", a])
        XCTAssertEqual(resolved.status, 0, resolved.err)
        XCTAssertEqual(try sqlite3(a, "UPDATE answer SET value = 'x9' WHERE question = 'staff'").status, 0)
        let outputs = [
            merged.out, try h.read("report.csv"), try h.run(["interview", "log", "1", "--db", a]).out,
            try h.run(["export", "audit", "visit", "--db", a]).out, try h.run(["db", "check", "--db", a]).out,
        ]
        for (n, out) in outputs.enumerated() {
            for name in ["Hanbit", "Study Side", "Kim Side", "x9"] { XCTAssertFalse(out.contains(name), "output \(n): \(name)\n\(out)") }
        }
        XCTAssertTrue(outputs[4].contains("staff holds '(confidential)'"), outputs[4])
        XCTAssertTrue(outputs[1].contains("[firm] waited"), outputs[1])
    }

    /// `export csv --safe PLAN`: no combination of the plan's grouping variables left in the file is shared by fewer
    /// than its min_base interviews; the rows it touched are counted, and nothing else changes.
    func test_safe_leaves_no_small_combination_of_the_plans_groups() throws {
        try h.loadStudy()
        let plan = Harness.root.appendingPathComponent("tabulations/concerns.yaml").path
        let r = try h.run(["export", "csv", "firm_case", "--safe", plan, "--out", h.path("safe.csv"), "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try h.run(["export", "csv", "firm_case", "--out", h.path("plain.csv"), "--db", h.db]).status, 0)
        let safe = parseCSV(try h.read("safe.csv")), plain = parseCSV(try h.read("plain.csv"))
        XCTAssertEqual(safe.count, plain.count)
        let header = safe[0]
        let groups = ["sector", "nationality", "hq_province"].map { header.firstIndex(of: $0)! }
        var combinations: [[String]: Int] = [:]
        var touched = 0
        for (s, p) in zip(safe.dropFirst(), plain.dropFirst()) {
            if groups.allSatisfy({ s[$0].isEmpty }) {
                touched += 1
            } else {
                combinations[groups.map { s[$0] }, default: 0] += 1
            }
            // every other column as without --safe
            for c in header.indices where !groups.contains(c) { XCTAssertEqual(s[c], p[c], header[c]) }
        }
        XCTAssertGreaterThan(touched, 0)
        XCTAssertGreaterThanOrEqual(combinations.values.min() ?? 0, 3, "\(combinations)")
        XCTAssertTrue(r.out.contains("--safe: \(touched) rows had sector, nationality, hq_province left blank"), r.out)
    }
}
