/// What a database with a study key writes in place of what it is given (see docs/sealing.md):
///
/// - an identifier answer and the respondent are sealed (`SealedValue`): only the study's private key reads them;
/// - free text that mentions the interview's names is kept redacted (`Redaction`, the names found by their blind
///   hashes once sealed), and the text as typed is sealed beside it, in the answer `KEY#sealed` (its companion);
/// - when an identifier changes, the free text already saved is redacted again with the new name.
///
/// Pure: the store calls it inside the transaction of each write, import and merge.
public struct Sealing: Sendable {
    public let sealer: Sealer
    public init(_ sealer: Sealer) { self.sealer = sealer }

    public static let companionSuffix = "#sealed"
    public static func isCompanion(_ key: String) -> Bool { key.hasSuffix(companionSuffix) }
    public static func companion(of key: String) -> String { key + companionSuffix }
    public static func base(ofCompanion key: String) -> String { String(key.dropLast(companionSuffix.count)) }

    /// What one write becomes.
    public struct Write: Sendable {
        public var changes: [(key: String, answer: Answer?)]
        /// Free text saved earlier and redacted again (an identifier changed): its audit events are redacted with `redaction`.
        public var redactedAgain: [String]
        public var redaction: Redaction?
    }

    /// The changes of one write of an interview that holds `existing` (as stored) and `respondent` (as stored).
    public func write(
        _ changes: [(key: String, answer: Answer?)], existing: [String: Answer], respondent: String, questionnaire q: Questionnaire
    ) throws -> Write {
        var after = existing
        for (key, answer) in changes { after[key] = answer }
        var out: [(key: String, answer: Answer?)] = []
        var identifierChanged = false
        for (key, answer) in changes {
            if Self.isCompanion(key) {
                out.append((key, answer))
                continue
            }
            guard case .value(let v) = answer, Redaction.question(key, in: q)?.identifier == true else {
                out.append((key, answer))
                continue
            }
            try checkKey(v)
            if !SealedValue.isSealed(v) { identifierChanged = true }
            out.append((key, SealedValue.isSealed(v) ? answer : .value(try sealer.seal(v))))
        }
        // which free text to look at: what this write saves, and all of it when a name changed
        let changed = Set(changes.map(\.key))
        var texts = changes.compactMap { key, answer -> String? in Self.isFreeText(key, q) && answer?.value != nil ? key : nil }
        if identifierChanged {
            texts += after.keys.filter { !changed.contains($0) && Self.isFreeText($0, q) && after[$0]?.value != nil }.sorted()
        }
        // free text saved without a value (removed, dk) leaves no companion behind
        for (key, answer) in changes where Self.isFreeText(key, q) && answer?.value == nil && existing[Self.companion(of: key)] != nil {
            out.append((Self.companion(of: key), nil))
        }
        guard !texts.isEmpty else { return Write(changes: out, redactedAgain: [], redaction: nil) }
        try checkKey(respondent)
        let extra = q.redactWords.map { (word: $0, placeholder: "[redacted]") }
        let r = Redaction(q, answers: after, respondent: respondent, extra: extra, sealer: sealer)
        var again: [String] = []
        for key in texts {
            guard case .value(let text)? = after[key], let question = Redaction.question(key, in: q) else { continue }
            let own =
                question.redactWords.isEmpty
                ? r
                : Redaction(
                    q, answers: after, respondent: respondent, extra: extra + question.redactWords.map { ($0, "[redacted]") },
                    sealer: sealer)
            let clean = own.apply(text)
            let companion = Self.companion(of: key)
            if clean != text {
                if let i = out.firstIndex(where: { $0.key == key }) {
                    out[i].answer = .value(clean)
                } else {
                    out.append((key, .value(clean)))
                }
                // the text as typed, sealed; text redacted before keeps the companion it has
                if changed.contains(key) || existing[companion] == nil {
                    out.append((companion, .value(try sealer.seal(text, indexed: false))))
                }
                if !changed.contains(key) { again.append(key) }
            } else if changed.contains(key), existing[companion] != nil {
                out.append((companion, nil))
            }
        }
        return Write(changes: out, redactedAgain: again, redaction: r)
    }

    /// An interview brought in (import, merge) as this database keeps it: the respondent sealed, and its answers as
    /// one write into an empty interview.
    public func interview(_ d: InterviewData, questionnaire q: Questionnaire) throws -> InterviewData {
        var out = d
        try checkKey(d.record.respondent)
        if !SealedValue.isSealed(d.record.respondent) { out.record.respondent = try sealer.seal(d.record.respondent) }
        let w = try write(
            d.answers.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }, existing: [:], respondent: out.record.respondent,
            questionnaire: q)
        out.answers = [:]
        for (key, answer) in w.changes { out.answers[key] = answer }
        return out
    }

    /// A value sealed with another study's key cannot be kept here: it would never open with this study's.
    func checkKey(_ value: String) throws {
        guard SealedValue.isSealed(value) else { return }
        guard let s = SealedValue(value) else {
            throw SealingError("a sealed value is damaged (it does not read as sealed:1:KEY:BLINDS:BOX)")
        }
        guard s.keyID == sealer.keyID else {
            throw SealingError("a value sealed with study key \(s.keyID) cannot go into a database sealed with study key \(sealer.keyID)")
        }
    }

    /// Whether a write of `key` has anything to seal or redact: an identifier, free text, or a companion.
    public static func concerns(_ key: String, _ q: Questionnaire) -> Bool {
        isCompanion(key) || isFreeText(key, q) || Redaction.question(key, in: q)?.identifier == true
    }

    /// Text, long text and calculations of questions that are not identifiers: what may mention a name.
    public static func isFreeText(_ key: String, _ q: Questionnaire) -> Bool {
        guard !isCompanion(key), let question = Redaction.question(key, in: q), !question.identifier else { return false }
        return question.type == .text || question.type == .longText || question.type == .calculate
    }

    /// `d` with every sealed value opened by the study's private key, and the free text as typed back in place of its
    /// redaction (the exports redact it again, unless told not to).
    public static func open(_ d: InterviewData, with opener: Opener) throws -> InterviewData {
        var out = d
        out.record.respondent = try opener.open(d.record.respondent)
        for (key, answer) in d.answers {
            if isCompanion(key) {
                out.answers[key] = nil
                if case .value(let v) = answer { out.answers[base(ofCompanion: key)] = .value(try opener.open(v)) }
            } else if case .value(let v) = answer, SealedValue.isSealed(v), d.answers[companion(of: key)] == nil {
                out.answers[key] = .value(try opener.open(v))
            }
        }
        return out
    }

    /// `d` without its companions: what is read when the study's key is not given.
    public static func withoutCompanions(_ d: InterviewData) -> InterviewData {
        guard d.answers.keys.contains(where: isCompanion) else { return d }
        var out = d
        out.answers = d.answers.filter { !isCompanion($0.key) }
        return out
    }
}
