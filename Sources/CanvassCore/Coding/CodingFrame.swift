import Yams

/// A coding frame: the themes the open answers are coded into (a hierarchy, each with its label, definition and
/// keywords), and which questions of which questionnaires it codes. Data, like a questionnaire (`coding/*.yaml`).
public struct CodingFrame: Sendable {
    public struct Theme: Sendable {
        public var code: String
        public var label: LocalizedText
        public var definition: LocalizedText?
        public var keywords: [String]
        /// The enclosing theme's code; nil at the top.
        public var parent: String?
    }
    public var id: String
    public var title: LocalizedText
    /// Questionnaire id -> the names of the questions it codes.
    public var questions: [String: [String]]
    /// Every theme, parents before their children, in the file's order.
    public var themes: [Theme]

    public func theme(_ code: String) -> Theme? { themes.first { $0.code == code } }
}

public struct CodingFrameLoadResult: Sendable {
    public var frame: CodingFrame?
    public var diagnostics: [Diagnostic]
}

/// Reads a coding frame, every problem with its line and column.
public enum CodingFrameLoader {
    public static func load(text: String) -> CodingFrameLoadResult {
        let root: Node
        switch YAMLDocument.compose(text, isJSON: false) {
        case .failure(let d): return CodingFrameLoadResult(frame: nil, diagnostics: [d])
        case .success(nil):
            return CodingFrameLoadResult(
                frame: nil,
                diagnostics: [.error(.missingKey, "the coding frame is empty; it needs frame, questions and themes", at: .start)])
        case .success(let node?): root = node
        }
        let reader = NodeReader()
        var id = "", title = LocalizedText(""), questions: [String: [String]] = [:], themes: [CodingFrame.Theme] = []
        if let top = reader.keyed(
            root, what: "the coding frame", allowed: ["frame", "title", "questions", "themes"], required: ["frame", "questions", "themes"])
        {
            if let n = top["frame"], let s = reader.string(n.value, what: "frame") {
                if QuestionnaireLoader.isValidName(s) {
                    id = s
                } else {
                    reader.error(.badName, "'\(s)' is not a valid frame id", at: n.value)
                }
            }
            if let n = top["title"] { title = reader.label(n.value, what: "title", languages: []) ?? title }
            if let n = top["questions"], let entries = reader.entries(n.value, what: "questions") {
                for e in entries { questions[e.key] = reader.words(e.value, what: "the questions of \(e.key)") }
            }
            var seen = Set<String>()
            func read(_ node: Node, parent: String?, depth: Int) {
                guard let items = reader.list(node, what: "themes") else { return }
                for item in items {
                    guard
                        let m = reader.keyed(
                            item, what: "a theme", allowed: ["code", "label", "definition", "keywords", "themes"],
                            required: ["code", "label"]),
                        let c = m["code"], let code = reader.string(c.value, what: "a theme's code")
                    else { continue }
                    guard QuestionnaireLoader.isValidName(code) else {
                        reader.error(.badName, "'\(code)' is not a valid theme code: letters, digits and _", at: c.value)
                        continue
                    }
                    guard seen.insert(code).inserted else {
                        reader.error(.duplicateName, "theme '\(code)' appears twice", at: c.value)
                        continue
                    }
                    let label = m["label"].flatMap { reader.label($0.value, what: "the label of theme '\(code)'", languages: []) }
                    let definition = m["definition"].flatMap { reader.label($0.value, what: "the definition of '\(code)'", languages: []) }
                    let keywords = m["keywords"].map { reader.words($0.value, what: "keywords of '\(code)'") } ?? []
                    themes.append(
                        .init(code: code, label: label ?? LocalizedText(code), definition: definition, keywords: keywords, parent: parent))
                    if let sub = m["themes"] {
                        if depth >= 8 {
                            reader.error(.tooLarge, "themes nest deeper than 8 levels", at: sub.value)
                        } else {
                            read(sub.value, parent: code, depth: depth + 1)
                        }
                    }
                }
            }
            if let n = top["themes"] { read(n.value, parent: nil, depth: 1) }
            if themes.isEmpty, top["themes"] != nil { reader.error(.emptySection, "the frame has no themes", at: top["themes"]?.value) }
        }
        let frame = reader.hasErrors ? nil : CodingFrame(id: id, title: title, questions: questions, themes: themes)
        return CodingFrameLoadResult(frame: frame, diagnostics: reader.diagnostics)
    }
}
