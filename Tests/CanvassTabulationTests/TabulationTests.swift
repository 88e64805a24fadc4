import XCTest
import CanvassCore
@testable import CanvassTabulation

final class TabulationTests: XCTestCase {
    static let q = QuestionnaireLoader.load(text: """
        questionnaire: t
        version: "1"
        choice_lists:
          sector: [{code: ai, label: AI}, {code: o2o, label: O2O}, {code: car, label: Cars}]
        sections:
          - name: s
            questions:
              - {name: sector, type: select_one, choices: sector, label: Sector}
              - {name: concerns, type: select_multiple, choices: [{code: csl, label: CSL}, {code: tbt, label: TBT}], label: Concerns}
              - {name: size, type: integer, label: Size}
        """).questionnaire!

    func test_one_way_frequencies_with_specials_and_zeros() throws {
        var t = try Tabulation(question: Self.q.question(named: "sector")!, questionnaire: Self.q, language: nil)
        for a: Answer? in [.value("ai"), .value("ai"), .value("o2o"), .special(.dontKnow), nil] { t.add(answer: a, relevant: true) }
        t.add(answer: nil, relevant: false)
        XCTAssertEqual(t.rows.map(\.code), ["ai", "o2o", "car", "-98", "-99", "", ""])
        XCTAssertEqual(t.counts.map { $0[0] }, [2, 1, 0, 1, 0, 1, 1])
        XCTAssertEqual(t.validBase, [3])
        let cells = TableOutput.tidy(t, table: "sector")
        let pct = cells.first { $0.rowCode == "ai" && $0.statistic == "col_pct" }!.value
        XCTAssertEqual(pct, 200.0 / 3, accuracy: 1e-12)
    }

    func test_multiple_response_percent_of_respondents_and_of_mentions() throws {
        var t = try Tabulation(question: Self.q.question(named: "concerns")!, questionnaire: Self.q, language: nil)
        for v in ["csl tbt", "csl", "tbt", "csl"] { t.add(answer: .value(v), relevant: true) }
        let cells = TableOutput.tidy(t, table: "c")
        func stat(_ code: String, _ s: String) -> Double { cells.first { $0.rowCode == code && $0.statistic == s }!.value }
        XCTAssertEqual(stat("csl", "count"), 3)
        XCTAssertEqual(stat("csl", "pct_respondents"), 75)
        XCTAssertEqual(stat("csl", "pct_mentions"), 60)
        XCTAssertEqual(stat("tbt", "pct_mentions"), 40)
    }

    func test_cross_tab_column_percentages() throws {
        var t = try Tabulation(question: Self.q.question(named: "concerns")!, by: Self.q.question(named: "sector")!, questionnaire: Self.q, language: nil)
        t.add(answer: .value("csl"), relevant: true, byAnswer: .value("ai"))
        t.add(answer: .value("tbt"), relevant: true, byAnswer: .value("ai"))
        t.add(answer: .value("tbt"), relevant: true, byAnswer: .value("car"))
        let cells = TableOutput.tidy(t, table: "x")
        let aiCsl = cells.first { $0.rowCode == "csl" && $0.colCode == "ai" && $0.statistic == "pct_respondents" }!
        XCTAssertEqual(aiCsl.value, 50)
        XCTAssertEqual(aiCsl.colVar, "sector")
        XCTAssertEqual(cells.first { $0.rowCode == "tbt" && $0.colCode == "car" && $0.statistic == "count" }!.value, 1)
        XCTAssertEqual(cells.first { $0.rowCode == "tbt" && $0.colCode == "o2o" && $0.statistic == "count" }!.value, 0)
    }

    func test_numeric_summary_hand_worked() throws {
        let s = try XCTUnwrap(NumericSummary([2, 4, 4, 4, 5, 5, 7, 9]))
        XCTAssertEqual(s.mean, 5)
        XCTAssertEqual(s.sd, (32.0 / 7).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(s.median, 4.5)
        XCTAssertEqual(s.min, 2); XCTAssertEqual(s.max, 9)
        XCTAssertEqual(NumericSummary([3])?.sd, 0)
        XCTAssertNil(NumericSummary([]))
    }

    func test_identifiers_are_never_tabulated() {
        var q = Self.q.questions[0]
        q.identifier = true
        XCTAssertThrowsError(try Tabulation(question: q, questionnaire: Self.q, language: nil))
    }

    func test_display_width_counts_hangul_and_hanzi_as_two() {
        XCTAssertEqual(DisplayWidth.of("한국 기업"), 9)
        XCTAssertEqual(DisplayWidth.of("中国"), 4)
        XCTAssertEqual(DisplayWidth.of("ai"), 2)
    }
}
