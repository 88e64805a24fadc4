import CanvassCore

/// `export csv --long`: one row per relevant answer, in interview order; inside repeats the question column
/// holds the repeat path (`participant[2]/role`).
public struct LongLayout: Sendable {
    public static let header = ["interview_id", "KEY", "version", "question", "value", "label", "special"]
    public var includeIdentifiers: Bool
    public var language: String?
    public var pseudonym: (@Sendable (String) -> String)?

    public init(includeIdentifiers: Bool, language: String?, pseudonym: (@Sendable (String) -> String)?) {
        self.includeIdentifiers = includeIdentifiers
        self.language = language
        self.pseudonym = pseudonym
    }

    public func rows(_ d: InterviewData, questionnaire q: Questionnaire) -> [[String]] {
        let id = pseudonym?(d.record.key) ?? String(d.record.id)
        let key = pseudonym?(d.record.key) ?? d.record.key
        var out: [[String]] = []
        for slot in StoredInterview(q, answers: d.answers).relevantSlots where slot.kind == .question {
            let question = q.questions[slot.question]
            guard includeIdentifiers || !question.identifier, let a = d.answers[slot.key] else { continue }
            let (value, label, special): (String, String, String)
            switch a {
            case .value(let v): (value, label, special) = (v, AnswerCodec.labels(v, of: question, in: q, language: language), "")
            case .special(let s): (value, label, special) = (q.specialCodes[s] ?? s.rawValue, s.englishLabel, s.rawValue)
            case .skipped: (value, label, special) = ("", "", "skip")
            }
            out.append([id, key, d.record.version, slot.key, value, label, special])
        }
        return out
    }
}
