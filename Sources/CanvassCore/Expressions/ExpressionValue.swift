/// A value during evaluation, converted between kinds as XPath 1.0 does.
public enum ExpressionValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case boolean(Bool)

    public var numberValue: Double {
        switch self {
        case .number(let v): return v
        case .boolean(let b): return b ? 1 : 0
        case .string(let s):
            let t = s.trimmingSpaces
            if t.isEmpty { return .nan }
            // XPath numbers: digits with an optional sign and point; no exponent, no 'inf'. Read as bytes: all ASCII.
            var sawDigit = false
            for (i, b) in t.utf8.enumerated() {
                if b >= 48 && b <= 57 {
                    sawDigit = true
                    continue
                }
                if b == 46 { continue }  // .
                if b == 45 && i == 0 { continue }  // -
                // a date or dateTime counts its days since 1970, as ODK's date arithmetic does (${visited} + 7)
                if b == 45 && i == 4, let days = ODKDates.days(t) { return days }
                return .nan
            }
            return sawDigit ? (Double(t) ?? .nan) : .nan
        }
    }

    public var stringValue: String {
        switch self {
        case .string(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        case .number(let v):
            if v.isNaN { return "NaN" }
            if v.isInfinite { return v > 0 ? "Infinity" : "-Infinity" }
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return String(v)
        }
    }

    public var booleanValue: Bool {
        switch self {
        case .boolean(let b): return b
        case .number(let v): return v != 0 && !v.isNaN
        case .string(let s): return !s.isEmpty
        }
    }
}

extension String {
    public var trimmingSpaces: String {
        // most values have nothing to trim: ASCII at both ends and no space there
        let u = utf8
        if let f = u.first, let l = u.last, f > 32, f < 128, l > 32, l < 128 { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
