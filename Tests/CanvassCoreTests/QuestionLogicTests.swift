import CanvassTestSupport
import XCTest

@testable import CanvassCore

/// calculate, default, choice_filter, or_other, required_message, read_only and soft checks, as scenarios.
final class QuestionLogicTests: XCTestCase {
    static let q: Questionnaire = {
        let r = QuestionnaireLoader.load(
            text: """
                questionnaire: logic
                version: "1"
                choice_lists:
                  province: [{code: gg, label: Gyeonggi}, {code: zj, label: Zhejiang}]
                  city:
                    - {code: suwon, province: gg, label: Suwon}
                    - {code: seongnam, province: gg, label: Seongnam}
                    - {code: hangzhou, province: zj, label: Hangzhou}
                  partner: [{code: gov, label: Government}, {code: firm, label: Firm}]
                sections:
                  - name: s
                    questions:
                      - {name: staff, type: integer, label: Staff, warning: {check: ". < 1000", message: Very large}}
                      - {name: size, type: calculate, calculation: "if(${staff} >= 100, 'large', 'small')"}
                      - {name: province, type: select_one, choices: province, label: Province, default: gg}
                      - {name: city, type: select_one, choices: city, choice_filter: "province = ${province}", label: City}
                      - {name: partner, type: select_one, choices: partner, or_other: true, label: Partner}
                      - {name: wave, type: integer, label: Wave, default: "2", read_only: true}
                      - {name: contact, type: text, required: true, required_message: Ask for a contact person, label: Contact}
                """)
        XCTAssertEqual(r.errors, [])
        return r.questionnaire!
    }()

    func test_or_other_adds_the_other_choice_and_its_text_question() {
        let q = Self.q
        XCTAssertEqual(q.question(named: "partner")?.choices.map(\.code), ["gov", "firm", "other"])
        let other = q.question(named: "partner_other")!
        XCTAssertEqual(other.type, .text)
        var e = InterviewEngine(questionnaire: q)
        let i = q.index(of: "partner_other")!
        XCTAssertFalse(e.isRelevant(i))
        e.record(.value("other"), for: "partner")
        XCTAssertTrue(e.isRelevant(i))
    }

    func test_calculations_follow_the_answers_they_read() {
        var e = InterviewEngine(questionnaire: Self.q)
        XCTAssertEqual(e.answers["size"], .value("small"))  // an empty answer reads as '', as in XLSForm
        e.record(.value("250"), for: "staff")
        XCTAssertEqual(e.answers["size"], .value("large"))
        XCTAssertEqual(e.calculationChanges.map(\.name), ["size"])
        e.record(.value("20"), for: "staff")
        XCTAssertEqual(e.answers["size"], .value("small"))
        e.record(.value("21"), for: "staff")
        XCTAssertTrue(e.calculationChanges.isEmpty)
    }

    func test_choice_filter_offers_the_chosen_provinces_cities() {
        var e = InterviewEngine(questionnaire: Self.q)
        let city = Self.q.index(of: "city")!
        XCTAssertEqual(e.choices(at: city).map(\.code), [])
        e.record(.value("gg"), for: "province")
        XCTAssertEqual(e.choices(at: city).map(\.code), ["suwon", "seongnam"])
        XCTAssertNotNil(try? e.interpret("2", at: city).get())
        XCTAssertEqual(try? e.interpret("2", at: city).get(), .value("seongnam"))
        XCTAssertThrowsError(try e.interpret("hangzhou", at: city).get())
        XCTAssertThrowsError(try e.check(.value("hangzhou"), at: city, strict: true).get())
    }

    func test_bare_names_only_in_choice_filters() {
        let r = QuestionnaireLoader.load(
            text:
                "questionnaire: x\nversion: '1'\nsections:\n  - name: s\n    questions:\n      - {name: a, type: text, label: A, relevant: \"province = 'x'\"}\n"
        )
        XCTAssertEqual(r.errors.map(\.code), [.expressionSyntax])
    }

    func console(_ input: [String]) throws -> (ConsoleTranscript, [(String, String)]) {
        let t = ConsoleTranscript(input)
        var confirmed: [(String, String)] = []
        var console = t.console(InterviewEngine(questionnaire: Self.q))
        console.persistence.confirmWarning = { name, _, reason in confirmed.append((name, reason)) }
        _ = try console.run()
        return (t, confirmed)
    }

    func test_a_soft_check_is_confirmed_with_a_reason_or_the_answer_changed() throws {
        var (t, confirmed) = try console(["5000", ":confirm", ":confirm group-wide figure", ":quit"])
        XCTAssertTrue(t.output.contains("? Very large: change the answer, or keep it with :confirm REASON"))
        XCTAssertTrue(t.output.contains("! give the reason"))
        XCTAssertEqual(confirmed.map(\.1), ["group-wide figure"])
        XCTAssertEqual(t.saved.first { $0.0 == "staff" }?.1, .value("5000"))
        (t, confirmed) = try console(["5000", "500", ":quit"])
        XCTAssertTrue(confirmed.isEmpty)
        XCTAssertEqual(t.saved.first { $0.0 == "staff" }?.1, .value("500"))
        // the calculation's first value is stored when the interview starts, and again when the answer it reads changes it
        XCTAssertEqual(t.saved.map(\.0), ["size", "staff", "size"])
        // an answer and the calculation it changes are one transaction: there is no moment between them to be killed in
        XCTAssertEqual(t.transactions, [["size"], ["staff", "size"]])
        XCTAssertEqual(t.saved.map(\.1), [.value("small"), .value("500"), .value("large")])
    }

    func test_default_read_only_and_required_message() throws {
        let (t, _) = try console(["10", "", "1", "gov", "", ":quit"])
        XCTAssertTrue(t.output.contains("(default: gg; Enter accepts it)"))
        XCTAssertEqual(t.saved.first { $0.0 == "province" }?.1, .value("gg"))
        XCTAssertEqual(t.saved.first { $0.0 == "city" }?.1, .value("suwon"))
        XCTAssertEqual(t.saved.first { $0.0 == "wave" }?.1, .value("2"))
        XCTAssertTrue(t.output.contains("wave: Wave: 2"))
        XCTAssertTrue(t.output.contains("! Ask for a contact person"))
    }
}

final class PipingTests: XCTestCase {
    func test_labels_show_earlier_answers() {
        var e = InterviewEngine(questionnaire: QuestionLogicTests.q)
        e.record(.value("zj"), for: "province")
        e.record(.value("250"), for: "staff")
        XCTAssertEqual(
            e.piped("Firms in ${province} with ${staff} staff (${size}); ${nosuch} stays", language: nil),
            "Firms in Zhejiang with 250 staff (large); ${nosuch} stays")
        XCTAssertEqual(e.piped("unclosed ${province", language: nil), "unclosed ${province")
        XCTAssertEqual(e.piped("${city} unanswered", language: nil), " unanswered")
    }
}
