import XCTest

@testable import CanvassCore

final class QuestionnaireDiffTests: XCTestCase {
    func load(_ body: String, version: String) -> Questionnaire {
        let indented = body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        return QuestionnaireLoader.load(
            text: "questionnaire: d\nversion: '\(version)'\nsections:\n  - name: s\n    questions:\n" + indented + "\n"
        ).questionnaire!
    }

    func test_added_removed_and_changed_questions_and_choices() {
        let old = load(
            """
              - {name: a, type: integer, label: A}
              - {name: b, type: select_one, choices: [{code: x, label: X}, {code: y, label: Y}], label: B}
              - {name: c, type: text, label: C}
            """, version: "1")
        let new = load(
            """
              - {name: a, type: decimal, label: A}
              - {name: b, type: select_one, choices: [{code: x, label: X}, {code: z, label: Z}], label: B, relevant: "${a} > 1"}
              - {name: d, type: text, label: D}
            """, version: "2")
        XCTAssertEqual(
            QuestionnaireDiff.compare(old, new).map(\.description),
            [
                "+ d: text in section s",
                "- c: text",
                "~ a: type \"integer\" -> \"decimal\"",
                "~ b: choices added: z",
                "~ b: choices removed: y",
                "~ b: relevant (none) -> \"${a} > 1\"",
            ])
        XCTAssertNil(QuestionnaireDiff.incompatibleTypes([old, new]))
        let worse = load("  - {name: a, type: select_one, choices: [{code: x, label: X}], label: A}\n", version: "3")
        XCTAssertEqual(QuestionnaireDiff.incompatibleTypes([old, new, worse])?.question, "a")
    }
}

final class RepeatDiffTests: XCTestCase {
    func test_repeats_added_changed_and_questions_moved_into_them() {
        let old = QuestionnaireLoader.load(
            text: """
                questionnaire: d
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: a, type: text, label: A}
                      - name: p
                        repeat: true
                        repeat_max: 5
                        questions:
                          - {name: b, type: text, label: B}
                """
        ).questionnaire!
        let new = QuestionnaireLoader.load(
            text: """
                questionnaire: d
                version: "2"
                sections:
                  - name: s
                    questions:
                      - name: p
                        repeat: true
                        repeat_count: "3"
                        questions:
                          - {name: a, type: text, label: A}
                          - {name: b, type: text, label: B}
                      - name: t
                        repeat: true
                        questions:
                          - {name: c, type: text, label: C}
                """
        ).questionnaire!
        let changes = QuestionnaireDiff.compare(old, new).map(\.description)
        XCTAssertTrue(changes.contains("~ a: repeat (none) -> p"), "\(changes)")
        XCTAssertTrue(changes.contains("~ p: repeat min 1, max 5 -> repeat count 3"), "\(changes)")
        XCTAssertTrue(changes.contains("+ t: repeat min 1, max -"), "\(changes)")
    }
}
