/// A token of the expression language.
public enum ExpressionToken: Hashable, Sendable {
    case number(Double)
    case string(String)
    case reference(String)
    case dot
    /// `..`: the enclosing repeat instance, as in `position(..)`.
    case dotDot
    case name(String)  // function names and the word operators and/or/div/mod
    case symbol(String)  // = != < <= > >= + - * ( ) ,
    case end
}

/// A problem found while reading an expression, at a 0-based character offset.
public struct ExpressionError: Error, Hashable, Sendable {
    public enum Kind: String, Sendable {
        case syntax = "expression-syntax", tooDeep = "expression-too-deep", unknownFunction = "unknown-function", wrongArity = "wrong-arity"
    }
    public var kind: Kind
    public var message: String
    public var offset: Int
    public init(_ kind: Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }
}

/// Splits expression text into tokens, as pyxform's tokenizer does for XLSForm.
struct ExpressionLexer {
    let chars: [Character]
    var position = 0

    init(_ text: String) { chars = Array(text) }

    mutating func tokenize() throws(ExpressionError) -> [(ExpressionToken, Int)] {
        var tokens: [(ExpressionToken, Int)] = []
        while true {
            skipSpace()
            let start = position
            guard position < chars.count else {
                tokens.append((.end, start))
                return tokens
            }
            let c = chars[position]
            if c == "$" {
                guard position + 1 < chars.count, chars[position + 1] == "{" else {
                    throw ExpressionError(.syntax, "'$' must start a reference like ${name}", at: start)
                }
                position += 2
                var name = ""
                while position < chars.count, chars[position] != "}" {
                    name.append(chars[position])
                    position += 1
                }
                guard position < chars.count else {
                    throw ExpressionError(.syntax, "reference '${\(name)' is not closed with '}'", at: start)
                }
                position += 1
                guard Self.isName(name) else { throw ExpressionError(.syntax, "'${\(name)}' is not a valid question name", at: start) }
                tokens.append((.reference(name), start))
            } else if c == "'" || c == "\"" {
                position += 1
                var s = ""
                while position < chars.count, chars[position] != c {
                    s.append(chars[position])
                    position += 1
                }
                guard position < chars.count else {
                    throw ExpressionError(.syntax, "string starting here is not closed with \(c)", at: start)
                }
                position += 1
                tokens.append((.string(s), start))
            } else if c.isASCII && c.isNumber
                || (c == "." && position + 1 < chars.count && chars[position + 1].isASCII && chars[position + 1].isNumber)
            {
                var s = ""
                while position < chars.count, chars[position].isASCII, chars[position].isNumber || chars[position] == "." {
                    s.append(chars[position])
                    position += 1
                }
                guard let v = Double(s) else { throw ExpressionError(.syntax, "'\(s)' is not a number", at: start) }
                tokens.append((.number(v), start))
            } else if c == "." {
                if position + 1 < chars.count, chars[position + 1] == "." {
                    position += 2
                    tokens.append((.dotDot, start))
                } else {
                    position += 1
                    tokens.append((.dot, start))
                }
            } else if c.isASCII && c.isLetter || c == "_" {
                var s = ""
                while position < chars.count, chars[position].isASCII,
                    chars[position].isLetter || chars[position].isNumber || chars[position] == "_" || chars[position] == "-"
                        || chars[position] == ":"
                {
                    s.append(chars[position])
                    position += 1
                }
                tokens.append((.name(s), start))
            } else {
                let two = position + 1 < chars.count ? String([c, chars[position + 1]]) : ""
                if ["!=", "<=", ">="].contains(two) {
                    position += 2
                    tokens.append((.symbol(two), start))
                } else if "=<>+-*(),".contains(c) {
                    position += 1
                    tokens.append((.symbol(String(c)), start))
                } else {
                    throw ExpressionError(.syntax, "unexpected character '\(c)'", at: start)
                }
            }
        }
    }

    private mutating func skipSpace() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic && first.isASCII else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}
