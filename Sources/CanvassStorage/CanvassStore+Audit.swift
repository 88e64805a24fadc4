import CanvassCore

extension CanvassStore {
    public func recordEvent(
        interview: Int, kind: AuditEventKind, question: String? = nil, old: String? = nil, new: String? = nil,
        actor: String? = nil, reason: String? = nil, at: String? = nil
    ) throws {
        try db.statement(
            """
            INSERT INTO audit_event (interview_id, kind, question, old_value, new_value, actor, reason, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            // the trail records that a sealed value changed, never the value
            .int(interview), .text(kind.rawValue), .optional(question), .optional(old.map(SealedValue.shown)),
            .optional(new.map(SealedValue.shown)), .optional(actor),
            .optional(reason), .text(at ?? clock()),
        ])
    }

    /// The audit trail, oldest first: of one interview, or of all.
    public func events(interview: Int? = nil) throws -> [AuditEvent] {
        let s = try db.statement(
            """
            SELECT interview_id, kind, question, old_value, new_value, actor, reason, at FROM audit_event
            \(interview == nil ? "" : "WHERE interview_id = ?1") ORDER BY id
            """)
        // one interview's events by the index (an OR with NULL would scan the whole trail for each interview)
        defer { s.reset() }
        if let interview { s.bind([.int(interview)]) }
        var out: [AuditEvent] = []
        while try s.step() {
            out.append(
                AuditEvent(
                    interviewID: s.int(0), kind: AuditEventKind(rawValue: s.text(1) ?? ""), question: s.text(2), old: s.text(3),
                    new: s.text(4), actor: s.text(5), reason: s.text(6), at: s.text(7) ?? ""))
        }
        return out
    }

    /// Notes attached to questions, by interview.
    public func notes() throws -> [Int: [AuditEvent]] {
        Dictionary(grouping: try events().filter { $0.kind == .note }, by: \.interviewID)
    }

    /// A session of an interview (started, resumed, an edit with its reason, paused, ended) in its audit trail.
    public func recordSession(_ id: Int, _ what: String, reason: String?, by actor: String?) throws {
        try db.transaction { try recordEvent(interview: id, kind: .session, new: what, actor: actor, reason: reason) }
    }
}
