import Synchronization

/// The functions expressions may call, their arities and their meaning.
public enum FunctionLibrary {
    /// name -> (fewest, most) arguments.
    public static let arities: [String: (Int, Int)] = core.merging(odkArities) { a, _ in a }
    static let core: [String: (Int, Int)] = [
        "selected": (2, 2), "count-selected": (1, 1), "string-length": (1, 1), "if": (3, 3),
        "not": (1, 1), "true": (0, 0), "false": (0, 0), "number": (1, 1), "string": (1, 1),
        "int": (1, 1), "round": (1, 2), "concat": (1, 99), "contains": (2, 2), "starts-with": (2, 2),
        "ends-with": (2, 2), "regex": (2, 2), "coalesce": (2, 2), "boolean": (1, 1),
        "selected-at": (2, 2), "abs": (1, 1),
        // repeats (XLSForm): read every instance, or one by number
        "count": (1, 1), "sum": (1, 1), "max": (1, 99), "min": (1, 99), "join": (2, 2),
        "position": (1, 1), "indexed-repeat": (3, 7),
    ]
    /// Functions that take a repeat or a question inside one as a whole (a node-set), not its value.
    static let nodeSetFunctions: Set<String> = ["count", "sum", "max", "min", "join", "indexed-repeat", "position", "count-non-empty"]

    /// Checks every call in `e` names a known function with the right number of arguments.
    static func check(_ e: Expression) throws(ExpressionError) {
        switch e {
        case .number, .string, .reference, .current, .choiceAttribute, .parent: return
        case .unary(_, let x): try check(x)
        case .binary(_, let l, let r):
            try check(l)
            try check(r)
        case .call(let name, let args, let offset):
            guard let (lo, hi) = arities[name] else {
                let near = Suggestion.nearest(to: name, among: Array(arities.keys)).map { " (did you mean \($0)()?)" } ?? ""
                throw ExpressionError(.unknownFunction, "unknown function \(name)()\(near)", at: offset)
            }
            guard args.count >= lo, args.count <= hi else {
                let want = lo == hi ? "\(lo)" : hi == 99 ? "at least \(lo)" : "\(lo) to \(hi)"
                throw ExpressionError(
                    .wrongArity, "\(name)() takes \(want) argument\(want == "1" ? "" : "s"), not \(args.count)", at: offset)
            }
            for a in args { try check(a) }
        }
    }

    static func call(_ name: String, _ args: [ExpressionValue], _ context: CallContext = CallContext()) -> ExpressionValue {
        func s(_ i: Int) -> String { args[i].stringValue }
        func n(_ i: Int) -> Double { args[i].numberValue }
        switch name {
        case "selected":
            let code = s(1)
            return .boolean(SelectedCodes.contains(s(0), code.trimmingSpaces))
        case "selected-at":
            let parts = s(0).split(separator: " ")
            let i = n(1)
            guard i.isFinite, i >= 0, i < Double(parts.count) else { return .string("") }
            return .string(String(parts[Int(i)]))
        case "count-selected": return .number(Double(SelectedCodes.count(s(0))))
        case "string-length": return .number(Double(s(0).count))
        case "if": return args[0].booleanValue ? args[1] : args[2]
        case "not": return .boolean(!args[0].booleanValue)
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "boolean": return .boolean(args[0].booleanValue)
        case "number": return .number(n(0))
        case "string": return .string(s(0))
        case "int":
            let v = n(0)
            return .number(v.isFinite ? v.rounded(.towardZero) : v)
        case "abs": return .number(abs(n(0)))
        case "round":
            let v = n(0)
            let digits = args.count > 1 ? n(1) : 0
            guard v.isFinite, digits.isFinite, abs(digits) <= 15 else { return .number(v) }
            var p = 1.0
            for _ in 0..<Int(abs(digits)) { p *= 10 }
            if digits < 0 { p = 1 / p }
            return .number((v * p).rounded(.toNearestOrAwayFromZero) / p)
        case "concat": return .string(args.map(\.stringValue).joined())
        case "contains": return .boolean(s(1).isEmpty || s(0).contains(s(1)))
        case "starts-with": return .boolean(s(0).hasPrefix(s(1)))
        case "ends-with": return .boolean(s(0).hasSuffix(s(1)))
        case "coalesce": return s(0).isEmpty ? args[1] : args[0]
        case "regex":
            guard let re = RegexCache.shared.regex(s(1)) else { return .boolean(false) }
            return .boolean(re.matches(s(0)))
        default: return odk(name, args, context) ?? .string("")
        }
    }
}

/// Compiled patterns of regex(): compiling costs far more than matching, and a questionnaire uses few patterns.
final class RegexCache: Sendable {
    static let shared = RegexCache()
    private let entries = Mutex<[String: LinearRegex?]>([:])

    /// The pattern compiled, or nil when it is not a valid pattern (which `schema check` reports).
    func regex(_ pattern: String) -> LinearRegex? {
        if let e = entries.withLock({ $0[pattern] }) { return e }
        let compiled = try? LinearRegex(pattern)
        entries.withLock { if $0.count < 256 { $0[pattern] = compiled } }
        return compiled
    }
}
