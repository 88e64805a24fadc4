/// A constraint without a message, said in words when it is a simple range on the answer itself
/// (`. >= 1 and . <= 600` is "enter a number from 1 to 600", in the console's language), so the interviewer never sees the raw expression.
public enum ConstraintWords {
    /// The words (in the console's catalogue) for a simple range; nil for anything else.
    public static func describe(_ e: Expression) -> ConsoleWords.Value? {
        guard let bounds = bounds(e) else { return nil }
        func n(_ v: Double) -> ConsoleWords.Value { .text(v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)) }
        switch (bounds.low, bounds.high) {
        case (let lo?, let hi?):
            if lo.inclusive && hi.inclusive { return .words(.numberFromTo, [n(lo.value), n(hi.value)]) }
            let low = ConsoleWords.Value.words(lo.inclusive ? .atLeast : .over, [n(lo.value)])
            let high = ConsoleWords.Value.words(hi.inclusive ? .atMost : .under, [n(hi.value)])
            return .words(.numberBoth, [low, high])
        case (let lo?, nil): return .words(lo.inclusive ? .numberAtLeast : .numberOver, [n(lo.value)])
        case (nil, let hi?): return .words(hi.inclusive ? .numberAtMost : .numberUnder, [n(hi.value)])
        case (nil, nil): return nil
        }
    }

    struct Bound {
        var value: Double
        var inclusive: Bool
    }

    /// The lower and upper bounds of `. OP number` comparisons joined by `and`; nil for anything else.
    static func bounds(_ e: Expression) -> (low: Bound?, high: Bound?)? {
        switch e {
        case .binary(.and, let l, let r):
            guard let a = bounds(l), let b = bounds(r) else { return nil }
            guard a.low == nil || b.low == nil, a.high == nil || b.high == nil else { return nil }
            return (a.low ?? b.low, a.high ?? b.high)
        case .binary(let op, .current, let rhs):
            guard let v = number(rhs) else { return nil }
            switch op {
            case .greaterOrEqual: return (Bound(value: v, inclusive: true), nil)
            case .greater: return (Bound(value: v, inclusive: false), nil)
            case .lessOrEqual: return (nil, Bound(value: v, inclusive: true))
            case .less: return (nil, Bound(value: v, inclusive: false))
            default: return nil
            }
        case .binary(let op, let lhs, .current):
            // `600 >= .` reads as `. <= 600`
            let flipped: [BinaryOperator: BinaryOperator] = [
                .greaterOrEqual: .lessOrEqual, .greater: .less, .lessOrEqual: .greaterOrEqual, .less: .greater,
            ]
            guard let f = flipped[op] else { return nil }
            return bounds(.binary(f, .current(offset: 0), lhs))
        default: return nil
        }
    }

    static func number(_ e: Expression) -> Double? {
        switch e {
        case .number(let v): return v
        case .unary(.negate, .number(let v)): return -v
        default: return nil
        }
    }
}
