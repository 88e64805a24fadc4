/// A questionnaire: sections of questions, choice lists and labels, as defined by a schema file.
public struct Questionnaire: Hashable, Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// Declared languages; the first is the default.
    public var languages: [String]
    /// The codes written for special answers in exports (defaults dk = -98, rf = -99).
    public var specialCodes: [SpecialAnswer: String]
    public var choiceLists: [ChoiceList]
    public var sections: [Section]

    public init(
        id: String, version: String, title: LocalizedText, languages: [String] = [],
        specialCodes: [SpecialAnswer: String] = Questionnaire.defaultSpecialCodes,
        choiceLists: [ChoiceList] = [], sections: [Section]
    ) {
        self.id = id; self.version = version; self.title = title; self.languages = languages
        self.specialCodes = specialCodes; self.choiceLists = choiceLists; self.sections = sections
        var index: [String: Int] = [:]
        var flat: [Question] = []
        var sectionOf: [Int] = []
        for (s, section) in sections.enumerated() {
            for q in section.questions {
                if index[q.name] == nil { index[q.name] = flat.count }
                flat.append(q)
                sectionOf.append(s)
            }
        }
        self.questions = flat
        self.questionIndex = index
        self.sectionIndexOfQuestion = sectionOf
    }

    public static let defaultSpecialCodes: [SpecialAnswer: String] = [.dontKnow: "-98", .refused: "-99"]

    /// Every question in questionnaire order.
    public private(set) var questions: [Question]
    private var questionIndex: [String: Int]
    /// For each entry of `questions`, the index of its section.
    public private(set) var sectionIndexOfQuestion: [Int]

    public var defaultLanguage: String? { languages.first }

    public func index(of name: String) -> Int? { questionIndex[name] }
    public func question(named name: String) -> Question? { questionIndex[name].map { questions[$0] } }
    public func section(ofQuestionAt index: Int) -> Section { sections[sectionIndexOfQuestion[index]] }

    /// Resolve a label in `language`, falling back to the declared languages in order.
    public func text(_ label: LocalizedText, in language: String?) -> String {
        label.text(in: language ?? defaultLanguage, fallbacks: languages)
    }
}
