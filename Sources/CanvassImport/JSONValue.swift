/// A JSON value as read from an import line. Numbers keep their text, so `3.20` is not turned into `3.2000000000000002`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)), (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last { $0.key == key }?.value
    }
}

/// A small, strict JSON reader (RFC 8259) over UTF-8 bytes, with a nesting limit so no line can exhaust the stack.
public struct JSONReader {
    public struct Failure: Error, Sendable {
        public var message: String
        public var offset: Int
    }
    public static let maximumDepth = 64

    private let b: [UInt8]
    private var i = 0

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var r = JSONReader(b: bytes)
        r.skipSpace()
        let v = try r.value(depth: 0)
        r.skipSpace()
        guard r.i == bytes.count else { throw Failure(message: "unexpected text after the JSON value", offset: r.i) }
        return v
    }

    private init(b: [UInt8]) { self.b = b }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
    }

    private func fail(_ m: String) -> Failure { Failure(message: m, offset: i) }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw fail("nested deeper than \(Self.maximumDepth) levels") }
        guard i < b.count else { throw fail("the line ends where a value was expected") }
        switch b[i] {
        case UInt8(ascii: "{"):
            i += 1
            var pairs: [(key: String, value: JSONValue)] = []
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: "}") {
                i += 1
                return .object(pairs)
            }
            while true {
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a \"key\" in the object") }
                let key = try string()
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                if pairs.contains(where: { $0.key == key }) { throw fail("the key \"\(key)\" appears twice") }
                pairs.append((key, v))
                skipSpace()
                guard i < b.count else { throw fail("the object is not closed with '}'") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if b[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(pairs)
                }
                throw fail("expected ',' or '}' in the object")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < b.count else { throw fail("the list is not closed with ']'") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if b[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items)
                }
                throw fail("expected ',' or ']' in the list")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try word("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try word("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try word("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            throw fail("unexpected character '\(Unicode.Scalar(b[i]))'")
        }
    }

    private mutating func word(_ w: StaticString) throws(Failure) {
        let n = w.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("unexpected end of the line") }
        let p = w.utf8Start
        for k in 0..<n where b[i + k] != p[k] { throw fail("unexpected word") }
        i += n
    }

    private mutating func number() throws(Failure) -> String {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int {
            let s = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            return i - s
        }
        let intStart = i
        guard digits() > 0 else { throw fail("a number needs digits") }
        if b[intStart] == 48, i - intStart > 1 { throw fail("a number may not start with 0") }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("digits must follow the decimal point") }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("digits must follow the exponent") }
        }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private mutating func string() throws(Failure) -> String {
        i += 1  // opening quote
        let start = i
        // fast path: no escapes
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        guard i < b.count else { throw fail("the text is not closed with '\"'") }
        if b[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
        var out = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw fail("a control character inside text must be escaped") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { break }
            switch b[i] {
            case UInt8(ascii: "\""): out.append(34)
            case UInt8(ascii: "\\"): out.append(92)
            case UInt8(ascii: "/"): out.append(47)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 2 < b.count, b[i + 1] == UInt8(ascii: "\\"), b[i + 2] == UInt8(ascii: "u") else {
                        throw fail("an unpaired surrogate in \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("an unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("an unpaired surrogate in \\u escape")
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail("an invalid escape \\\(Unicode.Scalar(b[i]))")
            }
            i += 1
        }
        throw fail("the text is not closed with '\"'")
    }

    /// Reads the 4 hex digits after `\u`, leaving `i` on the last one.
    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 < b.count else { throw fail("a \\u escape needs 4 hex digits") }
        var v: UInt32 = 0
        for k in 1...4 {
            let c = b[i + k]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw fail("a \\u escape needs 4 hex digits")
            }
            v = v * 16 + d
        }
        i += 4
        return v
    }
}
