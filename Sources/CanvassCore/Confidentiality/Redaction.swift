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
        /// The name folded (`fold`), as scalar values; empty for a sealed name, known by its `blind` hash only.
        var folded: [UInt32]
        var blind: SealedValue.Blind?
        var placeholder: String
        var length: Int { blind?.length ?? folded.count }
    }
    let targets: [Target]
    /// The first folded scalar of every target known in clear: a text holding none of them (and no sealed name to
    /// look for) is returned as it is, unscanned.
    let firsts: Set<UInt32>
    /// Hashes the folded forms of the text compared with sealed names' blind hashes.
    let sealer: Sealer?

    /// Legal forms that are not part of what names a firm (the core is kept when it is still a name).
    static let legalForms = [
        "有限责任公司", "股份有限公司", "有限公司", "集团", "公司", "주식회사", "유한회사", "유한공사", "(주)", "㈜", "co., ltd.", "co.,ltd.",
        "co. ltd.", "co ltd", "co.", "ltd.", "ltd", "inc.", "inc", "corp.", "corp", "corporation", "company", "limited", "llc", "gmbh",
        "group", "株式会社",
    ]

    /// The redaction of one interview: its identifier answers (by storage key) and its respondent, plus `extra` words
    /// (a questionnaire's list of names to take out, each with its placeholder).
    /// With `sealer`, names sealed in the database are looked for by their blind hashes (`SealedValue`); without
    /// it they are passed over (their text is not known).
    public init(
        _ q: Questionnaire, answers: [String: Answer], respondent: String?, extra: [(word: String, placeholder: String)] = [],
        sealer: Sealer? = nil
    ) {
        var found: [(String, String)] = []
        for (key, answer) in answers {
            guard case .value(let v) = answer, let question = Self.question(key, in: q), question.identifier else { continue }
            found.append((v, Self.placeholder(key)))
        }
        if let respondent { found.append((respondent, "[respondent]")) }
        found += extra.map { ($0.word, $0.placeholder) }
        var targets: [Target] = []
        for (text, placeholder) in found {
            if let sealed = SealedValue(text) {
                guard let sealer, sealed.keyID == sealer.keyID else { continue }
                // the forms worth redacting, as for a name in clear
                for b in sealed.blinds where b.nameLike {
                    targets.append(Target(folded: [], blind: b, placeholder: placeholder))
                }
                continue
            }
            if SealedValue.isSealed(text) { continue }
            for variant in Self.variants(of: text) where Self.isNameLike(variant) {
                targets.append(Target(folded: variant, blind: nil, placeholder: placeholder))
            }
        }
        // longest first; ties by placeholder, so the result never depends on dictionary order
        self.targets = targets.sorted(by: Self.comesFirst)
        firsts = Set(targets.compactMap { $0.folded.first })
        self.sealer = targets.contains { $0.blind != nil } ? sealer : nil
    }

    /// Longest first; ties by placeholder, then a name in clear before a sealed one.
    static func comesFirst(_ a: Target, _ b: Target) -> Bool {
        if a.length != b.length { return a.length > b.length }
        if a.placeholder != b.placeholder { return a.placeholder < b.placeholder }
        return a.blind == nil && b.blind != nil
    }

    /// `participant[2]/participant_name` -> `[participant_name 2]`; `firm_name` -> `[firm_name]`.
    public static func placeholder(_ key: String) -> String {
        if key == "(respondent)" { return "[respondent]" }
        guard let (steps, name) = RepeatPath.parse(key), !steps.isEmpty else { return "[\(key)]" }
        return "[\(name) \(steps.map { String($0.instance) }.joined(separator: "."))]"
    }

    public var isEmpty: Bool { targets.isEmpty }

    /// The question a stored key answers, by the key's last step (`agenda[1]/view[2]/view_text` -> view_text): a
    /// dictionary lookup, as this runs for every answer of every interview exported.
    static func question(_ key: String, in q: Questionnaire) -> Question? {
        guard let slash = key.lastIndex(of: "/") else { return key.contains("[") ? nil : q.question(named: key) }
        let name = key[key.index(after: slash)...]
        return name.contains("[") ? nil : q.question(named: String(name))
    }

    static let space = UInt32(0x20)

    /// `text` with every mention replaced.
    public func apply(_ text: String) -> String {
        guard !targets.isEmpty, !text.isEmpty else { return text }
        let original = Array(text.unicodeScalars)
        // the folded text, and for each folded scalar the original scalar it came from
        var folded: [UInt32] = []
        var origin: [Int] = []
        folded.reserveCapacity(original.count)
        origin.reserveCapacity(original.count)
        var any = false
        for (i, scalar) in original.enumerated() {
            Self.fold(scalar) { f in
                if f == Self.space, folded.last == Self.space { return }
                if firsts.contains(f) { any = true }
                folded.append(f)
                origin.append(i)
            }
        }
        guard any || sealer != nil else { return text }
        // replaced ranges of the original, found left to right, longest target first at each place
        var replaced: [(range: Range<Int>, placeholder: String)] = []
        var i = 0
        while i < folded.count {
            var matched = false
            if firsts.contains(folded[i]) || (sealer != nil && folded[i] != Self.space) {
                for t in targets where i + t.length <= folded.count {
                    let end = i + t.length
                    let startsWord: Bool
                    let endsWord: Bool
                    if let b = t.blind, let sealer {
                        // the edges are known without the name: most places are passed over unhashed
                        guard b.startsWord == Self.isWordScalar(folded[i]), b.endsWord == Self.isWordScalar(folded[end - 1]) else {
                            continue
                        }
                        guard sealer.blind(folded[i..<end]) == b.hash else { continue }
                        (startsWord, endsWord) = (b.startsWord, b.endsWord)
                    } else {
                        guard !t.folded.isEmpty, folded[i] == t.folded[0], folded[i..<end].elementsEqual(t.folded) else { continue }
                        (startsWord, endsWord) = (Self.isWordScalar(t.folded[0]), Self.isWordScalar(t.folded[t.folded.count - 1]))
                    }
                    // whole words only for Latin names: 'Lee' is not redacted inside 'Leeds'
                    if startsWord, i > 0, Self.isWordScalar(folded[i - 1]) { continue }
                    if endsWord, end < folded.count, Self.isWordScalar(folded[end]) { continue }
                    replaced.append((origin[i]..<(origin[end - 1] + 1), t.placeholder))
                    i = end
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        guard !replaced.isEmpty else { return text }
        var out = String.UnicodeScalarView()
        var at = 0
        for r in replaced {
            out.append(contentsOf: original[at..<r.range.lowerBound])
            out.append(contentsOf: r.placeholder.unicodeScalars)
            at = r.range.upperBound
        }
        out.append(contentsOf: original[at...])
        return String(out)
    }

    /// A scalar as compared: lower case, full-width forms as their ASCII, any white space as one space.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, _ emit: (UInt32) -> Void) {
        var v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            if v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C { v = space }
            emit(v)
            return
        }
        if (0xFF01...0xFF5E).contains(v) {
            v -= 0xFEE0
            emit(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            return
        }
        if v == 0x3000 || scalar.properties.isWhitespace {
            emit(space)
            return
        }
        guard scalar.properties.changesWhenLowercased else {
            emit(v)
            return
        }
        for s in scalar.properties.lowercaseMapping.unicodeScalars { emit(s.value) }
    }

    static func foldAll(_ s: String) -> [UInt32] {
        var out: [UInt32] = []
        for scalar in s.unicodeScalars {
            fold(scalar) { f in
                if f == space, out.last == space || out.isEmpty { return }
                out.append(f)
            }
        }
        while out.last == space { out.removeLast() }
        return out
    }

    /// The legal forms folded, as scalar values (compared as arrays: this runs for every identifier exported).
    static let foldedLegalForms: [[UInt32]] = legalForms.map(foldAll)

    /// The name as written, and without its legal form.
    static func variants(of text: String) -> [[UInt32]] {
        let whole = foldAll(text)
        var core = whole[...]
        func trim() {
            while let f = core.first, f == space || f == 0x2C { core = core.dropFirst() }
            while let l = core.last, l == space || l == 0x2C { core = core.dropLast() }
        }
        var changed = true
        while changed {
            changed = false
            for form in foldedLegalForms where core.count > form.count {
                if core.suffix(form.count).elementsEqual(form) {
                    core = core.dropLast(form.count)
                    changed = true
                } else if core.prefix(form.count).elementsEqual(form) {
                    core = core.dropFirst(form.count)
                    changed = true
                }
                trim()
            }
        }
        let c = Array(core)
        return !c.isEmpty && c != whole ? [whole, c] : [whole]
    }

    /// Worth redacting: at least 3 letters or digits, or 2 Hangul or Han characters (a surname alone in Latin letters,
    /// `Li`, would take out half of every text).
    static func isNameLike(_ s: [UInt32]) -> Bool {
        let scalars = s.compactMap(Unicode.Scalar.init)
        let letters = scalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        let wide = letters.filter { !$0.isASCII }
        return letters.count >= 3 || wide.count >= 2
    }

    static func isWordScalar(_ v: UInt32) -> Bool { (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
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
        // the free text first: an interview without any needs no redaction built
        let texts = answers.compactMap { key, answer -> (String, String, Question)? in
            guard case .value(let v) = answer, let question = Self.question(key, in: q), !question.identifier,
                question.type == .text || question.type == .longText || question.type == .calculate
            else { return nil }
            return (key, v, question)
        }
        guard !texts.isEmpty else { return answers }
        let r = Redaction(q, answers: answers, respondent: respondent, extra: q.redactWords.map { ($0, "[redacted]") })
        var out = answers
        for (key, v, question) in texts {
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
