import CanvassCore
import XCTest

@testable import CanvassTabulation

final class TabulationTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
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
            """
    ).questionnaire!

    func test_one_way_frequencies_with_specials_and_zeros() throws {
        var t = try Tabulation(question: Self.q.question(named: "sector")!, questionnaire: Self.q, language: nil)
        for a: Answer? in [.value("ai"), .value("ai"), .value("o2o"), .special(.dontKnow), nil] { t.add(answer: a, relevant: true) }
        t.add(answer: nil, relevant: false)
        XCTAssertEqual(t.rows.map(\.code), ["ai", "o2o", "car", "-98", "-99", "", ""])
        XCTAssertEqual(t.counts.map { $0[0] }, [2, 1, 0, 1, 0, 1, 1])
        XCTAssertEqual(t.validBase, [3])
        let cells = TableOutput.tidy(t, table: "sector")
        let pct = cells.first { $0.rowCode == "ai" && $0.statistic.rawValue == "col_pct" }!.value
        XCTAssertEqual(pct, 200.0 / 3, accuracy: 1e-12)
    }

    func test_multiple_response_percent_of_respondents_and_of_mentions() throws {
        var t = try Tabulation(question: Self.q.question(named: "concerns")!, questionnaire: Self.q, language: nil)
        for v in ["csl tbt", "csl", "tbt", "csl"] { t.add(answer: .value(v), relevant: true) }
        let cells = TableOutput.tidy(t, table: "c")
        func stat(_ code: String, _ s: String) -> Double { cells.first { $0.rowCode == code && $0.statistic.rawValue == s }!.value }
        XCTAssertEqual(stat("csl", "count"), 3)
        XCTAssertEqual(stat("csl", "pct_respondents"), 75)
        XCTAssertEqual(stat("csl", "pct_mentions"), 60)
        XCTAssertEqual(stat("tbt", "pct_mentions"), 40)
    }

    func test_cross_tab_column_percentages() throws {
        var t = try Tabulation(
            question: Self.q.question(named: "concerns")!, by: Self.q.question(named: "sector")!, questionnaire: Self.q, language: nil)
        t.add(answer: .value("csl"), relevant: true, byAnswer: .value("ai"))
        t.add(answer: .value("tbt"), relevant: true, byAnswer: .value("ai"))
        t.add(answer: .value("tbt"), relevant: true, byAnswer: .value("car"))
        let cells = TableOutput.tidy(t, table: "x")
        let aiCsl = cells.first { $0.rowCode == "csl" && $0.colCode == "ai" && $0.statistic.rawValue == "pct_respondents" }!
        XCTAssertEqual(aiCsl.value, 50)
        XCTAssertEqual(aiCsl.colVar, "sector")
        XCTAssertEqual(cells.first { $0.rowCode == "tbt" && $0.colCode == "car" && $0.statistic.rawValue == "count" }!.value, 1)
        XCTAssertEqual(cells.first { $0.rowCode == "tbt" && $0.colCode == "o2o" && $0.statistic.rawValue == "count" }!.value, 0)
    }

    /// What a reader of the tables sees: no float noise, p < 0.001, the filter and base under the table, the small-base
    /// rule on percentages and statistics, labels as wide as the terminal allows.
    func test_tables_read_right() throws {
        XCTAssertEqual(TableOutput.number(100.0 / 3), "33.3333333333")
        XCTAssertEqual(TableOutput.number(200.0 / 7), "28.5714285714")
        XCTAssertEqual(TableOutput.number(12), "12")
        XCTAssertEqual(TableOutput.number(0.1 + 0.2), "0.3")
        var t = try Tabulation(
            question: Self.q.question(named: "sector")!, by: Self.q.question(named: "sector")!, questionnaire: Self.q, language: nil)
        for _ in 0..<40 { t.add(answer: .value("ai"), relevant: true, byAnswer: .value("ai")) }
        for _ in 0..<40 { t.add(answer: .value("car"), relevant: true, byAnswer: .value("car")) }
        t.add(answer: .value("o2o"), relevant: true, byAnswer: .value("o2o"))
        let text = TableOutput.text(t, questionnaire: Self.q, language: nil, filter: "${size} > 3", policy: SmallBasePolicy(minBase: 41))
        XCTAssertTrue(text.contains("p < 0.001"), text)
        XCTAssertTrue(text.contains("Base: 81 valid of 81; where ${size} > 3"), text)
        XCTAssertTrue(text.contains("% left blank where the valid base is below 41"), text)
        let aiRow = text.split(separator: "\n").first { $0.hasPrefix("ai ") }!
        XCTAssertFalse(aiRow.contains("100.0"), String(aiRow))  // ai's column has a base of 40: its % blanked
        XCTAssertTrue(aiRow.contains("49.4"), String(aiRow))  // the total's base is 81
        let long = try QuestionnaireLoader.load(
            text: """
                questionnaire: w
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: a, type: yes_no, label: "Views of ${b} here"}
                      - {name: b, type: select_one, choices: [{code: x, label: A label of thirty characters!}], label: B}
                """
        ).questionnaire!
        var w = try Tabulation(question: long.question(named: "a")!, by: long.question(named: "b")!, questionnaire: long, language: nil)
        w.add(answer: .value("yes"), relevant: true, byAnswer: .value("x"))
        let wide = TableOutput.text(w, questionnaire: long, language: nil, width: 160)
        XCTAssertTrue(wide.contains("A label of thirty characters!"), wide)
        XCTAssertTrue(wide.contains("Views of [b] here"), wide)
        XCTAssertTrue(TableOutput.text(w, questionnaire: long, language: nil, width: 80).contains("A label of thirty…"))
    }

    func test_cross_tab_row_and_total_percentages() throws {
        var t = try Tabulation(
            question: Self.q.question(named: "sector")!, by: Self.q.question(named: "sector")!, questionnaire: Self.q, language: nil)
        for v in ["ai", "ai", "o2o", "car"] { t.add(answer: .value(v), relevant: true, byAnswer: .value(v)) }
        let cells = TableOutput.tidy(t, table: "x")
        func stat(_ r: String, _ c: String, _ s: String) -> Double? {
            cells.first { $0.rowCode == r && $0.colCode == c && $0.statistic.rawValue == s }?.value
        }
        XCTAssertEqual(stat("ai", "ai", "row_pct"), 100)
        XCTAssertEqual(stat("ai", "ai", "total_pct"), 50)
        XCTAssertEqual(stat("o2o", "o2o", "total_pct"), 25)
        XCTAssertEqual(stat("o2o", "ai", "row_pct"), 0)
        XCTAssertNil(stat("ai", "", "row_pct"))  // not for the total column
    }

    func test_numeric_summary_hand_worked() throws {
        let s = try XCTUnwrap(NumericSummary([2, 4, 4, 4, 5, 5, 7, 9]))
        XCTAssertEqual(s.mean, 5)
        XCTAssertEqual(s.sd, (32.0 / 7).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(s.median, 4.5)
        XCTAssertEqual(s.min, 2)
        XCTAssertEqual(s.max, 9)
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

final class StatisticsTests: XCTestCase {
    func test_quartiles_follow_the_usual_interpolation() throws {
        let a = try XCTUnwrap(NumericSummary([4, 1, 3, 2]))
        XCTAssertEqual(a.p25, 1.75, accuracy: 1e-12)
        XCTAssertEqual(a.p75, 3.25, accuracy: 1e-12)
        let b = try XCTUnwrap(NumericSummary([2, 4, 4, 4, 5, 5, 7, 9]))
        XCTAssertEqual(b.p25, 4, accuracy: 1e-12)
        XCTAssertEqual(b.p75, 5.5, accuracy: 1e-12)
        XCTAssertEqual(NumericSummary.topTwo([5, 4, 3, 1], scaleMax: 5), 50)
    }

    func test_chi_square_matches_hand_worked_and_reference_values() throws {
        // expected 12, 18, 28, 42: X2 = 16/12 + 16/18 + 16/28 + 16/42 ... / 4 = 0.79365; p from the chi-square(1) tail
        let a = try XCTUnwrap(ChiSquare([[10, 20], [30, 40]]))
        XCTAssertEqual(a.statistic, 0.7936507936507936, accuracy: 1e-12)
        XCTAssertEqual(a.degreesOfFreedom, 1)
        XCTAssertEqual(a.pValue, 0.37299848361348686, accuracy: 1e-9)
        XCTAssertEqual(a.smallExpected, 0)
        let b = try XCTUnwrap(ChiSquare([[12, 5, 3], [4, 9, 11], [2, 6, 15], [0, 0, 0]]))  // an empty row is left out
        XCTAssertEqual(b.statistic, 18.954895815980898, accuracy: 1e-9)
        XCTAssertEqual(b.degreesOfFreedom, 4)
        XCTAssertEqual(b.pValue, 0.0008021437081075532, accuracy: 1e-9)
        XCTAssertEqual(b.smallExpected, 0)  // smallest expected 20 * 18 / 67 = 5.4
        XCTAssertEqual(ChiSquare([[1, 2], [3, 1]])?.smallExpected, 4)
        XCTAssertEqual(ChiSquare.upperTail(30.5, 10), 0.000709274917404569, accuracy: 1e-10)
        XCTAssertEqual(ChiSquare.upperTail(0.5, 3), 0.9188914116546758, accuracy: 1e-10)
        XCTAssertNil(ChiSquare([[1, 2]]))
    }
}
