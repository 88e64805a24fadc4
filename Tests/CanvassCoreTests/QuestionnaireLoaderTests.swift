import XCTest

@testable import CanvassCore

final class QuestionnaireLoaderTests: XCTestCase {
    static let minimal = """
        questionnaire: demo
        version: "2018.1"
        languages: [ko, en]
        choice_lists:
          sector:
            - {code: ai, label: {ko: 인공지능, en: AI}}
            - {code: o2o, label: {ko: O2O, en: O2O}}
        sections:
          - name: profile
            title: {ko: 개요, en: Profile}
            questions:
              - {name: firm_name, type: text, identifier: true, required: true, label: {ko: 기업명, en: Firm name}}
              - {name: sector, type: select_one sector, label: {ko: 분야, en: Sector}}
              - {name: size, type: integer, label: {ko: 규모, en: Size}, constraint: ". > 0", relevant: "${sector} = 'ai'"}
              - {name: serious, type: scale, min: 1, max: 5, label: {ko: 심각도, en: Severity}, special: [dk]}
        """

    func test_a_valid_questionnaire_loads_with_its_structure() throws {
        let r = QuestionnaireLoader.load(text: Self.minimal)
        XCTAssertEqual(r.diagnostics, [])
        let q = try XCTUnwrap(r.questionnaire)
        XCTAssertEqual(q.id, "demo")
        XCTAssertEqual(q.version, "2018.1")
        XCTAssertEqual(q.questions.map(\.name), ["firm_name", "sector", "size", "serious"])
        XCTAssertEqual(q.question(named: "sector")?.choices.map(\.code), ["ai", "o2o"])
        XCTAssertEqual(q.question(named: "sector")?.choiceListName, "sector")
        XCTAssertEqual(q.question(named: "firm_name")?.identifier, true)
        XCTAssertEqual(q.question(named: "serious")?.special, [.dontKnow])
        XCTAssertEqual(q.question(named: "size")?.relevant?.text, "${sector} = 'ai'")
        XCTAssertEqual(q.text(q.question(named: "sector")!.label, in: "en"), "Sector")
        XCTAssertEqual(q.specialCodes[.dontKnow], "-98")
    }

    func test_json_with_the_same_structure_is_accepted() throws {
        let json = """
            {
            \t"questionnaire": "demo", "version": "1",
            \t"sections": [{"name": "s", "questions": [{"name": "q1", "type": "integer", "label": "Age"}]}]
            }
            """
        let r = QuestionnaireLoader.load(text: json, isJSON: true)
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(r.questionnaire?.questions.first?.type, .integer)
    }

    func test_every_problem_is_reported_in_one_run() {
        let text = """
            questionnaire: demo
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: q1, type: integr, label: A}
                  - {name: q2, type: select_one, label: B}
                  - {name: q3, type: text, label: C, relevant: "${nothing} = 1"}
            """
        let codes = QuestionnaireLoader.load(text: text).diagnostics.map(\.code)
        XCTAssertEqual(codes, [.unknownType, .missingChoices])  // references are checked once the structure is sound
    }

    func test_reference_errors_are_reported_when_structure_is_sound() {
        let text = """
            questionnaire: demo
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: q1, type: text, label: A, relevant: "${q2} = 'x'"}
                  - {name: q2, type: text, label: B, relevant: "${nothing} = 1 and ${q1} != ''"}
            """
        let d = QuestionnaireLoader.load(text: text).diagnostics
        XCTAssertEqual(d.map(\.code), [.forwardReference, .unknownReference])
        XCTAssertEqual(d.map(\.location), [SourceLocation(line: 6, column: 53), SourceLocation(line: 7, column: 53)])
    }

    func test_an_alias_bomb_does_not_hang() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]\n" }
        text += "questionnaire: demo\nversion: '1'\nsections: *a11\n"
        let start = Date()
        let r = QuestionnaireLoader.load(text: text)
        XCTAssertNil(r.questionnaire)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    }

    func test_empty_file_is_a_clear_error() {
        XCTAssertEqual(QuestionnaireLoader.load(text: "").errors.map(\.code), [.missingKey])
        XCTAssertEqual(QuestionnaireLoader.load(text: "- just\n- a list\n").errors.map(\.code), [.wrongValueType])
    }

    func test_yes_no_gets_yes_and_no_choices() throws {
        let q = try XCTUnwrap(
            QuestionnaireLoader.load(
                text:
                    "questionnaire: d\nversion: '1'\nsections:\n  - name: s\n    questions:\n      - {name: c, type: yes_no, label: OK?}\n"
            ).questionnaire)
        XCTAssertEqual(q.questions[0].choices.map(\.code), ["yes", "no"])
    }
}
