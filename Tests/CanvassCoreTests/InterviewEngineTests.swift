import CanvassTestSupport
import XCTest

@testable import CanvassCore

/// Scenario tests that read like an interview (after javarosa's Scenario).
final class InterviewEngineTests: XCTestCase {
    static let questionnaire = QuestionnaireLoader.load(
        text: """
            questionnaire: firm
            version: "1"
            special_answers: {dk: 98, rf: 99}
            choice_lists:
              concern:
                - {code: csl, label: Cybersecurity law}
                - {code: tbt, label: Technical barriers}
            sections:
              - name: intro
                questions:
                  - {name: consent, type: yes_no, required: true, special: [], label: Consent?}
              - name: profile
                relevant: "${consent} = 'yes'"
                questions:
                  - {name: employees, type: integer, label: Employees, constraint: ". >= 1 and . <= 5000000", constraint_message: Between 1 and 5000000}
                  - {name: founded, type: date, label: Founded}
                  - {name: concerns, type: select_multiple, choices: concern, label: Concerns}
                  - {name: csl_severity, type: scale, min: 1, max: 5, label: How serious?, relevant: "selected(${concerns}, 'csl')", special: [dk]}
                  - {name: note, type: note, label: Thanks}
            """
    ).questionnaire!

    func test_a_refusal_skips_the_profile_section() {
        var s = Scenario(Self.questionnaire)
        XCTAssertNil(s.answer("consent", "n"))
        XCTAssertNil(s.engine.nextRelevantIndex(from: 1))
        XCTAssertNil(s.engine.firstUnansweredIndex())
    }

    func test_skip_logic_follows_the_answers() {
        var s = Scenario(Self.questionnaire)
        XCTAssertNil(s.answer("consent", "y"))
        XCTAssertEqual(s.engine.firstUnansweredIndex(), 1)
        XCTAssertNil(s.answer("employees", "120"))
        XCTAssertNil(s.answer("founded", "2001-02-28"))
        XCTAssertNil(s.answer("concerns", "tbt"))
        XCTAssertFalse(s.engine.isRelevant(4))
        XCTAssertNil(s.answer("concerns", "2, 1"))
        XCTAssertEqual(s.engine.answers["concerns"], .value("csl tbt"))  // list order, whatever the typed order
        XCTAssertTrue(s.engine.isRelevant(4))
        XCTAssertEqual(s.engine.firstUnansweredIndex(), 4)
    }

    func test_bad_answers_are_rejected_with_a_reason() {
        var s = Scenario(Self.questionnaire)
        XCTAssertEqual(s.answer("consent", "maybe"), "answer y or n (예 / 아니오, 是 / 否)")
        _ = s.answer("consent", "yes")
        XCTAssertEqual(s.answer("employees", "0"), "Between 1 and 5000000")
        XCTAssertEqual(s.answer("employees", "12a"), "'12a' is not a whole number")
        XCTAssertEqual(s.answer("employees", "1e3"), "'1e3' is not a whole number")
        XCTAssertNotNil(s.answer("founded", "2018-02-30"))
        XCTAssertNotNil(s.answer("founded", "18-02-01"))
        XCTAssertNotNil(s.answer("concerns", "csl xyz"))
        XCTAssertNotNil(s.answer("concerns", "3"))
        XCTAssertNil(s.answer("concerns", "1"))
        XCTAssertEqual(s.answer("csl_severity", "6"), "enter a whole number from 1 to 5")
        XCTAssertNil(s.answer("csl_severity", "5"))
        XCTAssertNil(s.engine.answers["employees"])
    }

    func test_an_answer_hidden_by_a_later_change_no_longer_counts() {
        var s = Scenario(Self.questionnaire)
        _ = s.answer("consent", "y")
        _ = s.answer("concerns", "csl")
        _ = s.answer("csl_severity", "4")
        XCTAssertEqual(s.engine.relevantAnswers["csl_severity"], .value("4"))
        _ = s.answer("concerns", "tbt")
        XCTAssertEqual(s.engine.answers["csl_severity"], .value("4"))  // kept
        XCTAssertNil(s.engine.relevantAnswers["csl_severity"])  // but not exported or tabulated
        XCTAssertEqual(s.engine.visibleValue(of: "csl_severity"), "")
    }

    func test_required_questions_are_found_missing() {
        var s = Scenario(Self.questionnaire)
        XCTAssertEqual(s.engine.firstMissingRequiredIndex(), 0)
        _ = s.answer("consent", "y")
        XCTAssertNil(s.engine.firstMissingRequiredIndex())
    }

    func test_import_validation_is_strict_about_codes() {
        let e = Scenario(Self.questionnaire).engine
        let i = e.questionnaire.index(of: "concerns")!
        XCTAssertEqual(try e.check(.value("tbt csl"), at: i, strict: true).get(), .value("csl tbt"))
        XCTAssertThrowsError(try e.check(.value("1"), at: i, strict: true).get())
        XCTAssertThrowsError(try e.check(.special(.refused), at: e.questionnaire.index(of: "csl_severity")!, strict: true).get())
        XCTAssertThrowsError(try e.check(.value("y"), at: 0, strict: true).get())
        XCTAssertThrowsError(try e.check(.skipped, at: 0, strict: true).get())
    }

    func test_answer_parser_canonical_forms() {
        XCTAssertEqual(AnswerParser.parseDecimal("012.50"), "12.5")
        XCTAssertEqual(AnswerParser.parseDecimal("-0.0"), "0")
        XCTAssertEqual(AnswerParser.parseDecimal(".5"), "0.5")
        XCTAssertNil(AnswerParser.parseDecimal("1,5"))
        XCTAssertNil(AnswerParser.parseDecimal("nan"))
        XCTAssertNil(AnswerParser.parseInteger("99999999999999999999999"))
        XCTAssertNotNil(AnswerParser.parseDate("2016-02-29"))
        XCTAssertNil(AnswerParser.parseDate("2018-02-29"))
    }
}
