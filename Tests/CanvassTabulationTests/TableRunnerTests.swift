import CanvassCore
import XCTest

@testable import CanvassTabulation

/// Table runs on interviews handed over as plain values: relevance, `--where`, repeat instances, versions.
final class TableRunnerTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: t
            version: "1"
            choice_lists:
              sector: [{code: ai, label: AI}, {code: car, label: Cars}]
              yn: [{code: "yes", label: Yes}, {code: "no", label: No}]
              role: [{code: lead, label: Lead}, {code: member, label: Member}]
            sections:
              - name: s
                questions:
                  - {name: sector, type: select_one, choices: sector, label: Sector}
                  - {name: china, type: select_one, choices: yn, label: In China?}
                  - {name: years, type: integer, label: Years, relevant: "${china} = 'yes'"}
                  - {name: areas, type: select_multiple, choices: [{code: csl, label: CSL}, {code: tbt, label: TBT}], label: Areas}
                  - {name: csl_sev, type: scale, min: 1, max: 5, label: Severity, relevant: "selected(${areas}, 'csl')"}
              - name: people
                repeat: true
                questions:
                  - {name: role, type: select_one, choices: role, label: Role}
            """
    ).questionnaire!

    static let versions = QuestionnaireVersions(id: "t", versions: [.init(row: 1, questionnaire: q)])

    static func interview(_ id: Int, _ answers: [String: Answer], status: InterviewStatus = .completed) -> InterviewData {
        InterviewData(
            record: InterviewRecord(
                id: id, key: "k\(id)", questionnaireVersionRowID: 1, questionnaire: "t", version: "1", respondent: "r\(id)",
                interviewer: "kim", language: nil, status: status, startedAt: "2018-07-02T10:00:00+09:00", updatedAt: "", completedAt: nil),
            answers: answers)
    }

    static let interviews = InterviewList([
        interview(
            1, ["sector": .value("ai"), "china": .value("yes"), "years": .value("3"), "areas": .value("csl"), "csl_sev": .value("5")]),
        // an answer kept after its question stopped being asked is not counted
        interview(2, ["sector": .value("ai"), "china": .value("no"), "years": .value("7"), "areas": .value("tbt")]),
        interview(
            3,
            [
                "sector": .value("car"), "china": .value("yes"), "years": .special(.dontKnow), "areas": .value("csl tbt"),
                "csl_sev": .value("2"),
            ]),
        interview(4, ["sector": .value("car"), "china": .value("yes"), "years": .value("1")], status: .open),
        interview(
            5,
            [
                "sector": .value("car"), "china": .value("no"), "people[1]/role": .value("lead"), "people[2]": .value("yes"),
                "people[2]/role": .value("member"), "people[3]": .value("no"),
            ]),
    ])

    func count(_ t: Tabulation, _ row: String, column: Int? = nil) -> Int {
        let r = t.rows.firstIndex { $0.code == row && $0.kind == .value }!
        return t.counts[r][column ?? t.columns.count - 1]
    }

    func test_frequencies_count_completed_interviews_and_only_answers_that_were_asked() throws {
        let (t, n) = try TableRunner(Self.interviews, includeOpen: false).freq(
            Self.versions, question: "years", by: nil, filter: nil, language: nil)
        XCTAssertEqual(n, 4)  // the open interview is left out
        XCTAssertEqual(t.rows.first { $0.kind == .notAsked }.map { t.counts[t.rows.firstIndex(of: $0)!][0] }, 2)  // interviews 2 and 5
        XCTAssertEqual(t.numbers[0], [3])  // 7 was given but is no longer asked; dk is not a number
        let (open, m) = try TableRunner(Self.interviews, includeOpen: true).freq(
            Self.versions, question: "years", by: nil, filter: nil, language: nil)
        XCTAssertEqual(m, 5)
        XCTAssertEqual(open.numbers[0], [3, 1])
    }

    func test_where_filters_and_by_crosses() throws {
        let filter = try InterviewFilter.parse("${china} = 'yes'", for: Self.q)
        let (t, n) = try TableRunner(Self.interviews, includeOpen: false).freq(
            Self.versions, question: "areas", by: "sector", filter: filter, language: nil)
        XCTAssertEqual(n, 2)
        XCTAssertEqual(t.columns.map(\.code), ["ai", "car", ""])
        XCTAssertEqual(count(t, "csl", column: 0), 1)
        XCTAssertEqual(count(t, "tbt", column: 1), 1)
        XCTAssertEqual(count(t, "tbt", column: 0), 0)
        XCTAssertThrowsError(try InterviewFilter.parse("${chna} = 'yes'", for: Self.q)) {
            XCTAssertEqual(($0 as? FilterError)?.message, "--where: ${chna} is not a question of t; did you mean ${china}?")
        }
    }

    func test_a_question_inside_a_repeat_counts_its_instances() throws {
        let (t, n) = try TableRunner(Self.interviews, includeOpen: false).freq(
            Self.versions, question: "role", by: "sector", filter: nil, language: nil)
        XCTAssertEqual(n, 5)  // instances, not interviews: every interview has its first person (unanswered in 1-3), interview 5 two
        XCTAssertEqual(count(t, "lead", column: 1), 1)
        XCTAssertEqual(count(t, "member", column: 1), 1)
        XCTAssertThrowsError(
            try TableRunner(Self.interviews, includeOpen: false).freq(
                Self.versions, question: "sector", by: "role", filter: nil, language: nil))
    }

    func test_unknown_questions_get_a_suggestion() {
        XCTAssertThrowsError(
            try TableRunner(Self.interviews, includeOpen: false).freq(Self.versions, question: "sectr", by: nil, filter: nil, language: nil)
        ) {
            XCTAssertEqual(($0 as? TableError)?.message, "t has no question 'sectr'; did you mean sector?")
        }
    }

    func test_concerns_read_stored_answers_as_the_walk_asks_them() throws {
        let plan = ConcernPlanLoader.load(
            text: """
                questionnaire: t
                concerns:
                  - {code: csl, experienced: "selected(${areas}, 'csl')", severity: csl_sev}
                """, questionnaire: Self.q
        ).plan!
        let (m, n) = try TableRunner(Self.interviews, includeOpen: false).concerns(
            Self.versions, plan: plan, groups: ["sector"], filter: nil, language: nil)
        XCTAssertEqual(n, 4)
        XCTAssertEqual(m.cell("", "csl").asked, 3)  // interview 5 gave no areas
        XCTAssertEqual(m.cell("", "csl").experienced, 2)
        XCTAssertEqual(m.cell("car", "csl").meanSeverity, 2)
        XCTAssertEqual(m.groupOrder, ["ai", "car"])
        XCTAssertEqual(m.groupLabels["car"], "Cars")
    }

    func test_the_small_base_rule_hides_statistics_keeps_the_base_and_marks_once() throws {
        let (t, _) = try TableRunner(Self.interviews, includeOpen: false).freq(
            Self.versions, question: "china", by: "sector", filter: nil, language: nil)
        let rows = TableRunner.tidy(t, name: "china", policy: SmallBasePolicy(minBase: 3))
        // ai has 2 interviews (below 3): its statistics are blank, its base is shown; car has 2 too; the total has 4
        let ai = rows.filter { $0.cell.colCode == "ai" }
        XCTAssertEqual(ai.first { $0.cell.statistic == .base }?.fields.last, "2")
        XCTAssertTrue(ai.filter { $0.cell.statistic == .count }.allSatisfy { $0.suppressed && $0.fields.last == "" })
        // one marker for each row of the column: yes, no, dk, rf, no answer, not asked
        XCTAssertEqual(
            ai.filter { $0.cell.statistic == .suppressed }.map(\.cell.rowLabel),
            ["Yes", "No", "don't know", "refused", "no answer", "not asked"])
        XCTAssertFalse(rows.filter { $0.cell.colCode == "" }.contains { $0.suppressed })
        XCTAssertEqual(TableRunner.tidy(t, name: "china", policy: SmallBasePolicy(minBase: 0)).filter(\.suppressed).count, 0)
    }

    func test_a_plan_run_gives_every_table_an_index_row_and_a_manifest() throws {
        let plan = ConcernPlanLoader.load(
            text: """
                questionnaire: t
                concerns:
                  - {code: csl, experienced: "selected(${areas}, 'csl')"}
                tables:
                  - {name: roles, kind: freq, question: role}
                  - {name: matrix, kind: concerns, by: [sector], min_base: 2}
                """, questionnaire: Self.q)
        XCTAssertEqual(plan.diagnostics.map(\.message), [])
        let run = try PlanRun(try XCTUnwrap(plan.plan), runner: TableRunner(Self.interviews, includeOpen: false), language: nil) { _ in
            Self.versions
        }
        XCTAssertEqual(run.tables.map(\.spec.name), ["roles", "matrix"])
        XCTAssertEqual(run.tables.map(\.unit), ["instances of people", "interviews"])
        XCTAssertEqual(run.tables.map(\.count), [5, 4])
        XCTAssertEqual(run.index.count, 3)
        XCTAssertEqual(
            run.index[1],
            ["roles", "freq", "roles", "t", "role", "", "", "0", "5", "instances of people", String(run.tables[0].rows.count), "roles.csv"])
        let manifest = run.manifest(
            canvass: "0.1.0", plan: "p.yaml", planSHA256: "abc", databaseID: "db", includeOpen: false, language: nil, generatedAt: "now",
            versions: [Self.versions])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        XCTAssertTrue(json.contains(#""language":null"#), json)
        XCTAssertTrue(json.contains(#""tables":[{"interviews":5,"table":"roles","where":""}"#), json)
    }
}
