import Yams

/// Walks a YAML node tree with typed accessors that record a diagnostic, at the node's position,
/// whenever a value is missing or of the wrong kind.
final class NodeReader {
    private(set) var diagnostics: [Diagnostic] = []
    static let maximumDiagnostics = 500

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func report(_ d: Diagnostic) {
        if diagnostics.count < Self.maximumDiagnostics { diagnostics.append(d) }
    }
    func error(_ code: DiagnosticCode, _ message: String, at node: Node?) { report(.error(code, message, at: location(node))) }
    func warning(_ code: DiagnosticCode, _ message: String, at node: Node?) { report(.warning(code, message, at: location(node))) }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return .start }
        return SourceLocation(line: max(1, mark.line), column: max(1, mark.column))
    }

    /// A mapping's entries in document order, keys as text. Reports a non-mapping.
    func entries(_ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let m) = node else {
            error(.wrongValueType, "\(what) must be a mapping of keys to values, not \(describe(node))", at: node)
            return nil
        }
        return m.map { (key: $0.key.scalar?.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// Checks every key is known, suggesting the nearest known key; returns the entries by key.
    func keyed(_ node: Node, what: String, allowed: [String], required: [String]) -> [String: (keyNode: Node, value: Node)]? {
        guard let list = entries(node, what: what) else { return nil }
        var out: [String: (Node, Node)] = [:]
        var suggested = Set<String>()
        for e in list {
            if allowed.contains(e.key) {
                out[e.key] = (e.keyNode, e.value)
            } else {
                let nearest = Suggestion.nearest(to: e.key, among: allowed)
                if let nearest { suggested.insert(nearest) }
                let near = nearest.map { "; did you mean '\($0)'?" } ?? "; known keys: \(allowed.joined(separator: ", "))"
                error(.unknownKey, "unknown key '\(e.key)' in \(what)\(near)", at: e.keyNode)
            }
        }
        // A misspelt required key is reported once, as the unknown key with its suggestion.
        for r in required where out[r] == nil && !suggested.contains(r) {
            error(.missingKey, "\(what) is missing the required key '\(r)'", at: node)
        }
        return out
    }

    func list(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let s) = node else {
            error(.wrongValueType, "\(what) must be a list (items starting with '- ' or [a, b]), not \(describe(node))", at: node)
            return nil
        }
        return Array(s)
    }

    /// A list of words or names (`redact: [KIEP, 한빛]`): each a single non-empty value without control characters.
    func words(_ node: Node, what: String) -> [String] {
        guard let items = list(node, what: what) else { return [] }
        return items.compactMap { item in
            guard let s = string(item, what: "a word of \(what)"), plain(s, what: "a word of \(what)", at: item) else { return nil }
            guard !s.trimmingSpaces.isEmpty else {
                error(.wrongValueType, "a word of \(what) is empty", at: item)
                return nil
            }
            return s
        }
    }

    func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let s) = node else {
            error(.wrongValueType, "\(what) must be a single value, not \(describe(node))", at: node)
            return nil
        }
        return s.string
    }

    func bool(_ node: Node, what: String) -> Bool? {
        guard let s = string(node, what: what) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "y", "on": return true
        case "false", "no", "n", "off": return false
        default:
            error(.wrongValueType, "\(what) must be true or false, not '\(s)'", at: node)
            return nil
        }
    }

    func integer(_ node: Node, what: String) -> Int? {
        guard let s = string(node, what: what) else { return nil }
        guard let v = AnswerParser.parseInteger(s.trimmingSpaces) else {
            error(.wrongValueType, "\(what) must be a whole number, not '\(s)'", at: node)
            return nil
        }
        return v
    }

    /// A label: one text, or one text per language.
    /// Labels reach interviewers' terminals: a control character there could clear the screen or write the clipboard.
    func plain(_ text: String, what: String, at node: Node) -> Bool {
        guard TerminalText.hasControlCharacters(text, allowLineBreaks: true) else { return true }
        error(.wrongValueType, "\(what) contains control characters (such as ESC); remove them", at: node)
        return false
    }

    func label(_ node: Node, what: String, languages: [String]) -> LocalizedText? {
        switch node {
        case .scalar(let s):
            guard plain(s.string, what: what, at: node) else { return nil }
            return LocalizedText(s.string)
        case .mapping:
            guard let list = entries(node, what: what) else { return nil }
            var texts: [String: String] = [:]
            for e in list {
                guard let t = string(e.value, what: "the '\(e.key)' text of \(what)"), plain(t, what: what, at: e.value) else { continue }
                if !languages.isEmpty, !languages.contains(e.key) {
                    let near = Suggestion.nearest(to: e.key, among: languages).map { "; did you mean '\($0)'?" } ?? ""
                    warning(
                        .unknownLanguage,
                        "\(what) has text in '\(e.key)', which is not in languages [\(languages.joined(separator: ", "))]\(near)",
                        at: e.keyNode)
                }
                texts[e.key] = t
            }
            if texts.isEmpty {
                error(.wrongValueType, "\(what) must give at least one text", at: node)
                return nil
            }
            for l in languages where texts[l] == nil {
                warning(
                    .missingTranslation, "\(what) has no '\(l)' text; the \(texts.keys.sorted().first ?? "other") text will be shown",
                    at: node)
            }
            return LocalizedText(texts: texts)
        default:
            error(.wrongValueType, "\(what) must be a text or a mapping of language to text, not \(describe(node))", at: node)
            return nil
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "the value '\(AnswerParser.clip(s.string))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Where the text of a scalar starts: a quoted value's mark is at its opening quote.
    func textStart(_ node: Node) -> SourceLocation {
        var loc = location(node)
        if case .scalar(let s) = node, s.style == .singleQuoted || s.style == .doubleQuoted { loc.column += 1 }
        return loc
    }
}
