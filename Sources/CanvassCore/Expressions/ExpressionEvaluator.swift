/// Evaluates expressions against answers given as plain strings.
public struct ExpressionEvaluator {
    /// The value of `${name}` as a string: `""` when unanswered, skipped, don't know or refused.
    public var value: (String) -> String
    /// The value of `.`, when evaluating a constraint.
    public var current: String
    /// The columns of the choice being filtered, for bare names in a choice filter.
    public var choice: [String: String] = [:]

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
        case .choiceAttribute(let name, _): return .string(choice[name] ?? "")
        case .unary(.negate, let x): return .number(-evaluate(x).numberValue)
        case let .binary(op, l, r): return binary(op, l, r)
        case let .call(name, args, _):
            if name == "if", args.count == 3 {   // evaluate only the branch taken
                return evaluate(args[0]).booleanValue ? evaluate(args[1]) : evaluate(args[2])
            }
            return FunctionLibrary.call(name, args.map(evaluate))
        }
    }

    public func isTrue(_ e: Expression) -> Bool { evaluate(e).booleanValue }

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
