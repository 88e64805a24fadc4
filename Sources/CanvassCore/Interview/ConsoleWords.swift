/// The console's own words in the interview's language (en, ko, zh): the hints under each question, the refusals of
/// an answer and their reasons, the commands' replies, the help text and the sentences that start and end a session.
/// `{1}`, `{2}` stand for what the sentence names; every language has every key, with the same placeholders
/// (tested). The catalogue itself is in `ConsoleWords+Catalogue.swift`.
public enum ConsoleWords {
    /// What fills a placeholder: a text as it is, a month (by its name in the language) or other words of the
    /// catalogue (a "did you mean" inside a refusal, "don't know" inside a reply).
    public indirect enum Value: Hashable, Sendable, ExpressibleByStringLiteral {
        case text(String)
        case month(Int)
        case words(Key, [Value])
        public init(stringLiteral s: String) { self = .text(s) }

        func rendered(_ language: String?) -> String {
            switch self {
            case .text(let s): return s
            case .month(let m): return ConsoleWords.month(m, language)
            case .words(let key, let values): return ConsoleWords.text(key, language, values)
            }
        }
    }

    /// The languages the console speaks; any other language (or none) gets English.
    public static let languages = ["en", "ko", "zh"]

    /// `key` in `language` (`ko`, `ko-KR`, `zh-Hans`...: by its first part), placeholders filled in order.
    public static func text(_ key: Key, _ language: String?, _ values: [Value]) -> String {
        let base = base(language)
        var s = table[key]?[base] ?? table[key]?["en"] ?? key.rawValue
        // from the last, so that {1} never matches inside {10}
        for (n, v) in values.enumerated().reversed() { s = s.replacing("{\(n + 1)}", with: v.rendered(language)) }
        return s
    }

    public static func text(_ key: Key, _ language: String?, _ values: [String] = []) -> String {
        text(key, language, values.map(Value.text))
    }

    /// "don't know" or "refused" in the language.
    public static func label(of special: SpecialAnswer, _ language: String?) -> String {
        text(special == .dontKnow ? .dontKnow : .refused, language)
    }

    /// A month's name: February, 2월, 2月.
    static func month(_ m: Int, _ language: String?) -> String {
        guard (1...12).contains(m) else { return String(m) }
        switch base(language) {
        case "ko": return "\(m)월"
        case "zh": return "\(m)月"
        default:
            return [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                "December",
            ][m - 1]
        }
    }

    static func base(_ language: String?) -> String {
        language.map { String($0.prefix { $0 != "-" && $0 != "_" }).lowercased() } ?? "en"
    }
}
