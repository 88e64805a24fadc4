extension LinearRegex {
    indirect enum Node {
        case empty
        case scalar(Unicode.Scalar)
        case set(CharacterSet)
        case any, begin, end
        case boundary(Bool)
        case concat([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
    }

    /// Recursive descent over the pattern's scalars; positions in errors count scalars from 0.
    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var depth = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        func fail(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: i) }

        mutating func consume(_ text: String) -> Bool {
            let t = Array(text.unicodeScalars)
            guard i + t.count <= s.count, Array(s[i..<(i + t.count)]) == t else { return false }
            i += t.count
            return true
        }

        mutating func alternation() throws(SyntaxError) -> Node {
            depth += 1
            defer { depth -= 1 }
            if depth > 100 { throw fail("groups nested more than 100 deep") }
            var branches = [try concatenation()]
            while i < s.count, s[i] == "|" {
                i += 1
                branches.append(try concatenation())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func concatenation() throws(SyntaxError) -> Node {
            var items: [Node] = []
            while i < s.count, s[i] != "|", s[i] != ")" {
                let atom = try self.atom()
                items.append(try quantified(atom))
            }
            return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
        }

        mutating func quantified(_ atom: Node) throws(SyntaxError) -> Node {
            var node = atom
            while i < s.count {
                let (min, max): (Int, Int?)
                switch s[i] {
                case "*": (min, max) = (0, nil)
                case "+": (min, max) = (1, nil)
                case "?": (min, max) = (0, 1)
                case "{":
                    guard let bounds = try braces() else { return node }
                    (min, max) = bounds
                default: return node
                }
                i += 1
                if i < s.count, s[i] == "?" || s[i] == "+" { i += 1 }  // lazy and possessive forms match the same texts
                if case .begin = node { continue }
                node = .repetition(node, min: min, max: max)
            }
            return node
        }

        /// `{n}`, `{n,}` or `{n,m}` at `i`, leaving `i` on the closing brace; nil when the brace is a literal.
        mutating func braces() throws(SyntaxError) -> (Int, Int?)? {
            var j = i + 1
            func number() -> Int? {
                var v = 0, digits = 0
                while j < s.count, let d = Int(String(s[j])), s[j].isASCII {
                    v = v * 10 + d
                    digits += 1
                    j += 1
                    if v > 100_000 { return v }
                }
                return digits > 0 ? v : nil
            }
            guard let lo = number() else { return nil }
            var hi: Int? = lo
            if j < s.count, s[j] == "," {
                j += 1
                hi = number()
            }
            guard j < s.count, s[j] == "}" else { return nil }
            if lo > 1000 || (hi ?? 0) > 1000 { throw fail("a repetition count above 1000") }
            if let hi, hi < lo { throw fail("{\(lo),\(hi)}: the upper bound is below the lower") }
            i = j
            return (lo, hi)
        }

        mutating func atom() throws(SyntaxError) -> Node {
            let c = s[i]
            switch c {
            case "(":
                i += 1
                if consume("?:") {
                } else if i < s.count, s[i] == "?" {
                    throw fail("look-around and other (? groups are not supported")
                }
                let inner = try alternation()
                guard i < s.count, s[i] == ")" else { throw fail("a '(' without its ')'") }
                i += 1
                return inner
            case "[":
                return .set(try characterClass())
            case ".":
                i += 1
                return .any
            case "^":
                i += 1
                return .begin
            case "$":
                i += 1
                return .end
            case "\\":
                return try escape(inClass: false)
            case "*", "+", "?":
                throw fail("'\(c)' repeats nothing")
            default:
                i += 1
                return .scalar(c)
            }
        }

        mutating func escape(inClass: Bool) throws(SyntaxError) -> Node {
            let backslash = i
            func fail(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: backslash) }
            i += 1
            guard i < s.count else { throw fail("a '\\' at the end of the pattern") }
            let c = s[i]
            i += 1
            func set(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) -> Node {
                .set(CharacterSet(ranges: ranges, negated: negated))
            }
            switch c {
            case "d": return set(Self.digit)
            case "D": return set(Self.digit, negated: true)
            case "w": return set(Self.word)
            case "W": return set(Self.word, negated: true)
            case "s": return set(Self.space)
            case "S": return set(Self.space, negated: true)
            case "b" where !inClass: return .boundary(true)
            case "B" where !inClass: return .boundary(false)
            case "t": return .scalar("\t")
            case "n": return .scalar("\n")
            case "r": return .scalar("\r")
            case "u":
                guard i + 4 <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i..<(i + 4)])), radix: 16),
                    let u = Unicode.Scalar(v)
                else { throw fail("\\u needs four hexadecimal digits") }
                i += 4
                return .scalar(u)
            case "1"..."9": throw fail("back-references (\\\(c)) are not supported")
            default:
                if c.properties.isAlphabetic && c.isASCII { throw fail("unknown escape \\\(c)") }
                return .scalar(c)
            }
        }

        mutating func characterClass() throws(SyntaxError) -> CharacterSet {
            i += 1
            var set = CharacterSet()
            if i < s.count, s[i] == "^" {
                set.negated = true
                i += 1
            }
            var first = true
            while i < s.count, s[i] != "]" || first {
                first = false
                let lo: UInt32
                if s[i] == "\\" {
                    switch try escape(inClass: true) {
                    case .scalar(let u): lo = u.value
                    case .set(let inner):
                        // \d \w \s inside a class (their negations are refused: rare, and they do not nest simply)
                        if inner.negated { throw fail("\\D, \\W and \\S inside [...] are not supported") }
                        set.ranges += inner.ranges
                        continue
                    default: throw fail("this escape cannot stand inside [...]")
                    }
                } else {
                    lo = s[i].value
                    i += 1
                }
                if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
                    i += 1
                    let hi: UInt32
                    if s[i] == "\\" {
                        guard case .scalar(let u) = try escape(inClass: true) else { throw fail("a range ends in a class escape") }
                        hi = u.value
                    } else {
                        hi = s[i].value
                        i += 1
                    }
                    guard lo <= hi else { throw fail("a range from a higher to a lower character") }
                    set.ranges.append(lo...hi)
                } else {
                    set.ranges.append(lo...lo)
                }
            }
            guard i < s.count else { throw fail("a '[' without its ']'") }
            i += 1
            return set
        }

        static let digit: [ClosedRange<UInt32>] = [48...57]
        static let word: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]
        static let space: [ClosedRange<UInt32>] = [9...13, 32...32, 0xA0...0xA0, 0x3000...0x3000]
    }

    /// Thompson's construction: each node becomes instructions; `{n,m}` copies its operand.
    struct Compiler {
        var code: [Instruction] = []

        mutating func emit(_ node: Node) throws(SyntaxError) {
            if code.count > LinearRegex.maximumProgram {
                throw SyntaxError(message: "the pattern is too long once its repetitions are written out", offset: 0)
            }
            switch node {
            case .empty: break
            case .scalar(let c): code.append(.scalar(c))
            case .set(let s): code.append(.set(s))
            case .any: code.append(.any)
            case .begin: code.append(.begin)
            case .end: code.append(.end)
            case .boundary(let b): code.append(.wordBoundary(b))
            case .concat(let items): for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = code.count
                        code.append(.split(split + 1, 0))
                        try emit(branch)
                        jumps.append(code.count)
                        code.append(.jump(0))
                        code[split] = .split(split + 1, code.count)
                    } else {
                        try emit(branch)
                    }
                }
                for j in jumps { code[j] = .jump(code.count) }
            case .repetition(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    // up to max - min optional copies
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(code.count)
                        code.append(.split(code.count + 1, 0))
                        try emit(inner)
                    }
                    for sp in splits { code[sp] = .split(sp + 1, code.count) }
                } else {
                    // a star: split into the body or past it, the body jumps back
                    let split = code.count
                    code.append(.split(split + 1, 0))
                    try emit(inner)
                    code.append(.jump(split))
                    code[split] = .split(split + 1, code.count)
                }
            }
        }
    }
}
