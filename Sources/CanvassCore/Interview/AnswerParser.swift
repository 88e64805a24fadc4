/// Reads a typed line into a canonical answer value, strictly, with a reason when it cannot.
public enum AnswerParser {
    /// Why an answer (or a console command) is refused: words of the console's catalogue, said in the interview's
    /// language at the console and in English in files and errors (`reason`); or a text already in its language
    /// (a questionnaire's own message).
    public struct Rejection: Error, Hashable, Sendable {
        public var words: ConsoleWords.Value
        public init(_ reason: String) { words = .text(reason) }
        public init(_ key: ConsoleWords.Key, _ values: ConsoleWords.Value...) { words = .words(key, values) }
        public init(words: ConsoleWords.Value) { self.words = words }
        /// In English: import, `db check` and merge resolution report it so.
        public var reason: String { words.rendered("en") }
        /// In `language` (the console's).
        public func text(_ language: String?) -> String { words.rendered(language) }
    }

    /// The longest answer accepted, in characters (Unicode scalars): about 30 pages of text.
    public static let maximumLength = 100_000

    /// Parses `input` (already trimmed of the line ending) as an answer to `question`.
    /// With `strict`, select and yes/no answers must be choice codes (no numbers, no y/n): the form of stored data.
    public static func parse(_ input: String, for question: Question, strict: Bool = false) -> Result<String, Rejection> {
        // bounded answers keep every check, export and table bounded too (a pasted file is not an answer)
        let length = input.unicodeScalars.count
        if length > maximumLength {
            return .failure(Rejection(.tooLong, .text(String(maximumLength)), .text(String(length))))
        }
        let t = input.trimmingSpaces
        if t.isEmpty { return .failure(Rejection(.answerRequired)) }
        switch question.type {
        case .note: return .failure(Rejection(.noteNotAnswered))
        case .calculate, .start, .end, .today, .username, .deviceid: return .success(input)
        case .text, .longText:
            let text = question.type == .text ? t : input
            if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" || $0.value == 0x7F }) {
                return .failure(Rejection(.controlCharacters))
            }
            return .success(text)
        case .integer:
            guard let v = parseInteger(t) else { return .failure(Rejection(.notWholeNumber, .text(clip(t)))) }
            return .success(String(v))
        case .decimal:
            guard let v = parseDecimal(t) else {
                return .failure(Rejection(.notNumber, .text(clip(t))))
            }
            return .success(v)
        case .scale:
            let lo = question.min ?? 1, hi = question.max ?? 5
            guard let v = parseInteger(t), v >= lo, v <= hi else {
                return .failure(Rejection(.scaleRange, .text(String(lo)), .text(String(hi))))
            }
            return .success(String(v))
        case .date:
            guard parseDate(t) != nil else { return .failure(dateProblem(t)) }
            return .success(t)
        case .time:
            guard let v = parseTime(t) else { return .failure(Rejection(.notATime, .text(clip(t)))) }
            return .success(v)
        case .dateTime:
            // YYYY-MM-DD HH:MM[:SS], or with T; stored as YYYY-MM-DDTHH:MM:SS, the interview's local time
            let parts = t.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
            guard parts.count == 2, parseDate(parts[0]) != nil, let time = parseTime(parts[1]) else {
                return .failure(Rejection(.notADateTime, .text(clip(t))))
            }
            return .success(parts[0] + "T" + time)
        case .geopoint:
            let n = t.split(whereSeparator: { $0 == " " || $0 == "," }).map { parseDecimal(String($0)) }
            guard (2...4).contains(n.count), n.allSatisfy({ $0 != nil }), let lat = Double(n[0]!), let lon = Double(n[1]!), abs(lat) <= 90,
                abs(lon) <= 180, n.count < 4 || (Double(n[3]!) ?? -1) >= 0
            else { return .failure(Rejection(.notAPoint, .text(clip(t)))) }
            return .success(n.map { $0! }.joined(separator: " "))
        case .barcode:
            if t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return .failure(Rejection(.controlCharacters)) }
            return .success(t)
        case .acknowledge:
            if t == "OK" || (!strict && (t.lowercased() == "ok" || yesOrNo(t) == true || t == "확인" || t == "好")) { return .success("OK") }
            return .failure(Rejection(.notOK))
        case .range:
            let lo = question.min ?? 0, hi = question.max ?? 10, step = max(1, question.step ?? 1)
            guard let v = parseInteger(t), v >= lo, v <= hi, (v - lo) % step == 0 else {
                return .failure(Rejection(.rangeStep, .text(String(lo)), .text(String(hi)), .text(String(step))))
            }
            return .success(String(v))
        case .rank:
            var order: [String] = []
            for token in t.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                guard let c = choice(String(token), in: question, strict: strict) else {
                    return .failure(unknownChoice(String(token), question))
                }
                order.append(c)
            }
            guard order.count == question.choices.count, Set(order).count == order.count else {
                return .failure(Rejection(.rankAll, .text(String(question.choices.count))))
            }
            return .success(order.joined(separator: " "))
        case .yesNo:
            if strict { return t == "yes" || t == "no" ? .success(t) : .failure(Rejection(.notYesOrNo, .text(clip(t)))) }
            // y/n in English, Korean and Chinese, and the choices' own codes and labels
            if t == "1" || t == "2" { return .success(t == "1" ? "yes" : "no") }
            if let yes = yesOrNo(t) { return .success(yes ? "yes" : "no") }
            if let c = choice(t, in: question, strict: false) { return .success(c) }
            return .failure(Rejection(.answerYOrN))
        case .selectOne:
            guard let c = choice(t, in: question, strict: strict) else { return .failure(unknownChoice(t, question)) }
            return .success(c)
        case .selectMultiple:
            var picked = Set<String>()
            for token in t.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                guard let c = choice(String(token), in: question, strict: strict) else {
                    return .failure(unknownChoice(String(token), question))
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

    static func unknownChoice(_ token: String, _ q: Question) -> Rejection {
        let near = Suggestion.nearest(to: token, among: q.choices.map(\.code)).map { ConsoleWords.Value.words(.didYouMean, [.text($0)]) }
        if q.choices.count == 1 { return Rejection(.notTheChoice, .text(clip(token)), .text(q.choices[0].code), near ?? "") }
        return Rejection(.notAChoice, .text(clip(token)), .text(String(q.choices.count)), near ?? "")
    }

    /// Why a typed date is not one: the form, or the month or day that does not exist.
    static func dateProblem(_ t: String) -> Rejection {
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return Rejection(.notADate, .text(clip(t))) }
        guard (1...12).contains(m) else { return Rejection(.noSuchMonth, .text(t), .text(String(m))) }
        guard y >= 1 else { return Rejection(.noYearZero, .text(t)) }
        let days = CalendarDate.daysIn(month: m, year: y)
        return d == 0 ? Rejection(.dayZero, .text(t)) : Rejection(.monthDays, .text(t), .month(m), .text(String(days)), .text(String(y)))
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

    /// `H:MM`, `HH:MM` or `HH:MM:SS` as `HH:MM:SS`; nil unless it is a clock time.
    public static func parseTime(_ s: String) -> String? {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(p.count), p.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            p.dropFirst().allSatisfy({ $0.count == 2 }), let h = Int(p[0]), let m = Int(p[1]), h < 24, m < 60
        else { return nil }
        let sec = p.count == 3 ? Int(p[2]) ?? 60 : 0
        guard sec < 60 else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return two(h) + ":" + two(m) + ":" + two(sec)
    }

    /// (year, month, day) for a valid calendar date written YYYY-MM-DD.
    public static func parseDate(_ s: String) -> (Int, Int, Int)? { CalendarDate.parts(Substring(s)).map { ($0.year, $0.month, $0.day) } }
}
