import CanvassTestSupport
import Foundation
import XCTest

/// The syntax files (`--syntax`: the CSV and the package's syntax that reads it): every variable and choice labelled,
/// dk/rf declared missing; and the R script of `export r`, run in R.
final class StatsExportEndToEndTests: XCTestCase {
    func test_stats_files_label_every_variable_and_choice_and_declare_missing_values() throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(
            try h.run(["import", Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path, "--db", h.db]).status, 0)
        for p in ["stata", "spss", "r"] {
            XCTAssertEqual(
                try h.run(["export", p, "firm_case", "--out", h.path("out"), "--syntax", "--lang", "en", "--db", h.db]).status, 0)
        }
        let header = parseCSV(try h.read("out/firm_case.csv"))[0]
        XCTAssertFalse(header.contains { $0.contains("/") })  // names valid in every package
        XCTAssertFalse(try h.read("out/firm_case.csv").contains("Co., Ltd."))  // no identifiers by default
        let stata = try h.read("out/firm_case.do"), spss = try h.read("out/firm_case.sps"), r = try h.read("out/firm_case.R")
        for name in header {
            XCTAssertTrue(stata.contains("label variable \(name) `\""), "Stata: \(name)")
            XCTAssertTrue(spss.contains("  \(name) \""), "SPSS: \(name)")
            XCTAssertTrue(r.contains("attr(d[[\"\(name)\"]], \"label\")"), "R: \(name)")
        }
        XCTAssertTrue(stata.contains(#"label define employees .d `"don't know"' .r `"refused"', replace"#), stata)
        XCTAssertTrue(stata.contains(#"= .d if employees == "-98""#), stata)
        XCTAssertTrue(stata.contains("bindquote(strict)"), stata)
        XCTAssertTrue(spss.contains("MISSING VALUES employees (-98, -99)."), spss)
        XCTAssertTrue(spss.contains(#"VALUE LABELS sector "ai" "Artificial intelligence""#), spss)
        XCTAssertTrue(spss.contains(#"MISSING VALUES nationality ("-98", "-99", "")."#), spss)  // not asked is missing, not valid
        XCTAssertFalse(spss.contains("A255"), spss)  // widths from the answers, not a fixed 255 bytes
        XCTAssertTrue(r.contains(#"d[["employees_missing"]]"#), r)
    }

    /// The generated R script runs in R and gives labelled data.
    func test_the_r_script_runs_in_r_and_labels_the_data() throws {
        let rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let rscript else { throw XCTSkip("Rscript is not installed (apt-get install r-base-core; .ci/run installs it)") }
        let h = try Harness()
        defer { h.remove() }
        let schema = Harness.root.appendingPathComponent("schemas/firm_case.yaml").path
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(
            try h.run(["import", Harness.root.appendingPathComponent("fixtures/firm_interviews.jsonl").path, "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["export", "r", "firm_case", "--out", h.path("out"), "--lang", "en", "--db", h.db]).status, 0)
        let check = try h.write(
            "out/check.R",
            "source('firm_case.R')\nstopifnot(nrow(firm_case) == 58, 'Artificial intelligence' %in% levels(haven::as_factor(firm_case$sector)), is.numeric(firm_case$employees), sum(is.na(firm_case$employees)) == 7, sum(firm_case_raw$employees == -98, na.rm = TRUE) == 3, nrow(firm_case_china_project) == 79)\ncat('R ok\\n')\n"
        )
        let p = try Spawned.run(rscript, [check], cwd: h.path("out"), stderr: .sameAsOutput)
        let text = p.out
        XCTAssertEqual(p.status, 0, text)
        XCTAssertTrue(text.contains("R ok"), text)
    }
}
