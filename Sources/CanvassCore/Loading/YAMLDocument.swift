import Yams

/// Reads schema text (YAML, or JSON as a subset of it) into a node tree with positions.
enum YAMLDocument {
    /// Largest schema accepted, and deepest bracket nesting, so no file can exhaust memory or the stack.
    static let maximumBytes = 16 * 1024 * 1024
    static let maximumFlowDepth = 64

    static func compose(_ text: String, isJSON: Bool) -> Result<Node?, Diagnostic> {
        if text.utf8.count > maximumBytes {
            return .failure(
                .error(.tooLarge, "the file is larger than \(maximumBytes / 1024 / 1024) MB; split it or remove unused parts", at: .start))
        }
        if let deep = deepFlowNesting(text) {
            return .failure(
                .error(.tooLarge, "brackets nest deeper than \(maximumFlowDepth) levels; write nested parts as indented blocks", at: deep))
        }
        // JSON may indent with tabs, which YAML forbids; outside strings a tab is only white space.
        let source = isJSON ? text.replacingTabs() : text
        do {
            return .success(try Yams.compose(yaml: source))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, isJSON: isJSON))
        } catch {
            return .failure(.error(.yamlSyntax, "the file could not be read as \(isJSON ? "JSON" : "YAML"): \(error)", at: .start))
        }
    }

    static func diagnostic(for error: YamlError, isJSON: Bool) -> Diagnostic {
        let kind = isJSON ? "JSON" : "YAML"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.contains("nesting level") {
                return .error(
                    .tooLarge, "\(kind) nests lists and mappings too deeply here; a questionnaire needs a few levels, not hundreds",
                    at: SourceLocation(line: max(1, mark.line), column: max(1, mark.column)))
            }
            var message = "\(kind) syntax: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            if problem.contains("tab") || problem.contains("cannot start any token") {
                message += "; indent with spaces, and quote text that starts with a special character like @, `, %, or *"
            } else if problem.contains("did not find expected ',' or '}'") || problem.contains("did not find expected ',' or ']'") {
                message +=
                    "; inside {...} or [...], quote text that contains ': ', ',' or brackets (for example label: \"Note: read aloud\")"
            } else if problem.contains("mapping values are not allowed") {
                message += "; quote a value that contains ': ' (for example label: \"Note: read aloud\")"
            }
            return .error(.yamlSyntax, message, at: SourceLocation(line: max(1, mark.line), column: max(1, mark.column)))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                .yamlSyntax, "\(kind) mapping has the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) more than once; keep one",
                at: SourceLocation(line: context.mark.line, column: context.mark.column))
        case .reader(let problem, _, _, _):
            return .error(.yamlSyntax, "\(kind) cannot be read: \(problem); save the file as UTF-8", at: .start)
        default:
            return .error(.yamlSyntax, "the file could not be read as \(kind): \(error)", at: .start)
        }
    }

    /// The position where `[`/`{` nesting first exceeds the limit, ignoring quoted text and comments.
    static func deepFlowNesting(_ text: String) -> SourceLocation? {
        var depth = 0, line = 1, column = 0
        var quote: Unicode.Scalar?
        var comment = false
        for s in text.unicodeScalars {
            column += 1
            if s == "\n" {
                line += 1
                column = 0
                comment = false
                if quote == "'" { quote = nil }
                continue
            }
            if comment { continue }
            if let q = quote {
                if s == q { quote = nil }
                continue
            }
            switch s {
            case "'", "\"": quote = s
            case "#": comment = true
            case "[", "{":
                depth += 1
                if depth > maximumFlowDepth { return SourceLocation(line: line, column: column) }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }
}

extension String {
    func replacingTabs() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
    }
}
