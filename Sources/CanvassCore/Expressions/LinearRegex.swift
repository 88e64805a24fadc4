/// A regular expression matched in time linear in the text (a Pike VM over a compiled NFA), so that no pattern and
/// no answer can hang an interview, an import or a table: `regex(., '^(a+)+$')` is as fast as `regex(., '^a+$')`.
///
/// The dialect is what XLSForm forms use (Java / XPath style): literals, `.`, classes `[a-z]`, `[^...]`, escapes `\d \D
/// \w \W \s \S \b \B` and `\. \\ \t \n \uXXXX`, anchors `^ $`, groups `( )` and `(?: )`, alternation `|`, quantifiers
/// `* + ? {n} {n,} {n,m}` (lazy forms accepted; they match the same texts), and a leading `(?i)`. Back-references and
/// look-around are refused with a reason: they are what makes other engines exponential.
public struct LinearRegex: Sendable {
    public struct SyntaxError: Error, Equatable, Sendable {
        public var message: String
        public var offset: Int
    }

    /// The longest compiled program: `{n,m}` copies its operand, and `(a{1000}){1000}` must not exhaust memory.
    static let maximumProgram = 20_000

    enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case set(CharacterSet)
        case any  // every scalar but a line feed
        case split(Int, Int)
        case jump(Int)
        case begin, end, wordBoundary(Bool)
        case match
    }

    /// A set of scalars: ranges, negated or not.
    struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var negated = false
        func contains(_ s: Unicode.Scalar, caseless: Bool) -> Bool {
            var hit = ranges.contains { $0.contains(s.value) }
            if !hit, caseless {
                let other = LinearRegex.otherCase(s)
                if other != s { hit = ranges.contains { $0.contains(other.value) } }
            }
            return hit != negated
        }
    }

    let program: [Instruction]
    let caseless: Bool
    public let pattern: String

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        var parser = Parser(Array(pattern.unicodeScalars))
        var caseless = false
        if parser.consume("(?i)") { caseless = true }
        let node = try parser.alternation()
        if parser.i < parser.s.count {
            throw parser.fail(parser.s[parser.i] == ")" ? "an unmatched ')'" : "unexpected '\(parser.s[parser.i])'")
        }
        var compiler = Compiler()
        try compiler.emit(node)
        compiler.code.append(.match)
        self.program = compiler.code
        self.caseless = caseless
    }

    /// Does the pattern match somewhere in `text` (XLSForm's `regex()`, which anchors only with `^` and `$`)?
    public func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var current = ThreadList(count: program.count)
        var next = ThreadList(count: program.count)
        for position in 0...input.count {
            // a thread may start at every position (an unanchored search)
            if add(0, at: position, input, to: &current) { return true }
            guard position < input.count else { break }
            let c = input[position]
            next.clear()
            for pc in current.items {
                switch program[pc] {
                case .scalar(let s):
                    if s == c || (caseless && Self.otherCase(s) == c) { if add(pc + 1, at: position + 1, input, to: &next) { return true } }
                case .set(let set):
                    if set.contains(c, caseless: caseless) { if add(pc + 1, at: position + 1, input, to: &next) { return true } }
                case .any:
                    if c != "\n" { if add(pc + 1, at: position + 1, input, to: &next) { return true } }
                default: break
                }
            }
            swap(&current, &next)
        }
        return false
    }

    /// The threads at one position: each instruction at most once, so the work per character is bounded by the program.
    struct ThreadList {
        var items: [Int] = []
        var seen: [Int]
        var generation = 1
        init(count: Int) { seen = Array(repeating: 0, count: count) }
        mutating func clear() {
            items.removeAll(keepingCapacity: true)
            generation += 1
        }
        mutating func insert(_ pc: Int) -> Bool {
            if seen[pc] == generation { return false }
            seen[pc] = generation
            return true
        }
    }

    /// Follows jumps, splits and assertions from `pc`; returns true when it reaches the match.
    private func add(_ pc: Int, at position: Int, _ input: [Unicode.Scalar], to list: inout ThreadList) -> Bool {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let x): stack.append(x)
            case .split(let x, let y):
                stack.append(y)
                stack.append(x)
            case .begin: if position == 0 { stack.append(pc + 1) }
            case .end: if position == input.count { stack.append(pc + 1) }
            case .wordBoundary(let wanted):
                let before = position > 0 && Self.isWord(input[position - 1])
                let after = position < input.count && Self.isWord(input[position])
                if (before != after) == wanted { stack.append(pc + 1) }
            case .scalar, .set, .any: list.items.append(pc)
            }
        }
        return false
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil || s == "_" }

    static func otherCase(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let lower = s.properties.lowercaseMapping.unicodeScalars, upper = s.properties.uppercaseMapping.unicodeScalars
        if lower.count == 1, let l = lower.first, l != s { return l }
        if upper.count == 1, let u = upper.first, u != s { return u }
        return s
    }
}
