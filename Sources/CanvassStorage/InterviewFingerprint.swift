import CanvassCore

/// What a revision hashes: an interview's header and answers, not when it was last touched.
public enum InterviewFingerprint {
    /// The content as one canonical text (answers in key order).
    public static func content(_ d: InterviewData) -> String {
        header(d.record) + answers(AnswerRow.rows(d.answers))
    }

    /// The header's part: status, respondent, interviewer, language and times.
    public static func header(_ r: InterviewRecord) -> String {
        [r.status.rawValue, r.respondent, r.interviewer, r.language ?? "", r.startedAt, r.completedAt ?? ""].joined(separator: "\u{1F}")
    }

    /// The answers' part, from the rows in key order (as `AnswerRow.rows` gives them): the import hashes the rows it
    /// writes, sorted once.
    public static func answers(_ rows: [AnswerRow]) -> String {
        var text = ""
        text.reserveCapacity(rows.reduce(0) { $0 + $1.question.utf8.count + ($1.value?.utf8.count ?? 4) + 3 })
        for row in rows {
            text += "\u{1E}"
            text += row.question
            text += "\u{1F}"
            if let v = row.value {
                text += "v"
                text += v
            } else if row.special == "skip" {
                text += "k"
            } else {
                text += "s"
                text += row.special ?? ""
            }
        }
        return text
    }

    public static func hash(_ d: InterviewData) -> String { SHA256.hex(content(d).utf8) }
}
