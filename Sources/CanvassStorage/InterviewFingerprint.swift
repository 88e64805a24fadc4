import CanvassCore

/// What a revision hashes: an interview's header and answers, not when it was last touched.
public enum InterviewFingerprint {
    /// The content as one canonical text (answers in key order).
    public static func content(_ d: InterviewData) -> String {
        let r = d.record
        var text = [r.status.rawValue, r.respondent, r.interviewer, r.language ?? "", r.startedAt, r.completedAt ?? ""].joined(
            separator: "\u{1F}")
        for (name, answer) in d.answers.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            text += "\u{1E}" + name + "\u{1F}"
            switch answer {
            case .value(let v): text += "v" + v
            case .special(let s): text += "s" + s.rawValue
            case .skipped: text += "k"
            }
        }
        return text
    }

    public static func hash(_ d: InterviewData) -> String { SHA256.hex(content(d).utf8) }
}
