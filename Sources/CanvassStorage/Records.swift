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
            throw StorageError(
                "questionnaire \(id) \(version) stored in the database no longer reads: \(result.errors.first?.message ?? "unknown problem")"
            )
        }
        return q
    }
}
