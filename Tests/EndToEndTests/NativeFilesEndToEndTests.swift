import CanvassTestSupport
import Foundation
import XCTest

/// The Stata, SPSS, Excel and R files checked by the tools analysts open them with: pyreadstat and pandas, R's haven,
/// PSPP and openpyxl read every cell back equal to the CSV, and compute the frequencies `canvass tab freq` shows.
final class NativeFilesEndToEndTests: XCTestCase {
    /// The study's firm interviews (58, and 79 repeat instances): every format, every cell, in every reader.
    func test_the_example_reads_back_equal_to_the_csv_in_pyreadstat_pandas_haven_and_openpyxl() throws {
        let h = try Harness()
        defer { h.remove() }
        let python = try Peers.python(h), r = try Peers.r(h)
        try h.loadStudy()
        try export(h, "firm_case", freq: ["nationality", "sector", "consent", "csl_severity", "entry_mode"])
        for base in ["firm_case", "firm_case-china_project"] {
            let sheet = base == "firm_case" ? "firm_case" : "china_project"
            let py = try h.run(
                [Peers.script("read_back.py"), h.path("csv"), h.path("native"), base, h.path("freq-" + base)],
                environment: ["SHEET": sheet], executable: python)
            XCTAssertEqual(py.status, 0, py.out + py.err)
            XCTAssertTrue(py.out.contains("every cell equals the CSV"), py.out)
            let rOut = try h.run([Peers.script("read_back.R"), h.path("csv"), h.path("native"), base], executable: r)
            XCTAssertEqual(rOut.status, 0, rOut.out + rOut.err)
            XCTAssertTrue(rOut.out.contains("haven read_sav: \(base == "firm_case" ? 58 : 79) rows"), rOut.out)
        }
    }

    /// Regression: PSPP read 73 cases for 58 interviews (line breaks in answers), and an unasked select_one counted as a
    /// valid empty answer (39.8% "Korean firm" where Canvass says 50.0%).
    func test_pspp_reads_58_cases_and_the_percentages_canvass_shows() throws {
        let h = try Harness()
        defer { h.remove() }
        let pspp = try Peers.pspp()
        try h.loadStudy()
        XCTAssertEqual(try h.run(["export", "spss", "firm_case", "--out", h.path("sav"), "--syntax", "--db", h.db]).status, 0)
        let freq = try h.run(["tab", "freq", "firm_case", "nationality", "--db", h.db]).out
        XCTAssertTrue(freq.contains("kr     한국 기업          28   50.0"), freq)
        for source in ["GET FILE='firm_case.sav'.", "INCLUDE FILE='firm_case.sps'."] {
            let sps = try h.write(
                "sav/check.sps",
                "SET TNUMBERS=VALUES TVARS=NAMES.\n\(source)\nFREQUENCIES /VARIABLES=nationality consent /STATISTICS=NONE.\nDESCRIPTIVES /VARIABLES=employees.\n"
            )
            let out = try h.run(["-O", "format=csv", sps], cwd: h.path("sav"), executable: pspp)
            XCTAssertEqual(out.status, 0, out.out + out.err)
            XCTAssertFalse(out.out.contains("error"), source + "\n" + out.out)
            XCTAssertTrue(out.out.contains(",kr,28,48.3%,50.0%,"), source + "\n" + out.out)
            XCTAssertTrue(out.out.contains("Total,,58,100.0%"), source + "\n" + out.out)
            XCTAssertTrue(out.out.contains("employees,51,24860.84,"), source + "\n" + out.out)
        }
    }

    /// The edge cases: numeric codes 1/2/96 and 0/1 kept (Stata renumbered them 1, 2, 3 and 1/2), dk/rf on every
    /// type, multi-line and long Korean text (SPSS cut at 255 bytes), labels full of quotes, `$`, backticks and `\`.
    func test_edge_cases_read_back_equal_in_every_reader() throws {
        let h = try Harness()
        defer { h.remove() }
        let python = try Peers.python(h), r = try Peers.r(h), pspp = try Peers.pspp()
        var random = TestRandom(self)
        try loadEdgeCases(h, count: 60, &random)
        try export(h, "edge", freq: ["agree", "binary", "letter", "yn", "score", "followup"])
        let py = try h.run(
            [Peers.script("read_back.py"), h.path("csv"), h.path("native"), "edge", h.path("freq-edge")], environment: ["SHEET": "edge"],
            executable: python)
        XCTAssertEqual(py.status, 0, py.out + py.err)
        let rOut = try h.run([Peers.script("read_back.R"), h.path("csv"), h.path("native"), "edge"], executable: r)
        XCTAssertEqual(rOut.status, 0, rOut.out + rOut.err)
        // the named regressions, each read by a reader of the other side
        let facts = try h.run(
            [
                "-c",
                """
                import pyreadstat
                d, m = pyreadstat.read_dta('native/edge.dta')
                s, n = pyreadstat.read_sav('native/edge.sav')
                print('dta agree codes', sorted(set(int(v) for v in d['agree'].dropna())), m.variable_value_labels['agree'][96])
                print('dta binary codes', sorted(set(int(v) for v in d['binary'].dropna())))
                print('sav longest story', max(len(v.encode()) for v in s['story']))
                print('stata name', 'answer_name_with_32_characters_x' in d.columns, 'version' in d.columns, 'version_2' in d.columns)
                print('label', n.column_names_to_labels['agree'])
                """,
            ], cwd: h.path(""), executable: python)
        XCTAssertEqual(facts.status, 0, facts.err)
        XCTAssertTrue(facts.out.contains("dta agree codes [1, 2, 96] Other `whoami` \\"), facts.out)
        XCTAssertTrue(facts.out.contains("dta binary codes [0, 1]"), facts.out)
        XCTAssertTrue(facts.out.contains("stata name True True True"), facts.out)
        let longest =
            facts.out.split(separator: "\n").first { $0.hasPrefix("sav longest story") }.flatMap {
                Int($0.split(separator: " ").last ?? "")
            } ?? 0
        XCTAssertGreaterThan(longest, 2045, facts.out)
        let sps = try h.write("native/check.sps", "GET FILE='edge.sav'.\nFREQUENCIES /VARIABLES=agree.\n")
        let out = try h.run(["-O", "format=csv", sps], cwd: h.path("native"), executable: pspp)
        XCTAssertTrue(out.out.contains("Total,,60,100.0%"), out.out)
        XCTAssertFalse(out.out.contains("warning") || out.err.contains("warning"), out.out + out.err)
        // the syntax route: PSPP runs edge.sps on its CSV and saves what it read; every cell equals the CSV too
        XCTAssertEqual(try h.run(["export", "spss", "edge", "--out", h.path("syntax"), "--syntax", "--db", h.db]).status, 0)
        let run = try h.write("syntax/run.sps", "INCLUDE FILE='edge.sps'.\nSAVE OUTFILE='read/edge.sav'.\n")
        try FileManager.default.createDirectory(atPath: h.path("syntax/read"), withIntermediateDirectories: true)
        let viaSyntax = try h.run([run], cwd: h.path("syntax"), executable: pspp)
        XCTAssertEqual(viaSyntax.status, 0, viaSyntax.out + viaSyntax.err)
        XCTAssertFalse(viaSyntax.out.contains("error") || viaSyntax.out.contains("warning"), viaSyntax.out)
        let back = try h.run([Peers.script("read_back.py"), h.path("csv"), h.path("syntax/read"), "edge"], executable: python)
        XCTAssertEqual(back.status, 0, back.out + back.err)
    }

    /// The R script of `export r` and, with --syntax, the ones for R, Stata and SPSS: no label text can run as code.
    func test_no_label_text_runs_as_code_in_the_r_scripts() throws {
        let h = try Harness()
        defer { h.remove() }
        let r = try Peers.r(h)
        var random = TestRandom(self)
        try loadEdgeCases(h, count: 20, &random)
        XCTAssertEqual(try h.run(["export", "r", "edge", "--out", h.path("r"), "--lang", "en", "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["export", "r", "edge", "--out", h.path("rs"), "--syntax", "--lang", "en", "--db", h.db]).status, 0)
        for (folder, object) in [("r", "edge"), ("rs", "d")] {
            let check = try h.write(
                folder + "/check.R",
                """
                source('edge.R')
                stopifnot(nrow(\(object)) == 20)
                labels <- if ("\(object)" == "edge") names(attr(edge$binary, "labels")) else levels(d$binary)
                cat(labels, sep = "\\n")
                cat("label:", attr(\(object)$agree, "label"), "\\n")
                """)
            let out = try h.run([check], cwd: h.path(folder), executable: r)
            XCTAssertEqual(out.status, 0, folder + ": " + out.out + out.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: h.path(folder + "/pwned")), "a label ran as code in \(folder)")
            XCTAssertTrue(out.out.contains("label: Agree? (codes 1, 2, 96)"), folder + ": " + out.out)
        }
        let syntax = try h.read("rs/edge.R")
        XCTAssertTrue(syntax.contains(#""Yes\"); system('touch pwned'); x <- (\"""#), syntax)
        let stata = try h.run(["export", "stata", "edge", "--out", h.path("do"), "--syntax", "--lang", "en", "--db", h.db])
        XCTAssertEqual(stata.status, 0, stata.err)
        let doFile = try h.read("do/edge.do")
        XCTAssertTrue(doFile.contains("bindquote(strict)"), doFile)
        for line in doFile.split(separator: "\n") where line.hasPrefix("label ") {
            for (i, c) in line.enumerated() where c == "$" || c == "`" {
                let before = i > 0 ? line[line.index(line.startIndex, offsetBy: i - 1)] : " "
                let opensQuote = c == "`" && line.dropFirst(i + 1).first == "\""
                XCTAssertTrue(before == "\\" || opensQuote, "Stata would expand this: \(line)")
            }
        }
        XCTAssertTrue(doFile.contains("\\${version}"), doFile)
        XCTAssertTrue(doFile.contains("label define agree 1 "), doFile)
        XCTAssertTrue(doFile.contains(#" 96 `"Other \`whoami\` \"'"#), doFile)
        for line in doFile.split(separator: "\n") {
            for word in line.split(separator: " ") where word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && word.count > 32 {
                XCTFail("a Stata name over 32 characters: \(word) in \(line)")
            }
        }
    }

    /// A fuzz of label text (quotes, backslashes, `$`, `${}`, backticks, line breaks, `system(...)`): sourcing the R
    /// scripts and running the SPSS syntax never runs any of it, and every label reads back equal.
    func test_fuzzed_labels_never_run_and_read_back_equal() throws {
        let h = try Harness()
        defer { h.remove() }
        let r = try Peers.r(h), pspp = try Peers.pspp(), python = try Peers.python(h)
        var random = TestRandom(self)
        let pieces = [
            "\"", "'", "\\", "$x", "${q}", "`id`", "`", "\n", "\");system('touch pwned');(\"", "'; system('touch pwned'); '", "\\\"",
            "#", "%", "한국", "中文", "a", " ", "}", "{", ")", "(", "&", "<b>",
        ]
        func label() -> String { (0..<(3 + random.below(5))).map { _ in pieces[random.below(pieces.count)] }.joined() + "." }
        func json(_ s: String) -> String {
            "\""
                + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                    of: "\n", with: "\\n") + "\""
        }
        let choices = (1...4).map { (code: String($0), label: label()) }
        let questionLabel = label()
        let yaml = """
            questionnaire: fz
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: q, type: select_one, label: \(json(questionLabel)), choices: [\(choices.map { "{code: \($0.code), label: \(json($0.label))}" }.joined(separator: ", "))]}
            """
        let schema = try h.write("fz.yaml", yaml)
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0, yaml)
        let lines = (1...8).map { n in
            "{\"questionnaire\": \"fz\", \"version\": \"1\", \"respondent\": \"R\(n)\", \"interviewer\": \"k\", \"status\": \"completed\", "
                + "\"started_at\": \"2018-06-10T09:00:00+08:00\", \"completed_at\": \"2018-06-10T10:00:00+08:00\", \"answers\": {\"q\": \"\(1 + n % 4)\"}}"
        }
        XCTAssertEqual(try h.run(["import", try h.write("fz.jsonl", lines.joined(separator: "\n") + "\n"), "--db", h.db]).status, 0)
        for (folder, extra) in [("native", [String]()), ("syntax", ["--syntax"])] {
            XCTAssertEqual(try h.run(["export", "r", "fz", "--out", h.path(folder)] + extra + ["--db", h.db]).status, 0)
        }
        XCTAssertEqual(try h.run(["export", "spss", "fz", "--out", h.path("sps"), "--syntax", "--db", h.db]).status, 0)
        // line breaks printed as \n, one label per line
        let show = #"show <- function(x) cat(gsub("\n", "\\n", x, fixed = TRUE), sep = "\n")"#
        let native = try h.run(
            [
                "-e",
                "\(show); source('fz.R'); show(attr(fz$q, 'label')); l <- attr(fz$q, 'labels'); l <- l[l > 0]; show(names(l)[order(l)])",
            ],
            cwd: h.path("native"), executable: r)
        let syntax = try h.run(
            ["-e", "\(show); source('fz.R'); show(attr(d$q, 'label')); show(levels(d$q))"], cwd: h.path("syntax"), executable: r)
        let expected = ([questionLabel] + choices.map(\.label)).map { $0.replacingOccurrences(of: "\n", with: "\\n") }
        for (name, out) in [("export r", native), ("export r --syntax", syntax)] {
            XCTAssertEqual(out.status, 0, name + ": " + out.err)
            XCTAssertEqual(out.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), expected, name)
        }
        let run = try h.write("sps/run.sps", "INCLUDE FILE='fz.sps'.\nSAVE OUTFILE='fz-read.sav'.\n")
        let viaPSPP = try h.run([run], cwd: h.path("sps"), executable: pspp)
        XCTAssertEqual(viaPSPP.status, 0, viaPSPP.out + viaPSPP.err)
        let labels = try h.run(
            [
                "-c",
                "import pyreadstat; d, m = pyreadstat.read_sav('fz-read.sav'); print(m.column_names_to_labels['q']); "
                    + "[print(m.variable_value_labels['q'][k]) for k in sorted(m.variable_value_labels['q']) if k > 0]",
            ], cwd: h.path("sps"), executable: python)
        // SPSS syntax holds one line per label: its line breaks become spaces
        XCTAssertEqual(
            labels.out.split(separator: "\n").map(String.init),
            ([questionLabel] + choices.map(\.label)).map { $0.replacingOccurrences(of: "\n", with: " ") },
            labels.err)
        for folder in ["native", "syntax", "sps", ""] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: h.path(folder + "/pwned")), "a label ran as code in \(folder): \(yaml)")
        }
    }

    /// --zsav files read back like .sav; the R syntax (base R on the CSV) gives the frequencies haven reads from the
    /// native file.
    func test_zsav_and_the_r_syntax_give_the_same_frequencies_as_the_native_file() throws {
        let h = try Harness()
        defer { h.remove() }
        let python = try Peers.python(h), r = try Peers.r(h)
        try h.loadStudy()
        XCTAssertEqual(try h.run(["export", "spss", "firm_case", "--out", h.path("z"), "--zsav", "--lang", "en", "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["export", "spss", "firm_case", "--out", h.path("s"), "--lang", "en", "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["export", "r", "firm_case", "--out", h.path("rs"), "--syntax", "--lang", "en", "--db", h.db]).status, 0)
        let z = try h.run(
            [
                "-c",
                "import pyreadstat; a, _ = pyreadstat.read_sav('z/firm_case.zsav'); b, _ = pyreadstat.read_sav('s/firm_case.sav'); "
                    + "print('equal', a.equals(b), a.shape)",
            ], cwd: h.path(""), executable: python)
        XCTAssertTrue(z.out.contains("equal True (58, "), z.out + z.err)
        let check = try h.write(
            "rs/check.R",
            """
            source('firm_case.R')
            n <- haven::read_sav('../s/firm_case.sav')
            for (v in c('nationality', 'sector', 'csl_severity', 'employees')) {
              # by label where the syntax makes a factor, by number where it makes numbers; the same order for both
              native <- if (is.factor(d[[v]])) table(droplevels(haven::as_factor(n[[v]]))) else table(as.numeric(haven::zap_labels(n[[v]])))
              syntax <- if (is.factor(d[[v]])) table(droplevels(d[[v]])) else table(d[[v]])
              native <- native[order(names(native))]; syntax <- syntax[order(names(syntax))]
              cat(v, identical(as.vector(native), as.vector(syntax)), identical(names(native), names(syntax)), '\\n')
            }
            """)
        let out = try h.run([check], cwd: h.path("rs"), executable: r)
        XCTAssertEqual(out.status, 0, out.err)
        for v in ["nationality", "sector", "csl_severity", "employees"] { XCTAssertTrue(out.out.contains("\(v) TRUE TRUE"), out.out) }
    }

    /// The workbook: a sheet per table, then codebook and labels; numbers, dates and texts typed; no formula cell even
    /// for answers that look like one.
    func test_the_workbook_has_typed_cells_and_no_formula() throws {
        let h = try Harness()
        defer { h.remove() }
        let python = try Peers.python(h)
        var random = TestRandom(self)
        try loadEdgeCases(h, count: 30, &random)
        XCTAssertEqual(try h.run(["export", "xlsx", "edge", "--out", h.path("edge.xlsx"), "--db", h.db]).status, 0)
        let out = try h.run(
            [
                "-c",
                """
                import openpyxl, datetime
                wb = openpyxl.load_workbook('edge.xlsx')
                print('sheets', wb.sheetnames)
                ws = wb['edge']
                head = [c.value for c in ws[1]]
                types = {}
                for row in ws.iter_rows(min_row=2):
                    for h, c in zip(head, row):
                        if c.value is not None: types.setdefault(h, set()).add(type(c.value).__name__)
                for k in ['amount', 'day', 'started_at', 'agree', 'letter', 'note_text']: print(k, sorted(types.get(k, [])))
                print('formulas', sum(1 for s in wb.worksheets for r in s.iter_rows() for c in r if c.data_type == 'f'))
                print('frozen', ws.freeze_panes)
                """,
            ], cwd: h.path(""), executable: python)
        XCTAssertEqual(out.status, 0, out.err)
        XCTAssertTrue(out.out.contains("sheets ['edge', 'codebook', 'labels']"), out.out)
        XCTAssertTrue(out.out.contains("amount ['float', 'int', 'str']"), out.out)  // dk/rf are text, so SUM leaves them out
        XCTAssertTrue(out.out.contains("day ['datetime', 'str']"), out.out)
        XCTAssertTrue(out.out.contains("started_at ['datetime']"), out.out)
        XCTAssertTrue(out.out.contains("note_text ['str']"), out.out)
        XCTAssertTrue(out.out.contains("formulas 0"), out.out)
        XCTAssertTrue(out.out.contains("frozen A2"), out.out)
    }

    /// The plain CSV opened by a spreadsheet (LibreOffice, headless): no cell becomes a formula, whatever the answers
    /// look like; the CSV written for the stats packages (values as answered) would give formulas, so the check can fail.
    func test_libreoffice_finds_no_formula_in_the_plain_csv() throws {
        let h = try Harness()
        defer { h.remove() }
        let soffice = try Peers.tool("soffice", install: "apt-get install libreoffice-calc-nogui")
        let python = try Peers.python(h)
        var random = TestRandom(self)
        try loadEdgeCases(h, count: 40, &random)
        try FileManager.default.createDirectory(atPath: h.path("plain"), withIntermediateDirectories: true)
        XCTAssertEqual(try h.run(["export", "csv", "edge", "--out", h.path("plain/edge.csv"), "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["export", "spss", "edge", "--out", h.path("stats"), "--syntax", "--db", h.db]).status, 0)
        var formulas: [String: Int] = [:]
        for folder in ["plain", "stats"] {
            let out = try h.run(
                [
                    "-env:UserInstallation=file://" + h.path("lo-profile"), "--headless", "--convert-to", "xlsx", "--outdir",
                    h.path(folder), h.path(folder + "/edge.csv"),
                ],
                executable: soffice)
            XCTAssertEqual(out.status, 0, out.out + out.err)
            let count = try h.run(
                [
                    "-c",
                    "import openpyxl; wb = openpyxl.load_workbook('\(h.path(folder + "/edge.xlsx"))'); "
                        + "print(sum(1 for s in wb.worksheets for r in s.iter_rows() for c in r if c.data_type == 'f'))",
                ], executable: python)
            formulas[folder] = Int(count.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        XCTAssertEqual(formulas["plain"], 0, "LibreOffice found formulas in the plain CSV")
        XCTAssertGreaterThan(formulas["stats"] ?? 0, 0, "the control (unguarded values) should give formulas: \(formulas)")
    }

    // MARK: - helpers

    /// `export csv --out-dir csv`, `export spss|stata --out native`, `export xlsx`, and `tab freq --csv` of `freq`.
    private func export(_ h: Harness, _ q: String, freq: [String]) throws {
        for args in [
            ["export", "csv", q, "--out-dir", h.path("csv")], ["export", "spss", q, "--out", h.path("native")],
            ["export", "stata", q, "--out", h.path("dta")], ["export", "xlsx", q, "--out", h.path("book.xlsx")],
        ] {
            let out = try h.run(args + ["--db", h.db])
            XCTAssertEqual(out.status, 0, args.joined(separator: " ") + ": " + out.err)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: h.path("dta")) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(atPath: h.path("dta/" + name), toPath: h.path("native/" + name))
        }
        try FileManager.default.copyItem(atPath: h.path("book.xlsx"), toPath: h.path("native/book.xlsx"))
        for base in try FileManager.default.contentsOfDirectory(atPath: h.path("csv")) where base.hasSuffix(".csv") {
            let folder = "freq-" + base.dropLast(4)
            try FileManager.default.createDirectory(atPath: h.path(folder), withIntermediateDirectories: true)
            guard base == q + ".csv" else { continue }
            for question in freq {
                let out = try h.run(["tab", "freq", q, question, "--csv", "--db", h.db])
                XCTAssertEqual(out.status, 0, out.err)
                _ = try h.write(folder + "/" + question + ".csv", out.out)
            }
        }
    }

    /// The edge-case questionnaire and `count` random interviews of it: every type with dk/rf, lines, long Korean text,
    /// answers that look like formulas.
    private func loadEdgeCases(_ h: Harness, count: Int, _ random: inout TestRandom) throws {
        let schema = Harness.root.appendingPathComponent("Tests/Fixtures/stats_edge_case.yaml").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        func special(_ value: String) -> String {
            switch random.below(8) {
            case 0: return #"{"special": "dk"}"#
            case 1: return #"{"special": "rf"}"#
            default: return value
            }
        }
        func quoted(_ s: String) -> String {
            "\""
                + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                    of: "\n", with: "\\n"
                )
                .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t") + "\""
        }
        let texts = [
            "첫 줄\n둘째 줄\n多行文本", String(repeating: "가", count: 100), String(repeating: "데이터 현지화 비용이 큽니다. ", count: 80),
            "=1+2", "-2+3", "@SUM(A1:A2)", "\u{FF1D}HYPERLINK(\"x\")", "plain, with \"quotes\" and 'apostrophes'", " =SUM(A1)",
        ]
        var lines: [String] = []
        for n in 1...count {
            let yn = special(quoted(random.below(2) == 0 ? "yes" : "no"))
            let chosen = ["a", "b", "c"].filter { _ in random.below(2) == 0 }
            var answers = [
                "\"version\": " + special(quoted("v\(n)")),
                "\"answer_name_with_32_characters_x\": " + special(String(random.below(1000))),
                "\"agree\": " + special(quoted(["1", "2", "96"][random.below(3)])),
                "\"binary\": " + special(quoted(["0", "1"][random.below(2)])),
                "\"letter\": " + special(quoted(["a", "b", "c"][random.below(3)])),
                "\"letters\": " + special("[" + (chosen.isEmpty ? ["c"] : chosen).map(quoted).joined(separator: ", ") + "]"),
                "\"amount\": " + special(["12.5", "3", "0.125", "100000"][random.below(4)]),
                "\"day\": " + special(quoted("2018-0\(1 + random.below(9))-\(10 + random.below(18))")),
                "\"story\": " + special(quoted(texts[random.below(3)])),
                "\"yn\": " + yn,
                "\"score\": " + special(String(1 + random.below(5))),
                "\"note_text\": " + special(quoted(texts[3 + random.below(texts.count - 3)])),
            ]
            if yn == "\"yes\"" { answers.append("\"followup\": " + special(quoted(["1", "2", "96"][random.below(3)]))) }
            lines.append(
                "{\"questionnaire\": \"edge\", \"version\": \"1\", \"respondent\": \"R\(n)\", \"interviewer\": \"kim\", \"status\": \"completed\", "
                    + "\"started_at\": \"2018-06-\(10 + n % 18)T09:0\(n % 10):00+08:00\", \"completed_at\": \"2018-06-\(10 + n % 18)T10:00:00+08:00\", "
                    + "\"answers\": {" + answers.joined(separator: ", ") + "}}")
        }
        let file = try h.write("edge.jsonl", lines.joined(separator: "\n") + "\n")
        let out = try h.run(["import", file, "--db", h.db])
        XCTAssertEqual(out.status, 0, out.out + out.err)
    }
}
