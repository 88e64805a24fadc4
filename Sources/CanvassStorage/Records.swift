import CanvassCore

/// A questionnaire version as kept in the database: the exact source it was read from.
public struct StoredQuestionnaire: Sendable {
    public var rowID: Int
    public var id: String
    public var version: String
    public var hash: String
    public var format: String
    public var source: String
    public var addedAt: String

    /// The questionnaire, read again from the stored source.
    public func load() throws -> Questionnaire {
        let result = QuestionnaireLoader.load(text: source, isJSON: format == "json")
        guard let q = result.questionnaire else {
            throw StorageError("questionnaire \(id) \(version) stored in the database no longer reads: \(result.errors.first?.message ?? "unknown problem")")
        }
        return q
    }
}

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

    public init(id: Int = 0, key: String, questionnaireVersionRowID: Int = 0, questionnaire: String, version: String,
                respondent: String, interviewer: String, language: String?, status: InterviewStatus,
                startedAt: String, updatedAt: String, completedAt: String?, answerCount: Int = 0) {
        self.id = id; self.key = key; self.questionnaireVersionRowID = questionnaireVersionRowID
        self.questionnaire = questionnaire; self.version = version; self.respondent = respondent
        self.interviewer = interviewer; self.language = language; self.status = status
        self.startedAt = startedAt; self.updatedAt = updatedAt; self.completedAt = completedAt
        self.answerCount = answerCount
    }
}

/// An interview with its answers, as import takes it and export gives it.
/// One answer as the `answer` table stores it.
public struct AnswerRow: Sendable {
    public var question: String
    public var value: String?
    public var special: String?
}

public struct InterviewData: Sendable {
    public var record: InterviewRecord
    public var answers: [String: Answer]
    public var answeredAt: [String: String]
    /// The answers already as rows (import prepares them on the checking threads); used instead of `answers` when set.
    public var rows: [AnswerRow]?
    public init(record: InterviewRecord, answers: [String: Answer], answeredAt: [String: String] = [:]) {
        self.record = record; self.answers = answers; self.answeredAt = answeredAt
    }
}
