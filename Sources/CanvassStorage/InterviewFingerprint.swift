import CanvassCore

/// What identifies an interview's content for merging: its header and answers, not when it was last touched.
public enum InterviewFingerprint {
    public static func hash(_ d: InterviewData) -> String {
        let r = d.record
        var text = [r.status.rawValue, r.respondent, r.interviewer, r.language ?? "", r.startedAt, r.completedAt ?? ""].joined(
            separator: "\u{1F}")
        for (name, answer) in d.answers.sorted(by: { $0.key < $1.key }) {
            text += "\u{1E}" + name + "\u{1F}"
            switch answer {
            case .value(let v): text += "v" + v
            case .special(let s): text += "s" + s.rawValue
            case .skipped: text += "k"
            }
        }
        return SHA256.hex(text.utf8)
    }

    /// The merge rule for an interview both databases hold, given what they last agreed on.
    public enum Decision: Equatable, Sendable { case same, keepOurs, takeTheirs, conflict }

    /// `base`: the version of theirs we last took in; `theirBase`: the version of ours they last took in.
    public static func decide(ours: String, theirs: String, base: String?, theirBase: String? = nil) -> Decision {
        if ours == theirs { return .same }
        if let base {
            if theirs == base { return .keepOurs }  // they have not changed it since we last met
            if ours == base { return .takeTheirs }  // we have not
        }
        if let theirBase {
            if ours == theirBase { return .takeTheirs }  // they saw ours and changed it since
            if theirs == theirBase { return .keepOurs }  // they took ours in, and we changed it since
        }
        return .conflict
    }
}
