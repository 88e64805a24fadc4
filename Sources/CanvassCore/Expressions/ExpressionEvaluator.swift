/// Evaluates expressions against answers given as plain strings.
public struct ExpressionEvaluator {
    /// The value of `${name}` as a string: `""` when unanswered, skipped, don't know or refused.
    public var value: (String) -> String
    /// The value of `.`, when evaluating a constraint.
    public var current: String
    /// The columns of the choice being filtered, for bare names in a choice filter.
    public var choice: [String: String] = [:]
    /// Repeats: how the evaluator reads every instance of `${name}` (a question inside a repeat, as seen from here).
    public var nodes: ((String) -> [String])?
    /// Repeats: the number of instances of the repeat `${name}`, or nil when `name` is not a repeat.
    public var instanceCount: ((String) -> Int?)?
    /// Repeats: the value of `${name}` in the given instances (`indexed-repeat`).
    public var indexed: ((String, [(repeat: String, instance: Int)]) -> String)?
    /// Repeats: the number of the instance being evaluated (`position(..)`), 0 outside a repeat.
    public var position = 0
    /// The clock of today() and now(), and the choice labels of jr:choice-name().
    public var context = CallContext()

    public init(current: String = "", value: @escaping (String) -> String) {
        self.value = value
        self.current = current
    }

    public func evaluate(_ e: Expression) -> ExpressionValue {
        switch e {
        case .number(let v): return .number(v)
        case .string(let s): return .string(s)
        case .reference(let name, _): return .string(value(name))
        case .current: return .string(current)
        case .parent: return .number(Double(position))
        case .choiceAttribute(let name, _): return .string(choice[name] ?? "")
        case .unary(.negate, let x): return .number(-evaluate(x).numberValue)
        case .binary(let op, let l, let r): return binary(op, l, r)
        case .call(let name, let args, _):
            if name == "if", args.count == 3 {  // evaluate only the branch taken
                return evaluate(args[0]).booleanValue ? evaluate(args[1]) : evaluate(args[2])
            }
            if FunctionLibrary.nodeSetFunctions.contains(name) { return nodeSet(name, args) }
            return FunctionLibrary.call(name, args.map(evaluate), context)
        }
    }

    public func isTrue(_ e: Expression) -> Bool { evaluate(e).booleanValue }

    /// Every value an argument stands for: all instances of a reference to a repeated question, else its one value.
    private func values(_ e: Expression) -> [String] {
        if case .reference(let name, _) = e {
            if let nodes { return nodes(name) }
            let v = value(name)
            return [v]
        }
        return [evaluate(e).stringValue]
    }

    /// The XLSForm functions over repeats: count, sum, max, min, join, indexed-repeat, position.
    private func nodeSet(_ name: String, _ args: [Expression]) -> ExpressionValue {
        switch name {
        case "position":
            return .number(Double(position))
        case "count":
            if case .reference(let n, _) = args[0] {
                if let c = instanceCount?(n) { return .number(Double(c)) }
                if let nodes { return .number(Double(nodes(n).count)) }
                return .number(value(n).isEmpty ? 0 : 1)
            }
            return .number(0)
        case "sum":
            // empty answers (unanswered, don't know, refused) are left out rather than making the sum NaN
            return .number(values(args[0]).filter { !$0.isEmpty }.reduce(0) { $0 + ExpressionValue.string($1).numberValue })
        case "max", "min":
            let numbers = args.flatMap(values).filter { !$0.isEmpty }.map { ExpressionValue.string($0).numberValue }
            guard !numbers.isEmpty, !numbers.contains(where: \.isNaN) else { return .number(.nan) }
            return .number(name == "max" ? numbers.max()! : numbers.min()!)
        case "join":
            return .string(values(args[1]).filter { !$0.isEmpty }.joined(separator: evaluate(args[0]).stringValue))
        case "count-non-empty":
            return .number(Double(values(args[0]).filter { !$0.isEmpty }.count))
        case "indexed-repeat":
            guard case .reference(let target, _) = args[0], args.count % 2 == 1 else { return .string("") }
            var at: [(repeat: String, instance: Int)] = []
            var i = 1
            while i + 1 < args.count {
                guard case .reference(let r, _) = args[i] else { return .string("") }
                let n = evaluate(args[i + 1]).numberValue
                guard n.isFinite, n >= 1, n < 1_000_000 else { return .string("") }
                at.append((r, Int(n)))
                i += 2
            }
            guard let indexed else { return .string(at.allSatisfy { $0.instance == 1 } ? value(target) : "") }
            return .string(indexed(target, at))
        default:
            return .string("")
        }
    }

    private func binary(_ op: BinaryOperator, _ l: Expression, _ r: Expression) -> ExpressionValue {
        switch op {
        case .or: return .boolean(isTrue(l) || isTrue(r))
        case .and: return .boolean(isTrue(l) && isTrue(r))
        default: break
        }
        let a = evaluate(l), b = evaluate(r)
        switch op {
        case .equal: return .boolean(Self.equal(a, b))
        case .notEqual: return .boolean(!Self.equal(a, b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let c: (Double, Double)
            if case .string(let x) = a, case .string(let y) = b, Self.isDate(x), Self.isDate(y) {
                // ISO dates compare as text, in calendar order.
                c = (x < y ? -1 : x == y ? 0 : 1, 0)
            } else {
                c = (a.numberValue, b.numberValue)
            }
            switch op {
            case .less: return .boolean(c.0 < c.1)
            case .lessOrEqual: return .boolean(c.0 <= c.1)
            case .greater: return .boolean(c.0 > c.1)
            default: return .boolean(c.0 >= c.1)
            }
        case .plus: return .number(a.numberValue + b.numberValue)
        case .minus: return .number(a.numberValue - b.numberValue)
        case .times: return .number(a.numberValue * b.numberValue)
        case .divide: return .number(a.numberValue / b.numberValue)
        case .modulo: return .number(a.numberValue.truncatingRemainder(dividingBy: b.numberValue))
        case .or, .and: return .boolean(false)
        }
    }

    static func equal(_ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        switch (a, b) {
        case (.boolean, _), (_, .boolean): return a.booleanValue == b.booleanValue
        case (.number, _), (_, .number): return a.numberValue == b.numberValue
        default: return a.stringValue == b.stringValue
        }
    }

    static func isDate(_ s: String) -> Bool { AnswerParser.parseDate(s) != nil }
}
