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
}
