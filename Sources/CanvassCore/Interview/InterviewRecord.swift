/// Where an interview stands.
public enum InterviewStatus: String, Sendable, CaseIterable {
    case open, completed
}

/// One interview's header: who, what, when, and where it stands.
public struct InterviewRecord: Sendable, Equatable {
    public var id: Int
    public var key: String
    public var questionnaireVersionRowID: Int
    public var questionnaire: String
    public var version: String
    public var respondent: String
    public var interviewer: String
    public var language: String?
    public var status: InterviewStatus
    public var startedAt: String
    public var updatedAt: String
    public var completedAt: String?
    public var answerCount: Int
    /// The revision shown (see `RevisionHistory`); empty until stored.
    public var rev: String = ""

    public init(
        id: Int = 0, key: String, questionnaireVersionRowID: Int = 0, questionnaire: String, version: String,
        respondent: String, interviewer: String, language: String?, status: InterviewStatus,
        startedAt: String, updatedAt: String, completedAt: String?, answerCount: Int = 0, rev: String = ""
    ) {
        self.rev = rev
        self.id = id
        self.key = key
        self.questionnaireVersionRowID = questionnaireVersionRowID
        self.questionnaire = questionnaire
        self.version = version
        self.respondent = respondent
        self.interviewer = interviewer
        self.language = language
        self.status = status
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
        self.answerCount = answerCount
    }
}

/// An interview with its answers (keyed by repeat path), as the store hands it out and takes it in.
public struct InterviewData: Sendable {
    public var record: InterviewRecord
    public var answers: [String: Answer]
    public var answeredAt: [String: String]
    public init(record: InterviewRecord, answers: [String: Answer], answeredAt: [String: String] = [:]) {
        self.record = record
        self.answers = answers
        self.answeredAt = answeredAt
    }
}

/// Whatever hands out stored interviews one at a time (the store; a list in tests).
public protocol InterviewSource {
    /// Calls `body` with each interview of `questionnaire` (all versions) in order; only completed ones unless
    /// `includeOpen`. With `questions`, only the answers to those questions need be read.
    func forEachInterview(
        questionnaire: String, includeOpen: Bool, questions: Set<String>?, _ body: (InterviewData) throws -> Void
    ) throws
}

/// Interviews held in memory: a source for tests and for small jobs.
public struct InterviewList: InterviewSource, Sendable {
    public var interviews: [InterviewData]
    public init(_ interviews: [InterviewData]) { self.interviews = interviews }

    public func forEachInterview(
        questionnaire: String, includeOpen: Bool, questions: Set<String>?, _ body: (InterviewData) throws -> Void
    ) throws {
        for d in interviews where d.record.questionnaire == questionnaire && (includeOpen || d.record.status == .completed) {
            try body(d)
        }
    }
}
