import CanvassCore

/// `export audit`: the audit trail as rows, identifier values masked unless asked for.
public struct AuditLayout: Sendable {
    public static let header = ["interview_id", "KEY", "version", "at", "actor", "kind", "question", "old_value", "new_value", "reason"]
    public var includeIdentifiers: Bool
    public init(includeIdentifiers: Bool) { self.includeIdentifiers = includeIdentifiers }

    /// Is the value of this event's question confidential here?
    public func masks(_ e: AuditEvent, questionnaire q: Questionnaire?) -> Bool {
        // the respondent changed by a merge is recorded as the question "(respondent)"
        !includeIdentifiers && (e.question == "(respondent)" || (e.question.flatMap { q?.question(forKey: $0)?.identifier } ?? false))
    }

    public func row(_ e: AuditEvent, interview r: InterviewRecord, questionnaire q: Questionnaire?) -> [String] {
        let secret = masks(e, questionnaire: q)
        return [
            String(r.id), r.key, r.version, e.at, e.actor ?? "", e.kind.rawValue, e.question ?? "",
            secret ? "***" : (e.old ?? ""), secret ? "***" : (e.new ?? ""), e.reason ?? "",
        ]
    }

    /// The events of one interview with names taken out of their free text (values of questions that are not
    /// identifiers, notes, reasons), unless identifiers are included: every value its identifier questions ever had
    /// in the trail, its respondent and the questionnaire's `redact` words.
    public func redacted(_ events: [AuditEvent], questionnaire q: Questionnaire?, respondent: String?) -> [AuditEvent] {
        guard !includeIdentifiers, let q else { return events }
        var names: [(word: String, placeholder: String)] = q.redactWords.map { ($0, "[redacted]") }
        for e in events {
            guard let key = e.question, key == "(respondent)" || q.question(forKey: key)?.identifier == true else { continue }
            for v in [e.old, e.new].compactMap({ $0 }) where !v.isEmpty { names.append((v, Redaction.placeholder(key))) }
        }
        let r = Redaction(q, answers: [:], respondent: respondent, extra: names)
        guard !r.isEmpty else { return events }
        return events.map { e in
            var out = e
            if !masks(e, questionnaire: q) {
                out.old = e.old.map(r.apply)
                out.new = e.new.map(r.apply)
            }
            out.reason = e.reason.map(r.apply)
            return out
        }
    }

    /// `interview log`: the events of one interview as an aligned table, with a count; an identifier's value hidden
    /// (an empty one stays empty: nothing to hide, and the change reads clearly) and names taken out of free text.
    public func log(_ events: [AuditEvent], questionnaire q: Questionnaire?, respondent: String? = nil) -> [String] {
        var grid = [["at", "by", "what", "question", "from", "to", "reason"]]
        for e in redacted(events, questionnaire: q, respondent: respondent) {
            let secret = masks(e, questionnaire: q)
            func shown(_ v: String?) -> String { (v ?? "").isEmpty ? "" : secret ? "(confidential)" : v ?? "" }
            grid.append([e.at, e.actor ?? "", e.kind.rawValue, e.question ?? "", shown(e.old), shown(e.new), e.reason ?? ""])
        }
        return [DisplayWidth.grid(grid, rightAligned: []), "\(events.count) event\(events.count == 1 ? "" : "s")"]
    }

    /// `interview list`: one row per interview, with a count.
    /// `interview list`: a row per interview with its name (the questionnaire's `instance_name`, when it has one) and
    /// the respondent only when identifiers are asked for.
    public static func list(_ records: [InterviewRecord], names: [Int: String] = [:], respondents: Bool = false) -> [String] {
        let named = !names.isEmpty
        var grid = [
            ["id", "questionnaire", "version", "status"] + (named ? ["name"] : []) + (respondents ? ["respondent"] : [])
                + ["interviewer", "answers", "started", "updated"]
        ]
        for r in records {
            grid.append(
                [String(r.id), r.questionnaire, r.version, r.status.rawValue] + (named ? [names[r.id] ?? ""] : [])
                    + (respondents ? [r.respondent] : []) + [r.interviewer, String(r.answerCount), r.startedAt, r.updatedAt])
        }
        return [DisplayWidth.grid(grid, rightAligned: []), "\(records.count) interview\(records.count == 1 ? "" : "s")"]
    }
}
