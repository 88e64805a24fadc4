import Yams

/// The outcome of reading a questionnaire file: the questionnaire when it has no errors, and every problem found.
public struct QuestionnaireLoadResult: Sendable {
    public var questionnaire: Questionnaire?
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Where an expression sits in the file, so that problems inside it point at the bad token.
struct ExpressionSite {
    enum Role { case relevant, constraint, calculation, choiceFilter }
    var source: ExpressionSource
    var start: SourceLocation
    var role: Role
    /// Index in the flat question list of the first question that may not be referenced.
    var firstForbidden: Int
    var owner: String
    /// The innermost group the expression is evaluated in, for how it may read repeated questions.
    var group: Int?
}

/// Reads questionnaire files (format v1) in stages: syntax, structure, references, then the model.
public enum QuestionnaireLoader {
    static let topKeys = [
        "questionnaire", "version", "title", "languages", "special_answers", "choice_lists", "sections", "instance_name", "redact", "data",
    ]
    static let repeatKeys = ["repeat", "repeat_count", "repeat_min", "repeat_max", "repeat_prompt"]
    static let sectionKeys = ["name", "title", "label", "relevant", "questions"] + repeatKeys
    static let groupKeys = ["name", "type", "label", "relevant", "questions"] + repeatKeys
    /// Most levels of groups inside groups.
    public static let maximumNesting = 8
    static let questionKeys = [
        "name", "type", "label", "hint", "required", "choices", "identifier", "relevant",
        "constraint", "constraint_message", "special", "min", "max", "min_label", "max_label",
        "calculation", "default", "choice_filter", "or_other", "required_message", "read_only", "warning", "redact", "step",
        "guidance_hint",
    ]
    /// Most questions accepted in one questionnaire.
    public static let maximumQuestions = 20_000

    public static func load(text: String, isJSON: Bool = false) -> QuestionnaireLoadResult {
        let root: Node
        switch YAMLDocument.compose(text, isJSON: isJSON) {
        case .failure(let d): return QuestionnaireLoadResult(questionnaire: nil, diagnostics: [d])
        case .success(nil):
            return QuestionnaireLoadResult(
                questionnaire: nil,
                diagnostics: [
                    .error(.missingKey, "the file is empty; a questionnaire needs at least questionnaire, version and sections", at: .start)
                ])
        case .success(let node?): root = node
        }
        let reader = NodeReader()
        var builder = QuestionnaireBuilder(reader: reader)
        var q = builder.build(root)
        if reader.hasErrors == false, let built = q {
            builder.checkReferences(in: built)
            q?.calculationsReadLater = builder.calculationOrder(in: built)
        }
        let diagnostics = reader.diagnostics.sorted { $0.location < $1.location }
        return QuestionnaireLoadResult(questionnaire: reader.hasErrors ? nil : q, diagnostics: diagnostics)
    }

    /// True for names of questionnaires, sections, questions and choice lists: a letter, then letters, digits or `_`.
    public static func isValidName(_ s: String) -> Bool { ExpressionLexer.isName(s) && s.count <= 64 }
}

/// Builds a questionnaire from its document tree, reporting every problem through `reader`.
struct QuestionnaireBuilder {
    let reader: NodeReader
    var languages: [String] = []
    var sites: [ExpressionSite] = []
    var choiceLists: [String: ChoiceList] = [:]
    var groups: [QuestionGroup] = []
    /// The group being read (innermost), for the expressions read inside it.
    var currentGroup: Int?

    init(reader: NodeReader) { self.reader = reader }

    mutating func build(_ root: Node) -> Questionnaire? {
        guard
            let top = reader.keyed(
                root, what: "the questionnaire", allowed: QuestionnaireLoader.topKeys, required: ["questionnaire", "version", "sections"])
        else { return nil }
        if let l = top["languages"] {
            for item in reader.list(l.value, what: "languages") ?? [] {
                guard let code = reader.string(item, what: "a language code") else { continue }
                if code.isEmpty || code.count > 16
                    || !code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == "-" || $0 == "_") })
                {
                    reader.error(.badName, "'\(code)' is not a language code; use codes like ko, en, zh", at: item)
                } else if languages.contains(code) {
                    reader.error(.duplicateName, "language '\(code)' is listed twice", at: item)
                } else {
                    languages.append(code)
                }
            }
        }
        var id = ""
        if let n = top["questionnaire"], let s = reader.string(n.value, what: "questionnaire") {
            if QuestionnaireLoader.isValidName(s) { id = s } else { reader.error(.badName, nameAdvice("questionnaire id", s), at: n.value) }
        }
        var version = ""
        if let v = top["version"], let s = reader.string(v.value, what: "version") {
            if s.trimmingSpaces.isEmpty {
                reader.error(.wrongValueType, "version must not be empty; write for example version: \"2018.1\"", at: v.value)
            }
            version = s
        }
        let title =
            top["title"].flatMap { reader.label($0.value, what: "the questionnaire title", languages: languages) } ?? LocalizedText(id)

        var specialCodes = Questionnaire.defaultSpecialCodes
        if let s = top["special_answers"], let m = reader.keyed(s.value, what: "special_answers", allowed: ["dk", "rf"], required: []) {
            for (key, entry) in m {
                guard let code = reader.string(entry.value, what: "the special code for \(key)") else { continue }
                if code.isEmpty {
                    reader.error(.wrongValueType, "the special code for \(key) must not be empty", at: entry.value)
                    continue
                }
                specialCodes[SpecialAnswer(rawValue: key)!] = code
            }
            if specialCodes[.dontKnow] == specialCodes[.refused] {
                reader.error(
                    .duplicateChoice, "dk and rf have the same code '\(specialCodes[.dontKnow]!)'; give them different codes", at: s.value)
            }
        }

        var lists: [ChoiceList] = []
        if let cl = top["choice_lists"], let entries = reader.entries(cl.value, what: "choice_lists") {
            for e in entries {
                if !QuestionnaireLoader.isValidName(e.key) { reader.error(.badName, nameAdvice("choice list name", e.key), at: e.keyNode) }
                let choices = readChoices(e.value, what: "choice list '\(e.key)'")
                let list = ChoiceList(name: e.key, choices: choices)
                lists.append(list)
                choiceLists[e.key] = list
            }
        }

        var sections: [Section] = []
        var seenNames: [String: SourceLocation] = [:]
        var questionCount = 0
        if let s = top["sections"], let items = reader.list(s.value, what: "sections") {
            if items.isEmpty {
                reader.error(
                    .emptyQuestionnaire, "sections is empty; a questionnaire needs at least one section with one question", at: s.value)
            }
            for item in items {
                guard let section = readSection(item, names: &seenNames, questionCount: &questionCount) else { continue }
                sections.append(section)
            }
        }
        var q = Questionnaire(
            id: id, version: version, title: title, languages: languages, specialCodes: specialCodes, choiceLists: lists,
            sections: sections, groups: groups)
        if let node = top["redact"] { q.redactWords = reader.words(node.value, what: "redact") }
        // pulldata()'s tables: name -> CSV text, its first row the header
        if let node = top["data"], let entries = reader.entries(node.value, what: "data") {
            for e in entries {
                guard let text = reader.string(e.value, what: "the data table \(e.key)") else { continue }
                guard let table = DataTable(csv: text) else {
                    reader.error(.wrongValueType, "the data table \(e.key) is empty; give CSV text with a header row", at: e.value)
                    continue
                }
                q.data[e.key] = table
            }
        }
        if let node = top["instance_name"], let text = reader.string(node.value, what: "instance_name") {
            do {
                let e = try ExpressionParser.parse(text)
                for (name, _) in e.references where q.question(named: name) == nil {
                    let near = Suggestion.nearest(to: name, among: q.questions.map(\.name)).map { "; did you mean ${\($0)}?" } ?? ""
                    reader.error(.unknownReference, "instance_name reads ${\(name)}, which is not a question\(near)", at: node.value)
                }
                q.instanceName = ExpressionSource(text: text, expression: e)
            } catch {
                reader.error(.expressionSyntax, "instance_name: \(error.message) (at character \(error.offset + 1))", at: node.value)
            }
        }
        return q
    }

    func nameAdvice(_ what: String, _ s: String) -> String {
        "'\(AnswerParser.clip(s))' is not a valid \(what): start with a letter and use only letters, digits and _ (at most 64)"
    }

    func readChoices(_ node: Node, what: String) -> [Choice] {
        guard let items = reader.list(node, what: what) else { return [] }
        if items.isEmpty { reader.error(.missingChoices, "\(what) has no choices", at: node) }
        var choices: [Choice] = []
        var seen: Set<String> = []
        for item in items {
            // Columns other than code and label are the choice's attributes (read by choice_filter), unless they look like a typo.
            var attributes: [String: String] = [:]
            if case .mapping(let map) = item {
                for (k, v) in map {
                    guard let key = k.scalar?.string, key != "code", key != "label",
                        Suggestion.nearest(to: key, among: ["code", "label"]) == nil
                    else { continue }
                    if let text = reader.string(v, what: "column '\(key)' of a choice") {
                        if QuestionnaireLoader.isValidName(key) {
                            attributes[key] = text
                        } else {
                            reader.error(.badName, nameAdvice("choice column", key), at: k)
                        }
                    }
                }
            }
            guard
                let m = reader.keyed(
                    item, what: "a choice of \(what)", allowed: ["code", "label"] + attributes.keys.sorted(), required: ["code", "label"])
            else { continue }
            guard let codeEntry = m["code"], let code = reader.string(codeEntry.value, what: "a choice code") else { continue }
            if code.isEmpty || code.count > 64
                || code.unicodeScalars.contains(where: {
                    !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)))
                })
            {
                reader.error(
                    .badChoiceCode,
                    "choice code '\(AnswerParser.clip(code))' in \(what) may use only letters, digits, _, - and . (no spaces)",
                    at: codeEntry.value)
                continue
            }
            if !seen.insert(code).inserted {
                reader.error(.duplicateChoice, "choice code '\(code)' appears twice in \(what); codes must be unique", at: codeEntry.value)
                continue
            }
            let label =
                m["label"].flatMap { reader.label($0.value, what: "the label of choice '\(code)'", languages: languages) }
                ?? LocalizedText(code)
            choices.append(Choice(code: code, label: label, attributes: attributes))
        }
        return choices
    }

    mutating func readSection(_ node: Node, names: inout [String: SourceLocation], questionCount: inout Int) -> Section? {
        guard let m = reader.keyed(node, what: "a section", allowed: QuestionnaireLoader.sectionKeys, required: ["name", "questions"])
        else { return nil }
        var name = ""
        if let n = m["name"], let s = reader.string(n.value, what: "a section name") {
            name = s
            checkName(s, what: "section name", node: n.value, names: &names)
        }
        let title =
            m["title"].flatMap { reader.label($0.value, what: "the title of section '\(name)'", languages: languages) }
            ?? LocalizedText(name)
        let firstQuestion = questionCount
        var relevantSite: ExpressionSite?
        if let r = m["relevant"] {
            relevantSite = expressionSite(
                r.value, role: .relevant, firstForbidden: firstQuestion, owner: "the relevant of section '\(name)'")
        }
        // a repeating section is a repeat group around all its questions
        let rule = repeatRule(m, what: "section '\(name)'", firstQuestion: firstQuestion)
        var groupIndex: Int?
        if let rule {
            groupIndex = groups.count
            // `label` names one instance ("participant"), `title` the section ("Participants")
            let label = m["label"].flatMap { reader.label($0.value, what: "the label of section '\(name)'", languages: languages) } ?? title
            groups.append(
                QuestionGroup(
                    name: name, label: label, repeatRule: rule, parent: nil, questions: firstQuestion..<firstQuestion,
                    location: reader.location(node)))
            currentGroup = groupIndex
        }
        var questions: [Question] = []
        if let q = m["questions"], let items = reader.list(q.value, what: "the questions of section '\(name)'") {
            if items.isEmpty { reader.warning(.emptySection, "section '\(name)' has no questions", at: q.value) }
            readItems(items, into: &questions, names: &names, questionCount: &questionCount, depth: groupIndex == nil ? 0 : 1)
        }
        if let g = groupIndex { groups[g].questions = firstQuestion..<questionCount }
        currentGroup = nil
        if let site = relevantSite { sites.append(site) }
        return Section(name: name, title: title, relevant: relevantSite?.source, questions: questions, location: reader.location(node))
    }

    /// Questions and groups, in order; a group's questions join the flat list where the group stands.
    mutating func readItems(
        _ items: [Node], into questions: inout [Question], names: inout [String: SourceLocation], questionCount: inout Int, depth: Int
    ) {
        for item in items {
            if questionCount >= QuestionnaireLoader.maximumQuestions {
                reader.error(.tooLarge, "more than \(QuestionnaireLoader.maximumQuestions) questions; split the questionnaire", at: item)
                break
            }
            if case .mapping(let map) = item, map.keys.contains(where: { $0.scalar?.string == "questions" }) {
                readGroup(item, into: &questions, names: &names, questionCount: &questionCount, depth: depth + 1)
                continue
            }
            for question in readQuestion(item, index: questionCount, names: &names) {
                questions.append(question)
                questionCount += 1
            }
        }
    }

    /// A group inside a section: `questions:` with a name, and optionally `relevant` and `repeat`.
    mutating func readGroup(
        _ node: Node, into questions: inout [Question], names: inout [String: SourceLocation], questionCount: inout Int, depth: Int
    ) {
        guard let m = reader.keyed(node, what: "a group", allowed: QuestionnaireLoader.groupKeys, required: ["name", "questions"]) else {
            return
        }
        guard depth <= QuestionnaireLoader.maximumNesting else {
            reader.error(
                .tooLarge, "groups are nested more than \(QuestionnaireLoader.maximumNesting) deep; flatten the questionnaire", at: node)
            return
        }
        var name = ""
        if let n = m["name"], let s = reader.string(n.value, what: "a group name") {
            name = s
            checkName(s, what: "group name", node: n.value, names: &names)
        }
        let what = "group '\(name)'"
        var impliedRepeat = false
        if let t = m["type"], let s = reader.string(t.value, what: "the type of \(what)") {
            switch s {
            case "group": break
            case "repeat": impliedRepeat = true
            default:
                reader.error(
                    .unknownType,
                    "type '\(AnswerParser.clip(s))' of \(what): an entry with questions is a group; write type: group or type: repeat",
                    at: t.value)
            }
        }
        let label = m["label"].flatMap { reader.label($0.value, what: "the label of \(what)", languages: languages) } ?? LocalizedText(name)
        let first = questionCount
        let parent = currentGroup
        var relevant: ExpressionSite?
        if let r = m["relevant"] {
            relevant = expressionSite(r.value, role: .relevant, firstForbidden: first, owner: "the relevant of \(what)")
        }
        let rule = repeatRule(m, what: what, firstQuestion: first, implied: impliedRepeat)
        let g = groups.count
        groups.append(
            QuestionGroup(
                name: name, label: label, relevant: relevant?.source, repeatRule: rule, parent: parent, questions: first..<first,
                location: reader.location(node)))
        if let relevant { sites.append(relevant) }
        currentGroup = g
        if let q = m["questions"], let items = reader.list(q.value, what: "the questions of \(what)") {
            if items.isEmpty { reader.warning(.emptySection, "\(what) has no questions", at: q.value) }
            readItems(items, into: &questions, names: &names, questionCount: &questionCount, depth: depth)
        }
        groups[g].questions = first..<questionCount
        currentGroup = parent
    }

    /// `repeat: true` with `repeat_count` or `repeat_min`/`repeat_max`; nil when the entry does not repeat.
    mutating func repeatRule(_ m: [String: (keyNode: Node, value: Node)], what: String, firstQuestion: Int, implied: Bool = false)
        -> RepeatRule?
    {
        let repeats = implied || (m["repeat"].flatMap { reader.bool($0.value, what: "repeat of \(what)") } ?? false)
        guard repeats else {
            for key in ["repeat_count", "repeat_min", "repeat_max", "repeat_prompt"] where m[key] != nil {
                reader.warning(.ignoredKey, "\(key) is ignored: \(what) does not repeat; add repeat: true", at: m[key]!.keyNode)
            }
            return nil
        }
        var rule = RepeatRule()
        if let c = m["repeat_count"],
            let site = expressionSite(c.value, role: .relevant, firstForbidden: firstQuestion, owner: "the repeat_count of \(what)")
        {
            rule.count = site.source
            sites.append(site)
        }
        var minimum: Int?
        if let n = m["repeat_min"], let v = reader.integer(n.value, what: "repeat_min of \(what)") {
            if v < 0 || v > RepeatRule.ceiling {
                reader.error(.repeatRange, "repeat_min of \(what) is \(v); it must be between 0 and \(RepeatRule.ceiling)", at: n.value)
            } else {
                minimum = v
            }
        }
        if let n = m["repeat_max"], let v = reader.integer(n.value, what: "repeat_max of \(what)") {
            if v < 1 || v > RepeatRule.ceiling {
                reader.error(.repeatRange, "repeat_max of \(what) is \(v); it must be between 1 and \(RepeatRule.ceiling)", at: n.value)
            } else if let lo = minimum, lo > v {
                reader.error(
                    .repeatRange, "\(what) has repeat_min \(lo) greater than repeat_max \(v); swap them", at: m["repeat_min"]!.value)
            } else {
                rule.maximum = v
            }
        }
        if let minimum { rule.minimum = minimum }
        if let p = m["repeat_prompt"] {
            if rule.count != nil {
                reader.warning(
                    .ignoredKey, "repeat_prompt is ignored: repeat_count of \(what) decides the number of instances, nothing is asked",
                    at: p.keyNode)
            } else {
                rule.prompt = reader.label(p.value, what: "repeat_prompt of \(what)", languages: languages)
            }
        }
        if rule.count != nil, let n = m["repeat_min"] {
            reader.warning(.ignoredKey, "repeat_min is ignored: repeat_count of \(what) decides the number of instances", at: n.keyNode)
        }
        return rule
    }

    func checkName(_ s: String, what: String, node: Node, names: inout [String: SourceLocation]) {
        if !QuestionnaireLoader.isValidName(s) {
            reader.error(.badName, nameAdvice(what, s), at: node)
        } else if let first = names[s] {
            reader.error(
                .duplicateName, "\(what) '\(s)' is already used at line \(first.line); names of sections and questions must be unique",
                at: node)
        } else {
            names[s] = reader.location(node)
        }
    }

    /// The question, followed by its `_other` text question when it has `or_other: true`.
    func resolveList(_ name: String, node: Node, what: String) -> ([Choice], String?) {
        if let list = choiceLists[name] { return (list.choices, name) }
        let near = Suggestion.nearest(to: name, among: Array(choiceLists.keys)).map { "; did you mean '\($0)'?" } ?? ""
        reader.error(
            .unknownChoiceList, "\(what) uses choice list '\(AnswerParser.clip(name))', which is not defined under choice_lists\(near)",
            at: node)
        return ([], nil)
    }

    func expressionSite(_ node: Node, role: ExpressionSite.Role, firstForbidden: Int, owner: String) -> ExpressionSite? {
        guard let text = reader.string(node, what: owner) else { return nil }
        let start = reader.textStart(node)
        do {
            let e = try ExpressionParser.parse(text, allowChoiceAttributes: role == .choiceFilter)
            for offset in e.strayParentOffsets {
                reader.report(
                    .error(
                        .expressionSyntax, "in \(owner): '..' (the enclosing repeat) can only be used as position(..)",
                        at: position(start, text, offset)))
            }
            return ExpressionSite(
                source: ExpressionSource(text: text, expression: e), start: start, role: role, firstForbidden: firstForbidden, owner: owner,
                group: currentGroup)
        } catch {
            let code: DiagnosticCode
            switch error.kind {
            case .syntax: code = .expressionSyntax
            case .tooDeep: code = .expressionTooDeep
            case .unknownFunction: code = .unknownFunction
            case .wrongArity: code = .wrongArity
            }
            reader.report(.error(code, "in \(owner): \(error.message)", at: position(start, text, error.offset)))
            return nil
        }
    }

    /// The file position of a character offset inside an expression that starts at `start`.
    func position(_ start: SourceLocation, _ text: String, _ offset: Int) -> SourceLocation {
        var loc = start
        for (i, ch) in text.enumerated() {
            if i >= offset { break }
            if ch == "\n" {
                loc.line += 1
                loc.column = 1
            } else {
                loc.column += ch.unicodeScalars.count
            }
        }
        return loc
    }

    /// Stage three: every reference names an earlier question, every `.` sits in a constraint,
    /// every code compared with a select question's answer is one of its choices.
}
