import CanvassCore
import CanvassTestSupport
import XCTest

@testable import CanvassExport

final class ExportTests: XCTestCase {
    static let q = TestQuestionnaires.firm

    func csv(_ rows: [[String]], excel: Bool = false) throws -> String {
        var bytes: [UInt8] = []
        let w = CSVWriter(options: .init(excel: excel)) { bytes += $0 }
        for r in rows { try w.writeRow(r) }
        try w.flush()
        return String(decoding: bytes, as: UTF8.self)
    }

    func test_rfc4180_quoting() throws {
        XCTAssertEqual(
            try csv([["a,b", "say \"hi\"", "line\nbreak", "plain", " padded"]]),
            "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",plain,\" padded\"\n")
    }

    func test_formula_injection_is_neutralised_but_numbers_are_not() throws {
        XCTAssertEqual(
            try csv([["=HYPERLINK(\"x\")", "+1+2", "-98", "-3.5", "@SUM(A1)", "-x"]]),
            "\"'=HYPERLINK(\"\"x\"\")\",'+1+2,-98,-3.5,'@SUM(A1),'-x\n")
        // what spreadsheets still read as formulas: spaces, zero-width characters or a BOM first, full-width signs
        XCTAssertEqual(
            try csv([["  =1+2", "\u{200B}=1", "\u{FEFF}@x", "\u{FF1D}SUM(A1)", " -2", "\u{3000}＋1"]]),
            "'  =1+2,'\u{200B}=1,'\u{FEFF}@x,'\u{FF1D}SUM(A1),\" -2\",'\u{3000}＋1\n")
        // the files for stats packages keep values exactly as answered
        var out: [UInt8] = []
        CSVWriter.appendCell("-2+3", to: &out, guardFormulas: false)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "-2+3")
    }

    func test_excel_mode_writes_bom_and_crlf() throws {
        let s = try csv([["기업", "企业"]], excel: true)
        XCTAssertTrue(s.hasPrefix("\u{FEFF}"))
        XCTAssertTrue(s.hasSuffix("\r\n"))
    }

    func interview(_ answers: [String: Answer]) -> ExportedInterview {
        ExportedInterview(
            id: 7, key: "k", questionnaire: "t", version: "1", status: "completed", respondent: "Secret Firm",
            interviewer: "kim", language: nil, startedAt: "2018-07-02T10:00:00+09:00", completedAt: "2018-07-02T11:00:00+09:00",
            answers: answers)
    }

    func test_wide_row_without_identifiers_with_split_columns_and_special_codes() {
        let layout = WideLayout(versions: [Self.q], includeIdentifiers: false, includeStatus: false)
        XCTAssertEqual(
            layout.header,
            [
                "interview_id", "KEY", "version", "interviewer", "started_at", "completed_at", "consent", "concerns", "concerns/csl",
                "concerns/tbt", "size",
            ])
        let row = layout.row(
            interview([
                "firm_name": .value("Secret Firm"), "consent": .value("yes"), "concerns": .value("tbt"), "size": .special(.dontKnow),
            ]), questionnaire: Self.q)
        XCTAssertEqual(
            row, ["7", "k", "1", "kim", "2018-07-02T10:00:00+09:00", "2018-07-02T11:00:00+09:00", "yes", "tbt", "0", "1", "-98"])
        XCTAssertFalse(row.contains("Secret Firm"))
    }

    func test_answers_that_are_no_longer_relevant_are_not_exported() {
        let layout = WideLayout(versions: [Self.q], includeIdentifiers: true, includeStatus: false)
        XCTAssertEqual(layout.header[3], "respondent")
        let row = layout.row(interview(["consent": .value("no"), "concerns": .value("csl"), "size": .skipped]), questionnaire: Self.q)
        XCTAssertEqual(Array(row.suffix(5)), ["no", "", "", "", ""])
    }
}
