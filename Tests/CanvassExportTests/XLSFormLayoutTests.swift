import CanvassCore
import XCTest

@testable import CanvassExport

/// The XLSForm sheets of a questionnaire, cell by cell, and the list of what XLSForm cannot carry.
final class XLSFormLayoutTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: meet
            version: "3"
            title: {ko: 회의, en: Meeting}
            languages: [ko, en]
            instance_name: "concat('m ', ${place})"
            sections:
              - name: s
                title: {ko: 기본, en: Basics}
                questions:
                  - {name: place, type: text, identifier: true, label: {ko: 장소, en: Place}}
                  - {name: ok, type: yes_no, required: true, label: {ko: 동의, en: Agree}}
              - name: people
                repeat: true
                label: {ko: 참석자, en: person}
                questions:
                  - {name: role, type: select_one, choices: [{code: a, label: A}, {code: b, label: B}], label: {ko: 역할, en: Role}}
              - name: views
                repeat: true
                repeat_count: count(${people})
                questions:
                  - {name: view, type: long_text, relevant: "${role} != 'b'", label: {ko: 의견, en: View}}
                  - {name: sev, type: scale, min: 1, max: 4, label: {ko: 심각도, en: Severity}}
            """
    ).questionnaire!

    func test_sheets_rows_and_what_is_not_carried() {
        let l = XLSFormLayout(Self.q)
        XCTAssertEqual(Array(l.survey[0].prefix(4)), ["type", "name", "label::Korean (ko)", "label::English (en)"])
        let types = l.survey.dropFirst().map { $0[0] + " " + $0[1] }
        XCTAssertEqual(
            types,
            [
                "begin_group s", "text place", "select_one yes_no ok", "end_group ", "begin_repeat people", "select_one role role",
                "end_repeat ", "begin_repeat views", "text view", "integer sev", "end_repeat ",
            ])
        let header = l.survey[0]
        func cell(_ name: String, _ column: String) -> String { l.survey.first { $0[1] == name }![header.firstIndex(of: column)!] }
        // a repeat walking alongside reads the other repeat's instance explicitly, as ODK needs
        XCTAssertEqual(cell("view", "relevant"), "indexed-repeat(${role}, ${people}, position(..)) != 'b'")
        XCTAssertEqual(cell("view", "appearance"), "multiline")
        XCTAssertEqual(cell("views", "repeat_count"), "count(${people})")
        XCTAssertEqual(cell("sev", "constraint"), ". >= 1 and . <= 4")
        XCTAssertEqual(cell("ok", "required"), "yes")
        XCTAssertTrue(l.choices.contains(["yes_no", "yes", "예", "Yes"]), "\(l.choices)")
        XCTAssertTrue(l.choices.contains(["role", "a", "A", "A"]), "\(l.choices)")
        XCTAssertEqual(
            l.settings[0],
            [
                "form_title", "form_id", "version", "default_language", "instance_name", "canvass::title::Korean (ko)",
                "canvass::title::English (en)", "canvass::special_answers", "canvass::redact",
            ])
        XCTAssertEqual(l.settings[1], ["회의", "meet", "3", "Korean (ko)", "concat('m ', ${place})", "회의", "Meeting", "", ""])
        // what ODK has no place for, in columns it ignores and schema import reads: the scale, the identifier
        XCTAssertEqual(cell("sev", "canvass::type"), "scale")
        XCTAssertEqual(cell("sev", "canvass::max"), "4")
        XCTAssertEqual(cell("sev", "canvass::constraint"), "", "the scale's own constraint (none), not the range ODK checks")
        XCTAssertEqual(cell("place", "canvass::identifier"), "yes")
        XCTAssertEqual(cell("ok", "canvass::type"), "yes_no")
        XCTAssertEqual(cell("people", "canvass::repeat_min"), "1")
        XCTAssertTrue(l.notes.contains { $0.hasPrefix("1 identifier questions") && $0.hasSuffix(": place") }, "\(l.notes)")
        XCTAssertTrue(l.notes.contains { $0.hasPrefix("1 repeats without repeat_count") }, "\(l.notes)")
        XCTAssertTrue(l.notes.contains { $0.hasPrefix("1 scales become integers") }, "\(l.notes)")
    }
}
