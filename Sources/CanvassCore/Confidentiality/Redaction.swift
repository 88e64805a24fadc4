/// Names taken out of free text: an interview's own identifier answers (the firm's name, a participant's, an
/// e-mail) and the respondent, wherever an account or a view mentions them, replaced by a placeholder that says what
/// was there (`[firm_name]`, `[participant_name 2]`, `[respondent]`).
///
/// Matching forgives how people write a name again: any case, any spacing (`Hanbit  AI`, `HanbitAI` is not), the
/// full-width forms of Chinese and Korean keyboards (`Ｈａｎｂｉｔ`), and the name without its legal form (`Hanbit
/// Delivery` for `Hanbit Delivery 有限公司`, `한빛` for `주식회사 한빛`). Longer names are replaced first, so a full
/// name is never half-replaced by its shorter form.
public struct Redaction: Sendable {
    struct Target: Sendable {
        var folded: [Character]
        var placeholder: String
    }
    let targets: [Target]

    /// Legal forms that are not part of what names a firm (the core is kept when it is still a name).
    static let legalForms = [
        "有限责任公司", "股份有限公司", "有限公司", "集团", "公司", "주식회사", "유한회사", "유한공사", "(주)", "㈜", "co., ltd.", "co.,ltd.",
        "co. ltd.", "co ltd", "co.", "ltd.", "ltd", "inc.", "inc", "corp.", "corp", "corporation", "company", "limited", "llc", "gmbh",
        "group", "株式会社",
    ]

    /// The redaction of one interview: its identifier answers (by storage key) and its respondent, plus `extra` words
    /// (a questionnaire's list of names to take out, each with its placeholder).
    public init(_ q: Questionnaire, answers: [String: Answer], respondent: String?, extra: [(word: String, placeholder: String)] = []) {
        var found: [(String, String)] = []
        for (key, answer) in answers {
            guard case .value(let v) = answer, let question = q.question(forKey: key), question.identifier else { continue }
            found.append((v, Self.placeholder(key)))
        }
        if let respondent { found.append((respondent, "[respondent]")) }
        found += extra.map { ($0.word, $0.placeholder) }
        var targets: [Target] = []
        for (text, placeholder) in found {
            for variant in Self.variants(of: text) where Self.isNameLike(variant) {
                targets.append(Target(folded: variant, placeholder: placeholder))
            }
        }
        // longest first; ties by placeholder, so the result never depends on dictionary order
        self.targets = targets.sorted { ($0.folded.count, $1.placeholder) > ($1.folded.count, $0.placeholder) }
    }

    /// `participant[2]/participant_name` -> `[participant_name 2]`; `firm_name` -> `[firm_name]`.
    public static func placeholder(_ key: String) -> String {
        if key == "(respondent)" { return "[respondent]" }
        guard let (steps, name) = RepeatPath.parse(key), !steps.isEmpty else { return "[\(key)]" }
        return "[\(name) \(steps.map { String($0.instance) }.joined(separator: "."))]"
    }

    public var isEmpty: Bool { targets.isEmpty }

    /// `text` with every mention replaced.
    public func apply(_ text: String) -> String {
        guard !targets.isEmpty, !text.isEmpty else { return text }
        let original = Array(text)
        // the folded text, and for each folded character the original character it came from
        var folded: [Character] = []
        var origin: [Int] = []
        folded.reserveCapacity(original.count)
        for (i, ch) in original.enumerated() {
            for f in Self.fold(ch) {
                if f == " ", folded.last == " " { continue }
                folded.append(f)
                origin.append(i)
            }
        }
        // replaced ranges of the original, found left to right, longest target first at each place
        var replaced: [(range: Range<Int>, placeholder: String)] = []
        var i = 0
        while i < folded.count {
            var matched = false
            for t in targets where i + t.folded.count <= folded.count && folded[i] == t.folded[0] {
                guard folded[i..<(i + t.folded.count)].elementsEqual(t.folded) else { continue }
                // whole words only for Latin names: 'Lee' is not redacted inside 'Leeds'
                if Self.isWordCharacter(t.folded.first!), i > 0, Self.isWordCharacter(folded[i - 1]) { continue }
                let end = i + t.folded.count
                if Self.isWordCharacter(t.folded.last!), end < folded.count, Self.isWordCharacter(folded[end]) { continue }
                replaced.append((origin[i]..<(origin[end - 1] + 1), t.placeholder))
                i = end
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        guard !replaced.isEmpty else { return text }
        var out = ""
        var at = 0
        for r in replaced {
            out += String(original[at..<r.range.lowerBound]) + r.placeholder
            at = r.range.upperBound
        }
        return out + String(original[at...])
    }

    /// A character as compared: lower case, full-width forms as their ASCII, any white space as one space.
    static func fold(_ ch: Character) -> [Character] {
        if ch.isWhitespace { return [" "] }
        var out: [Character] = []
        for scalar in ch.unicodeScalars {
            var s = scalar
            if (0xFF01...0xFF5E).contains(s.value), let half = Unicode.Scalar(s.value - 0xFEE0) { s = half }
            if s.value == 0x3000 { s = " " }
            out += String(s).lowercased().map { $0 }
        }
        return out
    }

    static func foldAll(_ s: String) -> [Character] {
        var out: [Character] = []
        for ch in s {
            for f in fold(ch) where !(f == " " && (out.last == " " || out.isEmpty)) { out.append(f) }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// The name as written, and without its legal form.
    static func variants(of text: String) -> [[Character]] {
        let whole = foldAll(text)
        var out = [whole]
        var core = String(whole)
        var changed = true
        while changed {
            changed = false
            for form in legalForms {
                let trimmed = core.trimmingSpaces
                if trimmed.hasSuffix(form) {
                    core = String(trimmed.dropLast(form.count))
                    changed = true
                } else if trimmed.hasPrefix(form) {
                    core = String(trimmed.dropFirst(form.count))
                    changed = true
                }
                core = core.trimmingSpaces
                while core.hasSuffix(",") { core = String(core.dropLast()).trimmingSpaces }
            }
        }
        let c = Array(core)
        if !c.isEmpty, c != whole { out.append(c) }
        return out
    }

    /// Worth redacting: at least 3 letters or digits, or 2 Hangul or Han characters (a surname alone in Latin letters,
    /// `Li`, would take out half of every text).
    static func isNameLike(_ s: [Character]) -> Bool {
        let letters = s.filter { $0.isLetter || $0.isNumber }
        let wide = letters.filter { !$0.isASCII }
        return letters.count >= 3 || wide.count >= 2
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
}

extension Redaction {
    /// The free text of one interview with its own names taken out: text, long text and calculated answers of
    /// questions that are not identifiers (identifier answers are left to the exports' masking).
    public static func redacted(_ d: InterviewData, questionnaire q: Questionnaire) -> InterviewData {
        var out = d
        out.answers = redacted(d.answers, respondent: d.record.respondent, questionnaire: q)
        return out
    }

    /// `answers` with their free text redacted by the interview's own names.
    public static func redacted(_ answers: [String: Answer], respondent: String?, questionnaire q: Questionnaire) -> [String: Answer] {
        let r = Redaction(q, answers: answers, respondent: respondent, extra: q.redactWords.map { ($0, "[redacted]") })
        var out = answers
        for (key, answer) in answers {
            guard case .value(let v) = answer, let question = q.question(forKey: key), !question.identifier,
                question.type == .text || question.type == .longText || question.type == .calculate
            else { continue }
            let own =
                question.redactWords.isEmpty
                ? r
                : Redaction(
                    q, answers: answers, respondent: respondent, extra: (q.redactWords + question.redactWords).map { ($0, "[redacted]") })
            guard !own.isEmpty else { continue }
            let clean = own.apply(v)
            if clean != v { out[key] = .value(clean) }
        }
        return out
    }
}

/// A source whose interviews come with their free text redacted (`Redaction`): what every export reads, so that
/// no output can forget it.
public struct RedactingSource: InterviewSource {
    let base: any InterviewSource
    let versions: QuestionnaireVersions

    public init(_ base: any InterviewSource, _ versions: QuestionnaireVersions) {
        self.base = base
        self.versions = versions
    }

    public func forEachInterview(
        questionnaire: String, includeOpen: Bool, questions: Set<String>?, _ body: (InterviewData) throws -> Void
    ) throws {
        // the identifiers are read too, whatever the caller needs: they say what to take out
        let needed = questions.map { $0.union(versions.all.flatMap { $0.questions.filter(\.identifier).map(\.name) }) }
        try base.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen, questions: needed) { d in
            let q = versions.questionnaire(row: d.record.questionnaireVersionRowID) ?? versions.latest
            try body(Redaction.redacted(d, questionnaire: q))
        }
    }
}

extension Redaction {
    /// `source` as an export reads it: its free text redacted unless `redact` is false.
    public static func source(_ source: any InterviewSource, _ versions: QuestionnaireVersions, redact: Bool) -> any InterviewSource {
        redact ? RedactingSource(source, versions) : source
    }
}
