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
    /// The tables `tab run` writes, in order.
    public var tables: [Table] = []

    /// One table of a plan.
    public struct Table: Sendable {
        public enum Kind: String, Sendable, CaseIterable { case freq, concerns }
        public var name: String
        public var kind: Kind
        public var questionnaire: String
        public var question: String?
        public var by: [String]
        public var filter: ExpressionSource?
        public var minBase: Int
        public var title: LocalizedText
    }
}

public struct ConcernPlanLoadResult: Sendable {
    public var plan: ConcernPlan?
    public var diagnostics: [Diagnostic]
}

/// Reads a concern plan, checking its expressions against the questionnaire; problems carry line and column.
public enum ConcernPlanLoader {
    /// An expression of the plan, parsed and checked against `q`; its problems reported where they stand in the file.
    static func expression(
        _ text: String, at node: Node, in q: Questionnaire, owner: String, reader: NodeReader, includeIdentifiers: Bool
    ) -> ExpressionSource? {
        let start = reader.textStart(node)
        func at(_ offset: Int) -> SourceLocation {
            var loc = start
            loc.column += offset
            return loc
        }
        do {
            let e = try ExpressionParser.parse(text)
            for (name, offset) in e.references where q.index(of: name) == nil {
                reader.report(.error(.unknownReference, "in \(owner): ${\(name)} is not a question of \(q.id)", at: at(offset)))
            }
            for (name, offset) in e.references where !includeIdentifiers && q.question(named: name)?.identifier == true {
                reader.report(.error(.wrongValueType, "in \(owner): " + InterviewFilter.identifierRefusal(name), at: at(offset)))
            }
            return ExpressionSource(text: text, expression: e)
        } catch {
            reader.report(.error(.expressionSyntax, "in \(owner): \(error.message)", at: at(error.offset)))
            return nil
        }
    }

    /// The questionnaire a plan names (`questionnaire: ID`), read before the plan is checked against it.
    public static func questionnaireID(in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("questionnaire:") {
            var id = String(line.dropFirst("questionnaire:".count)).trimmingSpaces
            if let first = id.first, first == "\"" || first == "'", id.last == first, id.count >= 2 {
                id = String(id.dropFirst().dropLast())
            }
            return id
        }
        return nil
    }

    /// `others` finds the other questionnaires tables may name (e.g. the expert survey next to the firm interviews).
    /// With `tables: false`, the tables section is not read (for `tab concerns`, which only needs the concerns).
    public static func load(
        text: String, questionnaire q: Questionnaire, tables readTables: Bool = true, includeIdentifiers: Bool = false,
        others: (String) -> Questionnaire? = { _ in nil }
    ) -> ConcernPlanLoadResult {
        let root: Node
        switch YAMLDocument.compose(text, isJSON: false) {
        case .failure(let d): return ConcernPlanLoadResult(plan: nil, diagnostics: [d])
        case .success(nil):
            return ConcernPlanLoadResult(
                plan: nil, diagnostics: [.error(.missingKey, "the plan is empty; it needs questionnaire and concerns", at: .start)])
        case .success(let node?): root = node
        }
        let reader = NodeReader()
        var concerns: [ConcernPlan.Concern] = []
        var minBase = 0
        var title = LocalizedText("Concerns")
        var id = ""
        var tables: [ConcernPlan.Table] = []
        if let top = reader.keyed(
            root, what: "the plan", allowed: ["questionnaire", "title", "min_base", "concerns", "tables"], required: ["questionnaire"])
        {
            if let n = top["questionnaire"], let s = reader.string(n.value, what: "questionnaire") {
                id = s
                if s != q.id { reader.error(.unknownReference, "the plan is for questionnaire '\(s)', not '\(q.id)'", at: n.value) }
            }
            if let t = top["title"] { title = reader.label(t.value, what: "the plan title", languages: q.languages) ?? title }
            if let m = top["min_base"] { minBase = max(0, reader.integer(m.value, what: "min_base") ?? 0) }
            var seen = Set<String>()
            func read(_ node: Node, category: String?) {
                guard
                    let m = reader.keyed(
                        node, what: "a concern", allowed: ["code", "label", "experienced", "severity", "items"],
                        required: ["code", "experienced"])
                else { return }
                guard let codeNode = m["code"], let code = reader.string(codeNode.value, what: "a concern code") else { return }
                if !seen.insert(code).inserted {
                    reader.error(.duplicateName, "concern '\(code)' appears twice", at: codeNode.value)
                    return
                }
                let label =
                    m["label"].flatMap { reader.label($0.value, what: "the label of concern '\(code)'", languages: q.languages) }
                    ?? LocalizedText(code)
                var severity: String?
                if let s = m["severity"], let name = reader.string(s.value, what: "severity of '\(code)'") {
                    if let question = q.question(named: name) {
                        if !question.type.isNumeric {
                            reader.error(
                                .wrongValueType, "severity of '\(code)': \(name) is \(question.type.rawValue), not a scale or number",
                                at: s.value)
                        }
                        severity = name
                    } else {
                        let near = Suggestion.nearest(to: name, among: q.questions.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                        reader.error(.unknownReference, "severity of '\(code)': \(name) is not a question of \(q.id)\(near)", at: s.value)
                    }
                }
                guard let e = m["experienced"], let text = reader.string(e.value, what: "experienced of '\(code)'") else { return }
                if let experienced = expression(
                    text, at: e.value, in: q, owner: "experienced of '\(code)'", reader: reader, includeIdentifiers: includeIdentifiers)
                {
                    concerns.append(
                        ConcernPlan.Concern(code: code, label: label, category: category, experienced: experienced, severity: severity))
                }
                if let items = m["items"] {
                    if category != nil {
                        reader.error(.wrongValueType, "items of '\(code)': an item cannot have items of its own", at: items.keyNode)
                        return
                    }
                    for item in reader.list(items.value, what: "items of '\(code)'") ?? [] { read(item, category: code) }
                }
            }
            if let c = top["concerns"] { for node in reader.list(c.value, what: "concerns") ?? [] { read(node, category: nil) } }
            var tableNames = Set<String>()
            for node in (readTables ? top["tables"].flatMap({ reader.list($0.value, what: "tables") }) : nil) ?? [] {
                guard
                    let m = reader.keyed(
                        node, what: "a table", allowed: ["name", "kind", "questionnaire", "question", "by", "where", "min_base", "title"],
                        required: ["name", "kind"])
                else { continue }
                guard let nameNode = m["name"], let name = reader.string(nameNode.value, what: "a table name") else { continue }
                if !QuestionnaireLoader.isValidName(name) {
                    reader.error(
                        .badName, "'\(name)' is not a valid table name: it becomes a file name; use letters, digits and _",
                        at: nameNode.value)
                    continue
                }
                if !tableNames.insert(name).inserted {
                    reader.error(.duplicateName, "table '\(name)' appears twice", at: nameNode.value)
                    continue
                }
                if ["index", "manifest"].contains(name.lowercased()) {
                    reader.error(
                        .duplicateName,
                        "table '\(name)' would be written over \(name.lowercased()).csv, which tab run writes itself; rename it",
                        at: nameNode.value)
                    continue
                }
                guard let kindNode = m["kind"], let kindText = reader.string(kindNode.value, what: "the kind of table '\(name)'") else {
                    continue
                }
                guard let kind = ConcernPlan.Table.Kind(rawValue: kindText) else {
                    reader.error(.unknownType, "table '\(name)': unknown kind '\(kindText)'; kinds are freq, concerns", at: kindNode.value)
                    continue
                }
                var tq = q
                if let other = m["questionnaire"], let otherID = reader.string(other.value, what: "questionnaire of table '\(name)'"),
                    otherID != q.id
                {
                    guard let found = others(otherID) else {
                        reader.warning(
                            .unknownReference,
                            "table '\(name)' skipped: questionnaire '\(otherID)' is not in the database (canvass schema add its file, then import its data)",
                            at: other.value)
                        continue
                    }
                    tq = found
                }
                func checkQuestion(_ node: Node, _ text: String, categorical: Bool) -> Bool {
                    guard let question = tq.question(named: text) else {
                        let near = Suggestion.nearest(to: text, among: tq.questions.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                        reader.error(.unknownReference, "table '\(name)': \(text) is not a question of \(tq.id)\(near)", at: node)
                        return false
                    }
                    if categorical && !question.type.isCategorical {
                        reader.error(
                            .wrongValueType,
                            "table '\(name)': cannot group by \(text), a \(question.type.rawValue) question; use select_one, yes_no or scale",
                            at: node)
                        return false
                    }
                    if question.identifier {
                        reader.error(.wrongValueType, "table '\(name)': \(text) is an identifier and is never tabulated", at: node)
                        return false
                    }
                    return true
                }
                var question: String?
                if let qn = m["question"], let text = reader.string(qn.value, what: "question of table '\(name)'") {
                    if checkQuestion(qn.value, text, categorical: false) { question = text }
                } else if kind == .freq {
                    reader.error(.missingKey, "table '\(name)' is a freq table and needs question: NAME", at: node)
                }
                var by: [String] = []
                if let b = m["by"] {
                    let items: [Node] = {
                        if case .sequence = b.value { return reader.list(b.value, what: "by") ?? [] } else { return [b.value] }
                    }()
                    for item in items {
                        if let t = reader.string(item, what: "a by question"), checkQuestion(item, t, categorical: true) { by.append(t) }
                    }
                    if kind == .freq && by.count > 1 {
                        reader.error(.wrongValueType, "table '\(name)': a freq table crosses by one question", at: b.value)
                    }
                }
                var filter: ExpressionSource?
                if let w = m["where"], let text = reader.string(w.value, what: "where of table '\(name)'") {
                    filter = expression(
                        text, at: w.value, in: tq, owner: "where of table '\(name)'", reader: reader, includeIdentifiers: includeIdentifiers
                    )
                }
                let tableMinBase = m["min_base"].flatMap { reader.integer($0.value, what: "min_base of table '\(name)'") } ?? minBase
                let title =
                    m["title"].flatMap { reader.label($0.value, what: "the title of table '\(name)'", languages: tq.languages) }
                    ?? LocalizedText(name)
                if kind == .concerns && tq.id != q.id {
                    reader.error(.wrongValueType, "table '\(name)': the concern matrix reads \(q.id), the plan's questionnaire", at: node)
                }
                tables.append(
                    ConcernPlan.Table(
                        name: name, kind: kind, questionnaire: tq.id, question: question, by: by, filter: filter,
                        minBase: max(0, tableMinBase), title: title))
            }
        }
        let d = reader.diagnostics.sorted { $0.location < $1.location }
        guard !reader.hasErrors else { return ConcernPlanLoadResult(plan: nil, diagnostics: d) }
        var plan = ConcernPlan(questionnaire: id, title: title, minBase: minBase, concerns: concerns)
        plan.tables = tables
        return ConcernPlanLoadResult(plan: plan, diagnostics: d)
    }
}
