import XCTest

@testable import CanvassCore

/// XLSForm's types that make sense at a text prompt: what each accepts, stores, and refuses with which reason.
final class PromptTypeTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: types
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: at, type: time, label: At}
                  - {name: when, type: datetime, label: When}
                  - {name: where, type: geopoint, label: Where}
                  - {name: code, type: barcode, label: Code}
                  - {name: ok, type: acknowledge, label: Read this}
                  - {name: score, type: range, min: 0, max: 10, step: 2, label: Score}
                  - {name: order, type: rank, choices: [{code: a, label: A}, {code: b, label: B}, {code: c, label: C}], label: Order}
            """
    )

    func question(_ name: String) throws -> Question {
        try XCTUnwrap(Self.q.questionnaire?.question(named: name), "\(Self.q.diagnostics)")
    }

    func test_what_each_type_accepts_and_stores() throws {
        let cases: [(String, String, String?)] = [
            ("at", "9:05", "09:05:00"), ("at", "14:30:15", "14:30:15"), ("at", "24:00", nil), ("at", "14:5", nil), ("at", "noon", nil),
            ("when", "2018-07-02 14:30", "2018-07-02T14:30:00"), ("when", "2018-07-02T14:30:05", "2018-07-02T14:30:05"),
            ("when", "2018-02-30 10:00", nil), ("when", "2018-07-02", nil),
            ("where", "39.9042 116.4074", "39.9042 116.4074"), ("where", "39.90420, 116.4074, 50, 5", "39.9042 116.4074 50 5"),
            ("where", "91 0", nil), ("where", "39.9", nil), ("where", "1 2 3 -4", nil),
            ("code", "9787020002207", "9787020002207"), ("ok", "ok", "OK"), ("ok", "확인", "OK"), ("ok", "no", nil),
            ("score", "4", "4"), ("score", "10", "10"), ("score", "5", nil), ("score", "12", nil),
            ("order", "b a c", "b a c"), ("order", "3 1 2", "c a b"), ("order", "a b", nil), ("order", "a a b", nil),
        ]
        for (name, typed, stored) in cases {
            let result = AnswerParser.parse(typed, for: try question(name))
            switch (result, stored) {
            case (.success(let v), let s?): XCTAssertEqual(v, s, "\(name): \(typed)")
            case (.failure, nil): continue
            default: XCTFail("\(name): '\(typed)' gave \(result), expected \(stored ?? "a refusal")")
            }
        }
        // the reasons say the form to use
        guard case .failure(let r) = AnswerParser.parse("5", for: try question("score")) else { return XCTFail() }
        XCTAssertEqual(r.reason, "enter a whole number from 0 to 10 in steps of 2")
        guard case .failure(let t) = AnswerParser.parse("noon", for: try question("at")) else { return XCTFail() }
        XCTAssertEqual(t.text("ko"), "'noon'은(는) 시각이 아닙니다: HH:MM 형식으로 (예: 14:30)")
        // stored data is read strictly: a rank of numbers is not a stored rank
        if case .success = AnswerParser.parse("3 1 2", for: try question("order"), strict: true) { XCTFail("strict rank takes codes only") }
    }

    func test_a_range_needs_its_bounds_and_a_positive_step() {
        let d = QuestionnaireLoader.load(
            text: """
                questionnaire: t
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: r, type: range, max: 10, label: R}
                      - {name: s, type: range, min: 0, max: 4, step: 0, label: S}
                """
        ).diagnostics
        XCTAssertTrue(d.contains { $0.code == .missingKey && $0.message.contains("range question 'r' needs both min and max") }, "\(d)")
        XCTAssertTrue(d.contains { $0.code == .scaleRange && $0.message.contains("must be 1 or more") }, "\(d)")
    }
}

/// XLSForm's dynamic required and guidance hints.
final class DynamicRequiredTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: dr
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: works, type: yes_no, label: Works in China?}
                  - {name: city, type: text, label: Which city?, required: "${works} = 'yes'", guidance_hint: Ask for the main office.}
            """
    ).questionnaire!

    func test_required_where_its_expression_is_true() throws {
        let city = try XCTUnwrap(Self.q.question(named: "city"))
        XCTAssertEqual(city.requiredIf?.text, "${works} = 'yes'")
        XCTAssertEqual(city.guidance?.texts[LocalizedText.anyLanguage], "Ask for the main office.")
        // a completed interview: the city is needed only from a firm that works in China
        if case .success = InterviewEngine.check(["works": .value("yes")], questionnaire: Self.q, completed: true) {
            XCTFail("works = yes and no city: city is required")
        }
        XCTAssertNoThrow(try InterviewEngine.check(["works": .value("no")], questionnaire: Self.q, completed: true).get())
        // at the prompt: an empty answer is refused only where it is required
        var yes = InterviewEngine(questionnaire: Self.q, answers: ["works": .value("yes")])
        XCTAssertTrue(yes.question(at: 1).required)
        XCTAssertEqual(yes.firstMissingRequiredIndex(), 1)
        yes = InterviewEngine(questionnaire: Self.q, answers: ["works": .value("no")])
        XCTAssertFalse(yes.question(at: 1).required)
        XCTAssertNil(yes.firstMissingRequiredIndex())
    }
}

/// XLSForm's dynamic defaults: worked out when the question is shown, offered only when valid.
final class DynamicDefaultTests: XCTestCase {
    func test_a_default_that_reads_answers_is_worked_out_at_the_prompt() throws {
        let q = try XCTUnwrap(
            QuestionnaireLoader.load(
                text: """
                    questionnaire: dd
                    version: "1"
                    sections:
                      - name: s
                        questions:
                          - {name: city, type: text, label: City?}
                          - {name: project_city, type: text, label: Project city?, default: "${city}"}
                          - {name: n, type: integer, label: N?, default: "concat('x', ${city})"}
                          - {name: plain, type: text, label: Plain?, default: "Seoul (main office)"}
                    """
            ).questionnaire)
        XCTAssertEqual(q.question(named: "project_city")?.defaultExpression?.text, "${city}")
        XCTAssertEqual(q.question(named: "plain")?.defaultValue, "Seoul (main office)", "text with brackets that is no expression")
        let engine = InterviewEngine(questionnaire: q, answers: ["city": .value("Shanghai")])
        XCTAssertEqual(engine.question(at: 1).defaultValue, "Shanghai")
        XCTAssertNil(engine.question(at: 2).defaultValue, "'xShanghai' is not a whole number: no default offered")
        XCTAssertNil(InterviewEngine(questionnaire: q).question(at: 1).defaultValue, "nothing to offer before the city")
    }
}

/// Calculations that read later answers settle in dependency order (XLSForm's forward references); a circle is refused.
final class CalculationOrderTests: XCTestCase {
    func test_calculations_reading_later_answers_settle() throws {
        let q = try XCTUnwrap(
            QuestionnaireLoader.load(
                text: """
                    questionnaire: fw
                    version: "1"
                    sections:
                      - name: s
                        questions:
                          - {name: total, type: calculate, calculation: "${a} + ${b}"}
                          - {name: doubled, type: calculate, calculation: "${later} * 2"}
                          - {name: a, type: integer, label: A?}
                          - {name: b, type: integer, label: B?}
                          - {name: later, type: calculate, calculation: "${total} + 1"}
                    """
            ).questionnaire)
        XCTAssertTrue(q.calculationsReadLater)
        let checked = try InterviewEngine.check(["a": .value("2"), "b": .value("3")], questionnaire: q, completed: true).get()
        XCTAssertEqual(checked["total"], .value("5"))
        XCTAssertEqual(checked["later"], .value("6"))
        XCTAssertEqual(checked["doubled"], .value("12"))
        // and at the prompt, as each answer comes
        var engine = InterviewEngine(questionnaire: q)
        engine.record(.value("2"), for: "a")
        engine.record(.value("3"), for: "b")
        XCTAssertEqual(engine.answers["doubled"], .value("12"))
    }

    func test_a_relevance_reading_ahead_is_warned_and_settles() throws {
        let d = QuestionnaireLoader.load(
            text: """
                questionnaire: fw
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: q2, type: text, label: Why?, relevant: "${n} > 1"}
                      - {name: n, type: integer, label: N?}
                """
        )
        XCTAssertTrue(d.diagnostics.contains { $0.code == .forwardReference && $0.severity == .warning }, "\(d.diagnostics)")
        // once the later answer is given, the walk sees it: q2 is asked (on a second pass, as ODK re-evaluates)
        let q = try XCTUnwrap(d.questionnaire)
        XCTAssertTrue(InterviewEngine(questionnaire: q, answers: ["n": .value("5")]).isRelevant(0))
        XCTAssertFalse(InterviewEngine(questionnaire: q, answers: ["n": .value("0")]).isRelevant(0))
    }
}
