/// Reads a typed line into a canonical answer value, strictly, with a reason when it cannot.
public enum AnswerParser {
    public struct Rejection: Error, Hashable, Sendable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// The longest answer accepted, in characters (Unicode scalars): about 30 pages of text.
    public static let maximumLength = 100_000

    /// Parses `input` (already trimmed of the line ending) as an answer to `question`.
    /// With `strict`, select and yes/no answers must be choice codes (no numbers, no y/n): the form of stored data.
    public static func parse(_ input: String, for question: Question, strict: Bool = false) -> Result<String, Rejection> {
        // bounded answers keep every check, export and table bounded too (a pasted file is not an answer)
        let length = input.unicodeScalars.count
        if length > maximumLength {
            return .failure(Rejection("an answer holds at most \(maximumLength) characters; this one has \(length)"))
        }
        let t = input.trimmingSpaces
        if t.isEmpty { return .failure(Rejection("an answer is required")) }
        switch question.type {
        case .note: return .failure(Rejection("a note is not answered"))
        case .calculate: return .success(input)
        case .text, .longText:
            let text = question.type == .text ? t : input
            if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" || $0.value == 0x7F }) {
                return .failure(Rejection("the text contains control characters"))
            }
            return .success(text)
        case .integer:
            guard let v = parseInteger(t) else { return .failure(Rejection("'\(clip(t))' is not a whole number")) }
            return .success(String(v))
        case .decimal:
            guard let v = parseDecimal(t) else {
                return .failure(Rejection("'\(clip(t))' is not a number (use a point for decimals: 12.5)"))
            }
            return .success(v)
        case .scale:
            let lo = question.min ?? 1, hi = question.max ?? 5
            guard let v = parseInteger(t), v >= lo, v <= hi else {
                return .failure(Rejection("enter a whole number from \(lo) to \(hi)"))
            }
            return .success(String(v))
        case .date:
            guard parseDate(t) != nil else { return .failure(Rejection(dateProblem(t))) }
            return .success(t)
        case .yesNo:
            if strict { return t == "yes" || t == "no" ? .success(t) : .failure(Rejection("'\(clip(t))' is not yes or no")) }
            // y/n in English, Korean and Chinese, and the choices' own codes and labels
            if t == "1" || t == "2" { return .success(t == "1" ? "yes" : "no") }
            if let yes = yesOrNo(t) { return .success(yes ? "yes" : "no") }
            if let c = choice(t, in: question, strict: false) { return .success(c) }
            return .failure(Rejection("answer y or n (예 / 아니오, 是 / 否)"))
        case .selectOne:
            guard let c = choice(t, in: question, strict: strict) else { return .failure(Rejection(unknownChoice(t, question))) }
            return .success(c)
        case .selectMultiple:
            var picked = Set<String>()
            for token in t.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                guard let c = choice(String(token), in: question, strict: strict) else {
                    return .failure(Rejection(unknownChoice(String(token), question)))
                }
                picked.insert(c)
            }
            return .success(question.choices.map(\.code).filter(picked.contains).joined(separator: " "))
        }
    }

    /// Yes or no typed in English, Korean or Chinese (`y`, `yes`, `예`, `네`, `是`; `n`, `no`, `아니오`, `否`); nil otherwise.
    /// The one reading of a yes/no answer, the completion question and the console's confirmations.
    public static func yesOrNo(_ typed: String) -> Bool? {
        switch typed.trimmingSpaces.lowercased() {
        case "y", "yes", "예", "네", "응", "是", "是的", "对": return true
        case "n", "no", "아니오", "아니요", "아니", "否", "不", "不是": return false
        default: return nil
        }
    }

    /// A choice by its code, its number in the list, or (matching in any case, only when one choice matches) its
    /// code or label in any language: `KR` for `kr`, `Korean firm` for `kr`. Never a guess: a near miss is refused
    /// with the code meant.
    static func choice(_ token: String, in q: Question, strict: Bool) -> String? {
        if let c = q.choice(code: token) { return c.code }
        if strict { return nil }
        if let n = Int(token), n >= 1, n <= q.choices.count { return q.choices[n - 1].code }
        let folded = token.lowercased()
        let byCode = q.choices.filter { $0.code.lowercased() == folded }
        if byCode.count == 1 { return byCode[0].code }
        let byLabel = q.choices.filter { c in c.label.texts.values.contains { $0.lowercased() == folded } }
        if byLabel.count == 1 { return byLabel[0].code }
        return nil
    }

    static func unknownChoice(_ token: String, _ q: Question) -> String {
        let near = Suggestion.nearest(to: token, among: q.choices.map(\.code)).map { "; did you mean \($0)?" } ?? ""
        if q.choices.count == 1 {
            return "'\(clip(token))' is not the choice offered: give its code (\(q.choices[0].code)) or 1\(near)"
        }
        return "'\(clip(token))' is not one of the choices: give a code or a number from 1 to \(q.choices.count)\(near)"
    }

    /// Why a typed date is not one: the form, or the month or day that does not exist.
    static func dateProblem(_ t: String) -> String {
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return "'\(clip(t))' is not a date: write YYYY-MM-DD, e.g. 2018-07-02" }
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        guard (1...12).contains(m) else { return "\(t): there is no month \(m); months run from 01 to 12" }
        guard y >= 1 else { return "\(t): there is no year 0000" }
        let days = CalendarDate.daysIn(month: m, year: y)
        return d == 0 ? "\(t): days start at 01" : "\(t): \(months[m - 1]) has \(days) days in \(y)"
    }

    static func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "..." : s }

    /// A whole number written with digits and an optional sign, within 64 bits.
    public static func parseInteger(_ s: String) -> Int? {
        var body = Substring(s)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s.first == "+" ? String(s.dropFirst()) : s)
    }

    /// A decimal number in canonical form, or nil. Accepts `12`, `-3.5`, `.5`; refuses exponents and commas.
    public static func parseDecimal(_ s: String) -> String? {
        var body = Substring(s)
        var sign = ""
        if body.first == "-" {
            sign = "-"
            body = body.dropFirst()
        } else if body.first == "+" {
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !body.isEmpty, body != "." else { return nil }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        var whole = String(parts[0].drop(while: { $0 == "0" }))
        if whole.isEmpty { whole = "0" }
        var frac = parts.count == 2 ? String(parts[1]) : ""
        while frac.last == "0" { frac.removeLast() }
        guard whole.count <= 18 else { return nil }
        let text = frac.isEmpty ? whole : whole + "." + frac
        return (text == "0" ? "" : sign) + text
    }

    /// (year, month, day) for a valid calendar date written YYYY-MM-DD.
    public static func parseDate(_ s: String) -> (Int, Int, Int)? { CalendarDate.parts(Substring(s)).map { ($0.year, $0.month, $0.day) } }
}
