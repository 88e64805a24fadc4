/// A `--where` filter that cannot be used, with the sentence that says why.
public struct FilterError: UserFacingError, Equatable {
    public var message: String
}

/// `--where EXPR`: a condition on an interview's answers, checked before it is run.
public enum InterviewFilter {
    /// The expression, checked: valid syntax and only questions of `q`.
    /// An identifier question is refused unless `includeIdentifiers`: a filter on a firm's name singles it out.
    public static func parse(_ text: String, for q: Questionnaire, includeIdentifiers: Bool = false) throws -> Expression {
        let e: Expression
        do {
            e = try ExpressionParser.parse(text)
        } catch {
            throw FilterError(message: "--where: \(error.message) (at character \(error.offset + 1) of \(text))")
        }
        for (name, _) in e.references where q.index(of: name) == nil {
            let near = Suggestion.nearest(to: name, among: q.questions.map(\.name)).map { "; did you mean ${\($0)}?" } ?? ""
            throw FilterError(message: "--where: ${\(name)} is not a question of \(q.id)\(near)")
        }
        for (name, _) in e.references where !includeIdentifiers && q.question(named: name)?.identifier == true {
            throw FilterError(message: "--where: \(Self.identifierRefusal(name))")
        }
        // a code compared with a choice question must be one of its codes: 'KR' for 'kr' would give an all-zero table
        for (name, code) in e.comparedCodes {
            guard let question = q.question(named: name), question.type.isSelect || question.type == .yesNo else { continue }
            let codes = question.choices.map(\.code)
            guard !codes.contains(code), !q.specialCodes.values.contains(code) else { continue }
            let near = codes.first { $0.lowercased() == code.lowercased() } ?? Suggestion.nearest(to: code, among: codes)
            throw FilterError(
                message: "--where: '\(code)' is not a code of \(name)" + (near.map { "; did you mean '\($0)'?" } ?? "")
                    + " (its codes: \(codes.prefix(12).joined(separator: ", "))\(codes.count > 12 ? ", ..." : ""))")
        }
        return e
    }

    /// Why a table may not be filtered or defined by an identifier question.
    public static func identifierRefusal(_ name: String) -> String {
        "${\(name)} is an identifier (confidential): a table filtered by it singles out respondents and copies the name into "
            + "the table files; add --include-identifiers if you mean it"
    }

    /// The condition `${variable} = 'code'`, with `other` joined by `and` when given (one layer of a layered table).
    public static func layer(_ variable: String, code: String, and other: String?) -> String {
        let condition = "${\(variable)} = '\(code)'"
        return other.map { "(\($0)) and \(condition)" } ?? condition
    }
}
