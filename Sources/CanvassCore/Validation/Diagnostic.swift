/// A problem found in a questionnaire or plan file, with where it is and how serious.
public struct Diagnostic: Error, Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }
    public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    /// `FILE:LINE:COL: error: MESSAGE [code]`, the form compilers and editors understand.
    public func formatted(file: String) -> String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(code.rawValue)]"
    }
}

/// The stable code of each kind of problem; `docs/errors.md` documents every one with an example and its fix.
public enum DiagnosticCode: String, CaseIterable, Sendable {
    case yamlSyntax = "yaml-syntax"
    case tooLarge = "too-large"
    case wrongValueType = "wrong-value-type"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case ignoredKey = "ignored-key"
    case badName = "bad-name"
    case duplicateName = "duplicate-name"
    case duplicateChoice = "duplicate-choice"
    case badChoiceCode = "bad-choice-code"
    case unknownType = "unknown-type"
    case missingChoices = "missing-choices"
    case unknownChoiceList = "unknown-choice-list"
    case scaleRange = "scale-range"
    case badSpecial = "bad-special"
    case emptyQuestionnaire = "empty-questionnaire"
    case emptySection = "empty-section"
    case expressionSyntax = "expression-syntax"
    case expressionTooDeep = "expression-too-deep"
    case unknownFunction = "unknown-function"
    case wrongArity = "wrong-arity"
    case unknownReference = "unknown-reference"
    case forwardReference = "forward-reference"
    case calculationCycle = "calculation-cycle"
    case misplacedDot = "misplaced-dot"
    case unknownChoiceCode = "unknown-choice-code"
    case regexSyntax = "regex-syntax"
    case repeatRange = "repeat-range"
    case repeatReference = "repeat-reference"
    case missingTranslation = "missing-translation"
    case unknownLanguage = "unknown-language"
}
