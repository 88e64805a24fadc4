/// A parsed XLSForm-style expression. Offsets are 0-based character positions in the source text.
public indirect enum Expression: Hashable, Sendable {
    case number(Double)
    case string(String)
    /// `${name}`
    case reference(name: String, offset: Int)
    /// `.`: the answer being checked.
    case current(offset: Int)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(name: String, arguments: [Expression], offset: Int)
    /// `..`: the enclosing repeat instance (only meaningful in `position(..)`).
    case parent(offset: Int)
    /// A bare name in a choice filter: the choice's own column (`province = ${province}`).
    case choiceAttribute(name: String, offset: Int)

    /// The patterns of every `regex(x, 'pattern')` written with a literal pattern, with the call's offset.
    public var regexPatterns: [(pattern: String, offset: Int)] {
        switch self {
        case .number, .string, .reference, .current, .parent, .choiceAttribute: return []
        case .unary(_, let e): return e.regexPatterns
        case .binary(_, let l, let r): return l.regexPatterns + r.regexPatterns
        case .call(let name, let args, let offset):
            var out: [(String, Int)] = []
            if name == "regex", args.count == 2, case .string(let p) = args[1] { out.append((p, offset)) }
            return out + args.flatMap(\.regexPatterns)
        }
    }

    /// The tables `pulldata('table', ...)` names, where it names them in the text.
    public var pulledTables: [(table: String, offset: Int)] {
        switch self {
        case .number, .string, .reference, .current, .parent, .choiceAttribute: return []
        case .unary(_, let e): return e.pulledTables
        case .binary(_, let l, let r): return l.pulledTables + r.pulledTables
        case .call(let name, let args, let offset):
            var out: [(String, Int)] = []
            if name == "pulldata", let first = args.first, case .string(let t) = first { out.append((t, offset)) }
            return out + args.flatMap(\.pulledTables)
        }
    }

    /// The codes compared with a question: `${q} = 'code'`, `'code' != ${q}`, `selected(${q}, 'code')`.
    public var comparedCodes: [(question: String, code: String)] {
        switch self {
        case .number, .string, .reference, .current, .parent, .choiceAttribute: return []
        case .unary(_, let e): return e.comparedCodes
        case .binary(let op, let l, let r):
            if op == .equal || op == .notEqual {
                if case .reference(let name, _) = l, case .string(let code) = r { return [(name, code)] }
                if case .string(let code) = l, case .reference(let name, _) = r { return [(name, code)] }
            }
            return l.comparedCodes + r.comparedCodes
        case .call(let name, let args, _):
            if name == "selected", args.count == 2, case .reference(let q, _) = args[0], case .string(let code) = args[1] {
                return [(q, code)]
            }
            return args.flatMap(\.comparedCodes)
        }
    }

    /// Every `${name}` the expression reads, with its offset, in source order.
    public var references: [(name: String, offset: Int)] {
        var out: [(String, Int)] = []
        collect(into: &out)
        return out
    }

    private func collect(into out: inout [(String, Int)]) {
        switch self {
        case .number, .string, .current, .choiceAttribute, .parent: break
        case .reference(let name, let offset): out.append((name, offset))
        case .unary(_, let e): e.collect(into: &out)
        case .binary(_, let l, let r):
            l.collect(into: &out)
            r.collect(into: &out)
        case .call(_, let args, _): for a in args { a.collect(into: &out) }
        }
    }

    /// Offsets of every `..` that is not the argument of `position()`.
    public var strayParentOffsets: [Int] {
        switch self {
        case .number, .string, .reference, .choiceAttribute, .current: return []
        case .parent(let offset): return [offset]
        case .unary(_, let e): return e.strayParentOffsets
        case .binary(_, let l, let r): return l.strayParentOffsets + r.strayParentOffsets
        case .call(let name, let args, _):
            if name == "position", args.count == 1, case .parent = args[0] { return [] }
            return args.flatMap(\.strayParentOffsets)
        }
    }

    /// Every bare choice column the expression reads, with its offset.
    public var choiceAttributes: [(name: String, offset: Int)] {
        switch self {
        case .number, .string, .reference, .current, .parent: return []
        case .choiceAttribute(let name, let offset): return [(name, offset)]
        case .unary(_, let e): return e.choiceAttributes
        case .binary(_, let l, let r): return l.choiceAttributes + r.choiceAttributes
        case .call(_, let args, _): return args.flatMap(\.choiceAttributes)
        }
    }

    /// Offsets of every `.` in the expression.
    public var currentOffsets: [Int] {
        switch self {
        case .number, .string, .reference, .choiceAttribute, .parent: return []
        case .current(let offset): return [offset]
        case .unary(_, let e): return e.currentOffsets
        case .binary(_, let l, let r): return l.currentOffsets + r.currentOffsets
        case .call(_, let args, _): return args.flatMap(\.currentOffsets)
        }
    }
}

public enum UnaryOperator: String, Hashable, Sendable { case negate = "-" }

public enum BinaryOperator: String, Hashable, Sendable {
    case or, and
    case equal = "=", notEqual = "!="
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "div", modulo = "mod"
}
