import CanvassCore

/// `export audit`: the audit trail as rows, identifier values masked unless asked for.
public struct AuditLayout: Sendable {
    public static let header = ["interview_id", "KEY", "version", "at", "actor", "kind", "question", "old_value", "new_value", "reason"]
    public var includeIdentifiers: Bool
    public init(includeIdentifiers: Bool) { self.includeIdentifiers = includeIdentifiers }

    /// Is the value of this event's question confidential here?
    public func masks(_ e: AuditEvent, questionnaire q: Questionnaire?) -> Bool {
        !includeIdentifiers && (e.question.flatMap { q?.question(forKey: $0)?.identifier } ?? false)
    }

    public func row(_ e: AuditEvent, interview r: InterviewRecord, questionnaire q: Questionnaire?) -> [String] {
        let secret = masks(e, questionnaire: q)
        return [
            String(r.id), r.key, r.version, e.at, e.actor ?? "", e.kind.rawValue, e.question ?? "",
            secret ? "***" : (e.old ?? ""), secret ? "***" : (e.new ?? ""), e.reason ?? "",
        ]
    }

    /// `interview log`: the events of one interview as an aligned table, with a count; an identifier's value hidden
    /// (an empty one stays empty: nothing to hide, and the change reads clearly).
    public func log(_ events: [AuditEvent], questionnaire q: Questionnaire?) -> [String] {
        var grid = [["at", "by", "what", "question", "from", "to", "reason"]]
        for e in events {
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
