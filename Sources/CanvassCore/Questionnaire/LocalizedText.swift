/// A label given either as one text or as one text per language code.
public struct LocalizedText: Hashable, Sendable {
    /// Language code -> text. A label written as a plain string is stored under `LocalizedText.anyLanguage`.
    public var texts: [String: String]

    public static let anyLanguage = ""

    public init(_ text: String) { texts = [Self.anyLanguage: text] }
    public init(texts: [String: String]) { self.texts = texts }

    public var isPlain: Bool { texts.keys.count == 1 && texts[Self.anyLanguage] != nil }

    /// The text in `language`, else in the first of `fallbacks` that has one, else any text.
    public func text(in language: String?, fallbacks: [String] = []) -> String {
        if let language, let t = texts[language] { return t }
        if let t = texts[Self.anyLanguage] { return t }
        for f in fallbacks { if let t = texts[f] { return t } }
        return texts.keys.sorted().first.flatMap { texts[$0] } ?? ""
    }
}
