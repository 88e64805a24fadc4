import CanvassCore
import XCTest

@testable import CanvassTabulation

final class ConcernMatrixTests: XCTestCase {
    func test_wilson_interval_matches_hand_worked_values() {
        // k = 5 of n = 10: centre (0.5 + 1.9208/10) / 1.38415 = 0.5; half 1.96 * sqrt(0.025 + 0.00960) / 1.38415 = 0.2634
        let a = Wilson.interval(successes: 5, trials: 10)!
        XCTAssertEqual(a.low, 0.2366, accuracy: 1e-4)
        XCTAssertEqual(a.high, 0.7634, accuracy: 1e-4)
        let b = Wilson.interval(successes: 0, trials: 10)!
        XCTAssertEqual(b.low, 0, accuracy: 1e-12)
        XCTAssertEqual(b.high, 0.2775, accuracy: 1e-4)
        let c = Wilson.interval(successes: 7, trials: 17)!
        XCTAssertEqual(c.low, 0.2161, accuracy: 1e-4)
        XCTAssertEqual(c.high, 0.6399, accuracy: 1e-4)
        XCTAssertNil(Wilson.interval(successes: 0, trials: 0))
    }

    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: c
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: sector, type: select_one, choices: [{code: ai, label: AI}, {code: car, label: Cars}], label: Sector}
                  - {name: areas, type: select_multiple, choices: [{code: csl, label: CSL}, {code: tbt, label: TBT}], label: Areas}
                  - {name: csl_sev, type: scale, min: 1, max: 5, label: Severity, relevant: "selected(${areas}, 'csl')"}
            """
    ).questionnaire!

    static let plan = ConcernPlanLoader.load(
        text: """
            questionnaire: c
            concerns:
              - {code: csl, experienced: "selected(${areas}, 'csl')", severity: csl_sev}
              - {code: tbt, experienced: "selected(${areas}, 'tbt')"}
            """, questionnaire: q
    ).plan!

    func matrix(_ rows: [(String, String?, String?)]) -> ConcernMatrix {
        var m = ConcernMatrix(plan: Self.plan, groupVariables: ["sector"])
        for (sector, areas, sev) in rows {
            var answers: [String: Answer] = ["sector": .value(sector)]
            if let areas { answers["areas"] = areas == "dk" ? .special(.dontKnow) : .value(areas) }
            if let sev { answers["csl_sev"] = .value(sev) }
            m.add(StoredInterview(Self.q, answers: answers))
        }
        return m
    }

    func test_incidence_severity_top_two_and_rank_hand_counted() {
        let m = matrix([
            ("ai", "csl", "5"), ("ai", "csl tbt", "3"), ("ai", "tbt", nil), ("car", "tbt", nil), ("car", "dk", nil), ("car", nil, nil),
        ])
        let total = m.cell("", "csl")
        XCTAssertEqual(total.asked, 4)  // dk and unanswered are not "asked"
        XCTAssertEqual(total.experienced, 2)
        XCTAssertEqual(total.severities, [5, 3])
        XCTAssertEqual(total.topTwo, 1)
        XCTAssertEqual(m.cell("ai", "tbt").experienced, 2)
        XCTAssertEqual(m.cell("car", "tbt").asked, 1)
        XCTAssertEqual(m.rank("", Self.plan.concerns[1]), 1)  // tbt 3/4 above csl 2/4
        XCTAssertEqual(m.rank("", Self.plan.concerns[0]), 2)
    }

    func test_suppression_at_the_boundary() {
        let m = matrix([("ai", "csl", "4"), ("ai", "tbt", nil), ("car", "csl", "2")])
        let cells = m.tidy(table: "t", language: nil, questionnaire: Self.q, policy: SmallBasePolicy(minBase: 2))
        func suppressed(_ group: String) -> Bool {
            cells.contains { $0.cell.colCode == group && $0.cell.rowCode == "csl" && $0.cell.statistic == .suppressed }
        }
        XCTAssertFalse(suppressed("ai"))  // base 2 = K: shown
        XCTAssertTrue(suppressed("car"))  // base 1 = K - 1: blanked
        // every statistic of the small cell is blanked but its base, which stays visible (one rule for every table)
        let small = cells.filter { $0.cell.colCode == "car" && $0.cell.rowCode == "csl" && $0.cell.statistic != .suppressed }
        XCTAssertEqual(small.filter { !$0.suppressed }.map(\.cell.statistic), [.base])
        XCTAssertEqual(small.first { $0.cell.statistic == .base }?.fields.last, "1")
        XCTAssertTrue(small.filter { $0.cell.statistic != .base }.allSatisfy { $0.suppressed && $0.fields.last == "" })
    }

    func test_a_broken_plan_is_located() {
        let r = ConcernPlanLoader.load(
            text: "questionnaire: c\nconcerns:\n  - {code: x, experienced: \"selected(${aeras}, 'csl')\", severity: sev}\n",
            questionnaire: Self.q)
        XCTAssertNil(r.plan)
        XCTAssertEqual(r.diagnostics.map(\.code), [.unknownReference, .unknownReference])
        XCTAssertEqual(r.diagnostics.map(\.location.line), [3, 3])
    }
}
