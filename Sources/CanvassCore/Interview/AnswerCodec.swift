/// The one conversion of an answer into its stored columns, its audit text and its labels, and back.
public enum AnswerCodec {
    /// The `answer` table's columns: `(value, special)`; a skipped question is `(nil, "skip")`.
    public static func columns(_ a: Answer) -> (value: String?, special: String?) {
        switch a {
        case .value(let v): return (v, nil)
        case .special(let s): return (nil, s.rawValue)
        case .skipped: return (nil, "skip")
        }
    }

    /// The answer stored in `(value, special)`, or nil when neither column says anything Canvass knows.
    public static func answer(value: String?, special: String?) -> Answer? {
        if let value { return .value(value) }
        switch special {
        case "skip": return .skipped
        case let s?: return SpecialAnswer(rawValue: s).map(Answer.special)
        case nil: return nil
        }
    }

    /// An answer as the audit trail and reports write it: the value, `:dk`, `:rf`, or `(left empty)`.
    public static func display(_ a: Answer) -> String {
        switch a {
        // a sealed identifier as `(sealed)`: in the audit trail, the console and every listing
        case .value(let v): return SealedValue.shown(v)
        case .special(let s): return ":" + s.rawValue
        case .skipped: return "(left empty)"
        }
    }

    /// The labels of the codes in `value` (a select's space-separated codes) in `language`, joined by `separator`;
    /// a code the question does not list stays as it is, so nothing typed disappears from a label column.
    public static func labels(
        _ value: String, of question: Question, in questionnaire: Questionnaire, language: String?,
        separator: String = "; "
    ) -> String {
        value.split(separator: " ").map { code in
            question.choice(code: String(code)).map { questionnaire.text($0.label, in: language) } ?? String(code)
        }.joined(separator: separator)
    }
}
