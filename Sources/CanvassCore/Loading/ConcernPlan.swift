import Yams

/// The study's concern structure, declared in a plan file: categories (cybersecurity law, TBT, ...) and their
/// items, each with how "experienced" and "severity" are read from the answers.
public struct ConcernPlan: Sendable {
    public struct Concern: Sendable {
        public var code: String
        public var label: LocalizedText
        /// The category an item belongs to; nil for a category.
        public var category: String?
        public var experienced: ExpressionSource
        /// A scale question: the severity, read among those who experienced the concern.
        public var severity: String?
    }
    public var questionnaire: String
    public var title: LocalizedText
    public var minBase: Int
    public var concerns: [Concern]
}

public struct ConcernPlanLoadResult: Sendable {
    public var plan: ConcernPlan?
    public var diagnostics: [Diagnostic]
}

/// Reads a concern plan, checking its expressions against the questionnaire; problems carry line and column.
public enum ConcernPlanLoader {
    public static func load(text: String, questionnaire q: Questionnaire) -> ConcernPlanLoadResult {
        let root: Node
        switch YAMLDocument.compose(text, isJSON: false) {
        case .failure(let d): return ConcernPlanLoadResult(plan: nil, diagnostics: [d])
        case .success(nil): return ConcernPlanLoadResult(plan: nil, diagnostics: [.error(.missingKey, "the plan is empty; it needs questionnaire and concerns", at: .start)])
        case .success(let node?): root = node
        }
        let reader = NodeReader()
        var concerns: [ConcernPlan.Concern] = []
        var minBase = 0
        var title = LocalizedText("Concerns")
        var id = ""
        if let top = reader.keyed(root, what: "the plan", allowed: ["questionnaire", "title", "min_base", "concerns"], required: ["questionnaire", "concerns"]) {
            if let n = top["questionnaire"], let s = reader.string(n.value, what: "questionnaire") {
                id = s
                if s != q.id { reader.error(.unknownReference, "the plan is for questionnaire '\(s)', not '\(q.id)'", at: n.value) }
            }
            if let t = top["title"] { title = reader.label(t.value, what: "the plan title", languages: q.languages) ?? title }
            if let m = top["min_base"] { minBase = max(0, reader.integer(m.value, what: "min_base") ?? 0) }
            var seen = Set<String>()
            func read(_ node: Node, category: String?) {
                guard let m = reader.keyed(node, what: "a concern", allowed: ["code", "label", "experienced", "severity", "items"], required: ["code", "experienced"]) else { return }
                guard let codeNode = m["code"], let code = reader.string(codeNode.value, what: "a concern code") else { return }
                if !seen.insert(code).inserted { reader.error(.duplicateName, "concern '\(code)' appears twice", at: codeNode.value); return }
                let label = m["label"].flatMap { reader.label($0.value, what: "the label of concern '\(code)'", languages: q.languages) } ?? LocalizedText(code)
                var severity: String?
                if let s = m["severity"], let name = reader.string(s.value, what: "severity of '\(code)'") {
                    if let question = q.question(named: name) {
                        if !question.type.isNumeric { reader.error(.wrongValueType, "severity of '\(code)': \(name) is \(question.type.rawValue), not a scale or number", at: s.value) }
                        severity = name
                    } else {
                        let near = Suggestion.nearest(to: name, among: q.questions.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                        reader.error(.unknownReference, "severity of '\(code)': \(name) is not a question of \(q.id)\(near)", at: s.value)
                    }
                }
                guard let e = m["experienced"], let text = reader.string(e.value, what: "experienced of '\(code)'") else { return }
                let start = reader.textStart(e.value)
                do {
                    let expression = try ExpressionParser.parse(text)
                    for (name, offset) in expression.references where q.index(of: name) == nil {
                        var loc = start
                        loc.column += offset
                        reader.report(.error(.unknownReference, "in experienced of '\(code)': ${\(name)} is not a question of \(q.id)", at: loc))
                    }
                    concerns.append(ConcernPlan.Concern(code: code, label: label, category: category, experienced: ExpressionSource(text: text, expression: expression), severity: severity))
                } catch {
                    var loc = start
                    loc.column += error.offset
                    reader.report(.error(.expressionSyntax, "in experienced of '\(code)': \(error.message)", at: loc))
                }
                if let items = m["items"] {
                    if category != nil { reader.error(.wrongValueType, "items of '\(code)': an item cannot have items of its own", at: items.keyNode); return }
                    for item in reader.list(items.value, what: "items of '\(code)'") ?? [] { read(item, category: code) }
                }
            }
            if let c = top["concerns"] { for node in reader.list(c.value, what: "concerns") ?? [] { read(node, category: nil) } }
        }
        let d = reader.diagnostics.sorted { $0.location < $1.location }
        guard !reader.hasErrors else { return ConcernPlanLoadResult(plan: nil, diagnostics: d) }
        return ConcernPlanLoadResult(plan: ConcernPlan(questionnaire: id, title: title, minBase: minBase, concerns: concerns), diagnostics: d)
    }
}
