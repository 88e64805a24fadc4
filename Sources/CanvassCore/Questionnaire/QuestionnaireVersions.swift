/// Every stored version of one questionnaire, parsed once, oldest first: an interview is read with the
/// version it was taken with, and tables and exports label with the latest.
public struct QuestionnaireVersions: Sendable {
    public struct Version: Sendable {
        /// The version's row in the store, which each interview names.
        public var row: Int
        public var questionnaire: Questionnaire
        public var hash: String
        public init(row: Int, questionnaire: Questionnaire, hash: String = "") {
            self.row = row
            self.questionnaire = questionnaire
            self.hash = hash
        }
    }

    public let id: String
    public let versions: [Version]
    private let index: [Int: Questionnaire]

    /// `versions` must not be empty.
    public init(id: String, versions: [Version]) {
        precondition(!versions.isEmpty, "a questionnaire has at least one version")
        self.id = id
        self.versions = versions
        self.index = Dictionary(versions.map { ($0.row, $0.questionnaire) }, uniquingKeysWith: { a, _ in a })
    }

    public var latest: Questionnaire { versions[versions.count - 1].questionnaire }
    public var all: [Questionnaire] { versions.map(\.questionnaire) }

    /// The version an interview was taken with.
    public func questionnaire(row: Int) -> Questionnaire? { index[row] }

    /// The question called `name` in the newest version that has it.
    public func question(named name: String) -> Question? {
        for v in versions.reversed() {
            if let q = v.questionnaire.question(named: name) { return q }
        }
        return nil
    }
}
