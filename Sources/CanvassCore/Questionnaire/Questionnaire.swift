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
    /// `instance_name` (as XLSForm's settings have it): an expression naming each interview in lists and prompts,
    /// e.g. `concat(${sector}, ' / ', ${hq_city})`.
    public var instanceName: ExpressionSource?
    /// Names taken out of every free-text answer in every export (organisations, places, brands the study promised
    /// not to name), beside each interview's own identifier answers.
    public var redactWords: [String] = []
    /// Some calculation reads a later answer: the walk works the calculations out until they settle.
    public var calculationsReadLater = false
    /// Tables `pulldata()` reads, by name (`data:`).
    public var data: [String: DataTable] = [:]

    public init(
        id: String, version: String, title: LocalizedText, languages: [String] = [],
        specialCodes: [SpecialAnswer: String] = Questionnaire.defaultSpecialCodes,
        choiceLists: [ChoiceList] = [], sections: [Section], groups: [QuestionGroup] = []
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.languages = languages
        self.specialCodes = specialCodes
        self.choiceLists = choiceLists
        self.sections = sections
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
        self.groups = groups
        var groupIndex: [String: Int] = [:]
        var innermost = [Int?](repeating: nil, count: flat.count)
        // groups come parents first, so a child overwrites its parent for its own questions
        for (g, group) in groups.enumerated() {
            if groupIndex[group.name] == nil { groupIndex[group.name] = g }
            for i in group.questions where i < flat.count { innermost[i] = g }
        }
        self.groupIndex = groupIndex
        self.groupOfQuestion = innermost
        var chains: [[Int]] = []
        var repeatChainOf = [Int](repeating: 0, count: flat.count)
        var chainIndex: [[Int]: Int] = [[]: 0]
        chains.append([])
        for i in flat.indices {
            var chain: [Int] = []
            var g = innermost[i]
            while let x = g {
                if groups[x].isRepeat { chain.insert(x, at: 0) }
                g = groups[x].parent
            }
            if let c = chainIndex[chain] {
                repeatChainOf[i] = c
            } else {
                chainIndex[chain] = chains.count
                repeatChainOf[i] = chains.count
                chains.append(chain)
            }
        }
        self.repeatChains = chains
        self.repeatChainOfQuestion = repeatChainOf
    }

    /// Groups and repeats, parents before their children, in questionnaire order.
    public private(set) var groups: [QuestionGroup]
    private var groupIndex: [String: Int]
    /// For each question, its innermost group, if any.
    public private(set) var groupOfQuestion: [Int?]
    private var repeatChains: [[Int]]
    private var repeatChainOfQuestion: [Int]

    public var hasRepeats: Bool { groups.contains(where: \.isRepeat) }
    public func group(named name: String) -> Int? { groupIndex[name] }
    /// The repeats a question sits in, outermost first (empty outside any repeat).
    public func repeatChain(ofQuestionAt index: Int) -> [Int] { repeatChains[repeatChainOfQuestion[index]] }
    /// The repeats a group sits in, outermost first, itself included when it repeats.
    public func repeatChain(ofGroup g: Int) -> [Int] {
        var chain: [Int] = []
        var x: Int? = g
        while let y = x {
            if groups[y].isRepeat { chain.insert(y, at: 0) }
            x = groups[y].parent
        }
        return chain
    }
    /// The repeats a question sits in, by name, outermost first.
    public func isInRepeat(_ index: Int) -> Bool { !repeatChain(ofQuestionAt: index).isEmpty }
    /// The questions asked once per interview (outside every repeat): the main export's columns.
    public var topLevelQuestions: [Question] { questions.indices.filter { !isInRepeat($0) }.map { questions[$0] } }
    /// Questions whose innermost repeat is `g`: the columns of that repeat's export file.
    public func questions(directlyIn g: Int) -> [Question] {
        questions.indices.filter { repeatChain(ofQuestionAt: $0).last == g }.map { questions[$0] }
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

/// A language a questionnaire does not have.
public struct LanguageError: UserFacingError, Equatable {
    public var message: String
}

extension Questionnaire {
    /// Refuses `language` when the questionnaire declares languages and it is not one of them (nil is always fine).
    public func checkLanguage(_ language: String?) throws {
        guard let language, !languages.isEmpty, !languages.contains(language) else { return }
        throw LanguageError(message: "language '\(language)' is not one of \(id)'s languages (\(languages.joined(separator: ", ")))")
    }
}
