import CanvassCore

/// Small questionnaires several test targets share.
public enum TestQuestionnaires {
    /// An identifier, a yes/no that opens a select_multiple, an integer and a note.
    public static let firm = QuestionnaireLoader.load(
        text: """
            questionnaire: t
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: firm_name, type: text, identifier: true, label: Name}
                  - {name: consent, type: yes_no, label: OK?}
                  - {name: concerns, type: select_multiple, choices: [{code: csl, label: CSL}, {code: tbt, label: TBT}], label: Concerns, relevant: "${consent} = 'yes'"}
                  - {name: size, type: integer, label: Size}
                  - {name: intro, type: note, label: Hello}
            """
    ).questionnaire!
}
