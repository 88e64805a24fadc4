/// What an audit event records.
public enum AuditEventKind: Hashable, Sendable {
    case answer, note, status
    case warningConfirmed
    /// The interview's sessions: an edit of a completed interview begun (with its reason), a resume, a pause.
    case session
    case mergeAdd, mergeUpdate, mergeResolve, mergeResolved
    /// An interview added or changed by `canvass import` (who ran it, from which file and line).
    case imported
    /// An export that held the interview (from the database's export log; not stored in the trail, not merged).
    case exported
    /// A kind this Canvass does not know (written by a newer one): kept and copied as it is.
    case unknown(String)

    private static let known: [AuditEventKind] = [
        .answer, .note, .status, .warningConfirmed, .session, .mergeAdd, .mergeUpdate, .mergeResolve, .mergeResolved,
        .imported, .exported,
    ]

    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    public var rawValue: String {
        switch self {
        case .answer: return "answer"
        case .note: return "note"
        case .status: return "status"
        case .warningConfirmed: return "warning-confirmed"
        case .session: return "session"
        case .mergeAdd: return "merge-add"
        case .mergeUpdate: return "merge-update"
        case .mergeResolve: return "merge-resolve"
        case .mergeResolved: return "merge-resolved"
        case .imported: return "import"
        case .exported: return "export"
        case .unknown(let s): return s
        }
    }

    /// Does this event set an answer (so the audit trail's last such event must agree with the stored answer)?
    public var setsAnswer: Bool { self == .answer || self == .mergeUpdate || self == .mergeResolve }
}

/// One entry of the audit trail: who changed what, when and why.
public struct AuditEvent: Sendable {
    public var interviewID: Int
    public var kind: AuditEventKind
    public var question, old, new, actor, reason: String?
    public var at: String

    public init(
        interviewID: Int, kind: AuditEventKind, question: String? = nil, old: String? = nil, new: String? = nil,
        actor: String? = nil, reason: String? = nil, at: String
    ) {
        self.interviewID = interviewID
        self.kind = kind
        self.question = question
        self.old = old
        self.new = new
        self.actor = actor
        self.reason = reason
        self.at = at
    }
}

/// A note an interviewer attached to a question.
public struct InterviewNote: Sendable, Equatable {
    public var question: String
    public var text: String
    public var by: String?
    public var at: String
    public init(question: String, text: String, by: String?, at: String) {
        self.question = question
        self.text = text
        self.by = by
        self.at = at
    }
}
