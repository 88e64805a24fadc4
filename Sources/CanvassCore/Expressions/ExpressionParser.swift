/// Parses expression text into an `Expression`, with XPath's operator precedence.
public enum ExpressionParser {
    /// Deepest nesting accepted, so that no expression can exhaust the stack.
    public static let maximumDepth = 64

    /// With `allowChoiceAttributes`, a bare name is a column of the choice being filtered.
    public static func parse(_ text: String, allowChoiceAttributes: Bool = false) throws(ExpressionError) -> Expression {
        var lexer = ExpressionLexer(text)
        let tokens = try lexer.tokenize()
        var parser = Parser(tokens: tokens)
        parser.allowChoiceAttributes = allowChoiceAttributes
        if case .end = tokens[0].0 { throw ExpressionError(.syntax, "the expression is empty", at: 0) }
        let e = try parser.parseOr(depth: 0)
        guard case .end = parser.peek else {
            throw ExpressionError(.syntax, "unexpected \(parser.describe(parser.peek)) after a complete expression", at: parser.offset)
        }
        try FunctionLibrary.check(e)
        return e
    }
}

private struct Parser {
    let tokens: [(ExpressionToken, Int)]
    var index = 0
    var allowChoiceAttributes = false

    var peek: ExpressionToken { tokens[index].0 }
    var offset: Int { tokens[index].1 }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func describe(_ t: ExpressionToken) -> String {
        switch t {
        case .number(let v): return "number \(ExpressionValue.number(v).stringValue)"
        case .string(let s): return "string '\(s)'"
        case .reference(let n): return "${\(n)}"
        case .dot: return "'.'"
        case .dotDot: return "'..'"
        case .name(let n): return "'\(n)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    mutating func binaryLevel(_ ops: [String: BinaryOperator], depth: Int, next: (inout Parser, Int) throws(ExpressionError) -> Expression)
        throws(ExpressionError) -> Expression
    {
        var left = try next(&self, depth)
        while true {
            let key: String
            switch peek {
            case .symbol(let s): key = s
            case .name(let n): key = n
            default: return left
            }
            guard let op = ops[key] else { return left }
            advance()
            let right = try next(&self, depth)
            left = .binary(op, left, right)
        }
    }

    mutating func parseOr(depth: Int) throws(ExpressionError) -> Expression {
        guard depth < ExpressionParser.maximumDepth else {
            throw ExpressionError(.tooDeep, "the expression nests deeper than \(ExpressionParser.maximumDepth) levels", at: offset)
        }
        return try binaryLevel(["or": .or], depth: depth) { p, d throws(ExpressionError) in try p.parseAnd(depth: d) }
    }
    mutating func parseAnd(depth: Int) throws(ExpressionError) -> Expression {
        try binaryLevel(["and": .and], depth: depth) { p, d throws(ExpressionError) in try p.parseEquality(depth: d) }
    }
    mutating func parseEquality(depth: Int) throws(ExpressionError) -> Expression {
        try binaryLevel(["=": .equal, "!=": .notEqual], depth: depth) { p, d throws(ExpressionError) in try p.parseRelational(depth: d) }
    }
    mutating func parseRelational(depth: Int) throws(ExpressionError) -> Expression {
        try binaryLevel(["<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual], depth: depth) {
            p, d throws(ExpressionError) in try p.parseAdditive(depth: d)
        }
    }
    mutating func parseAdditive(depth: Int) throws(ExpressionError) -> Expression {
        try binaryLevel(["+": .plus, "-": .minus], depth: depth) { p, d throws(ExpressionError) in try p.parseMultiplicative(depth: d) }
    }
    mutating func parseMultiplicative(depth: Int) throws(ExpressionError) -> Expression {
        try binaryLevel(["*": .times, "div": .divide, "mod": .modulo], depth: depth) { p, d throws(ExpressionError) in
            try p.parseUnary(depth: d)
        }
    }
    mutating func parseUnary(depth: Int) throws(ExpressionError) -> Expression {
        if case .symbol("-") = peek {
            guard depth < ExpressionParser.maximumDepth else {
                throw ExpressionError(.tooDeep, "the expression nests deeper than \(ExpressionParser.maximumDepth) levels", at: offset)
            }
            advance()
            return .unary(.negate, try parseUnary(depth: depth + 1))
        }
        return try parsePrimary(depth: depth)
    }

    mutating func parsePrimary(depth: Int) throws(ExpressionError) -> Expression {
        let start = offset
        switch peek {
        case .number(let v):
            advance()
            return .number(v)
        case .string(let s):
            advance()
            return .string(s)
        case .reference(let n):
            advance()
            return .reference(name: n, offset: start)
        case .dot:
            advance()
            return .current(offset: start)
        case .dotDot:
            advance()
            return .parent(offset: start)
        case .symbol("("):
            advance()
            let e = try parseOr(depth: depth + 1)
            guard case .symbol(")") = peek else {
                throw ExpressionError(
                    .syntax, "expected ')' to close the '(' at column offset \(start + 1), found \(describe(peek))", at: offset)
            }
            advance()
            return e
        case .name(let n):
            advance()
            guard case .symbol("(") = peek else {
                if allowChoiceAttributes && !["and", "or", "div", "mod"].contains(n) { return .choiceAttribute(name: n, offset: start) }
                if ["and", "or", "div", "mod"].contains(n) { throw ExpressionError(.syntax, "'\(n)' needs a value before it", at: start) }
                throw ExpressionError(.syntax, "'\(n)' is not a value: write ${\(n)} for a question, '\(n)' for text", at: start)
            }
            advance()
            var args: [Expression] = []
            if case .symbol(")") = peek {
                advance()
                return .call(name: n, arguments: [], offset: start)
            }
            while true {
                args.append(try parseOr(depth: depth + 1))
                if case .symbol(",") = peek {
                    advance()
                    continue
                }
                guard case .symbol(")") = peek else {
                    throw ExpressionError(.syntax, "expected ',' or ')' in the arguments of \(n)(), found \(describe(peek))", at: offset)
                }
                advance()
                return .call(name: n, arguments: args, offset: start)
            }
        case .end:
            throw ExpressionError(.syntax, "the expression ends where a value was expected", at: start)
        case .symbol(let s):
            throw ExpressionError(.syntax, "unexpected '\(s)' where a value was expected", at: start)
        }
    }
}
