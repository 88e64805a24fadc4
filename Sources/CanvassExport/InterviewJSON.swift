import CanvassCore

/// The JSON Lines interchange form of an interview: one object per line, answers by question name.
/// `{"questionnaire":..., "version":..., "answers": {"sector": "ai", "concerns": ["csl"], "employees": {"special": "dk"}}}`
public enum InterviewJSON {
    // MARK: Writing

    /// One interview as a line of JSON, keys in a fixed order, answers in questionnaire order.
    public static func line(_ data: ExportedInterview, questionnaire q: Questionnaire, includeIdentifiers: Bool) -> String {
        var out = "{"
        func field(_ k: String, _ v: String?, first: Bool = false) {
            if !first { out += "," }
            out += quote(k) + ":" + (v.map(quote) ?? "null")
        }
        field("questionnaire", data.questionnaire, first: true)
        field("version", data.version)
        field("key", data.key)
        if !data.rev.isEmpty {
            field("rev", data.rev)
            out +=
                ",\"revisions\":{"
                + data.revisions.sorted { RevisionHistory.precedes($1.key, $0.key) }.map { rev, parents in
                    quote(rev) + ":[" + parents.map(quote).joined(separator: ",") + "]"
                }.joined(separator: ",") + "}"
        }
        if !includeIdentifiers { out += ",\"identifiers\":false" }
        field("respondent", includeIdentifiers ? data.respondent : "")
        field("interviewer", data.interviewer)
        field("language", data.language)
        field("status", data.status)
        field("started_at", data.startedAt)
        field("completed_at", data.completedAt)
        out += ",\"answers\":" + answersObject(data.answers, questionnaire: q, includeIdentifiers: includeIdentifiers)
        if !data.notes.isEmpty {
            out +=
                ",\"notes\":["
                + data.notes.map { n in
                    "{\"question\":\(quote(n.question)),\"text\":\(quote(n.text)),\"by\":\(n.by.map(quote) ?? "null"),\"at\":\(quote(n.at))}"
                }.joined(separator: ",") + "]"
        }
        out += "}"
        return out
    }

    /// A tree of answers: repeats become arrays of objects, one per instance, as ODK writes them.
    final class Node {
        var fields: [(String, Field)] = []
        enum Field { case value(String), list([Node]) }
        func list(_ name: String) -> Int {
            if let i = fields.firstIndex(where: { $0.0 == name }) { return i }
            fields.append((name, .list([])))
            return fields.count - 1
        }
        func child(_ name: String, _ instance: Int) -> Node {
            let i = list(name)
            guard case .list(var nodes) = fields[i].1 else { return self }
            while nodes.count < instance { nodes.append(Node()) }
            fields[i].1 = .list(nodes)
            return nodes[instance - 1]
        }
        var json: String {
            "{"
                + fields.map { name, field in
                    switch field {
                    case .value(let v): return quote(name) + ":" + v
                    case .list(let nodes): return quote(name) + ":[" + nodes.map(\.json).joined(separator: ",") + "]"
                    }
                }.joined(separator: ",") + "}"
        }
    }

    /// The relevant answers in interview order; inside repeats, nested arrays of instances.
    static func answersObject(_ answers: [String: Answer], questionnaire q: Questionnaire, includeIdentifiers: Bool) -> String {
        let root = Node()
        if !q.hasRepeats {
            let reading = StoredInterview(q, answers: answers)
            for (i, question) in q.questions.enumerated() where reading.isRelevant(question: i) {
                guard let a = answers[question.name], includeIdentifiers || !question.identifier else { continue }
                root.fields.append((question.name, .value(json(a, question))))
            }
            return root.json
        }
        for slot in StoredInterview(q, answers: answers).relevantSlots {
            // every instance reached gets its object, so the arrays keep their length even when an instance has no answers
            var node = root
            var steps: [(String, Int)] = []
            if case .addInstance(let g, let k) = slot.kind {
                guard answers[slot.key]?.value == "yes" else { continue }
                let chain = q.repeatChain(ofGroup: g)
                steps = zip(chain.dropLast(), slot.instances).map { (q.groups[$0].name, $1) } + [(q.groups[g].name, k)]
            } else {
                steps = zip(q.repeatChain(ofQuestionAt: slot.question), slot.instances).map { (q.groups[$0].name, $1) }
            }
            for (name, k) in steps { node = node.child(name, k) }
            guard slot.kind == .question else { continue }
            let question = q.questions[slot.question]
            guard let a = answers[slot.key], includeIdentifiers || !question.identifier else { continue }
            node.fields.append((question.name, .value(json(a, question))))
        }
        return root.json
    }

    static func json(_ a: Answer, _ question: Question) -> String {
        switch a {
        case .skipped: return "null"
        case .special(let s): return "{\"special\":\(quote(s.rawValue))}"
        case .value(let v):
            switch question.type {
            case .integer, .decimal, .scale, .range: return AnswerParser.parseDecimal(v) != nil ? v : quote(v)
            case .selectMultiple: return "[" + v.split(separator: " ").map { quote(String($0)) }.joined(separator: ",") + "]"
            default: return quote(v)
            }
        }
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
