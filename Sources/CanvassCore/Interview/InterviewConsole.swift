/// The line-oriented conversation of an interview: one prompt at a time, commands starting with `:`.
/// Input, output and saving are injected, so it runs the same on a terminal, a pipe or in a test.
public struct InterviewConsole {
    public enum Outcome: Equatable, Sendable {
        case completed
        case leftOpen
        case paused
    }

    /// What the console asks its owner to make durable; it throws when that fails.
    public struct Persistence {
        /// Saves answers in one transaction: an answer and the calculations it changes, never one without the
        /// other. `seconds` (time from showing the question to accepting the answer) belongs to the first.
        public var save: (_ answers: [(key: String, answer: Answer)], _ seconds: Double?) throws -> Void
        public var complete: () throws -> Void
        public var addNote: (_ question: String, _ text: String) throws -> Void
        public var confirmWarning: (_ question: String, _ answer: Answer, _ reason: String) throws -> Void
        /// When set, `:delete` can remove a repeat instance: the key changes are stored at once, with the reason.
        public var replaceAnswers: ((_ changes: [(key: String, answer: Answer?)], _ reason: String) throws -> Void)?
        /// When set, the session's events (a language switch) go to the audit trail.
        public var session: ((_ what: String) throws -> Void)?
        public init(
            save: @escaping ([(key: String, answer: Answer)], Double?) throws -> Void, complete: @escaping () throws -> Void,
            addNote: @escaping (String, String) throws -> Void = { _, _ in },
            confirmWarning: @escaping (String, Answer, String) throws -> Void = { _, _, _ in }
        ) {
            self.save = save
            self.complete = complete
            self.addNote = addNote
            self.confirmWarning = confirmWarning
        }
    }

    /// How text is emphasised: ANSI on a terminal, nothing on a pipe or with NO_COLOR.
    public struct Style: Sendable {
        public var bold: @Sendable (String) -> String
        public var problem: @Sendable (String) -> String
        public static let plain = Style(bold: { $0 }, problem: { $0 })
        public static let terminal = Style(bold: { "\u{1B}[1m\($0)\u{1B}[0m" }, problem: { "\u{1B}[31m\($0)\u{1B}[0m" })
        public init(bold: @escaping @Sendable (String) -> String, problem: @escaping @Sendable (String) -> String) {
            self.bold = bold
            self.problem = problem
        }
    }
    public var style = Style.plain
    /// Walk from the first question (editing a completed interview), not from the first unanswered one.
    public var startAtBeginning = false
    /// Editing a completed interview: it stays completed (each change saved with the edit's reason); at the end no
    /// completion question is asked.
    public var editingCompleted = false
    /// A monotonic clock in seconds, for paradata; nil means no timing.
    public var clock: (() -> Double)?
    var shownAt: Double?

    public var engine: InterviewEngine
    public var language: String?
    let readLine: () -> String?
    let write: (String) -> Void
    public var persistence: Persistence
    /// Repeat each line read after the prompt, so that a transcript of piped input reads naturally.
    let echo: Bool
    /// Told the console's language when `:lang` changes it (the terminal's own refusals follow it).
    public var languageChanged: ((String?) -> Void)?

    public init(
        engine: InterviewEngine, language: String?, echo: Bool, persistence: Persistence,
        readLine: @escaping () -> String?, write: @escaping (String) -> Void
    ) {
        self.engine = engine
        self.language = language
        self.echo = echo
        self.persistence = persistence
        self.readLine = readLine
        self.write = write
    }

    /// The commands, in English (the command-line help); at the prompt `:help` says them in the interview's language.
    public static var helpText: String { ConsoleWords.text(.help, "en") }

    var q: Questionnaire { engine.questionnaire }
    /// A label in the interview language, with `${name}` replaced by that question's answer (its choice label for selects).
    func text(_ l: LocalizedText, at slot: Int? = nil) -> String {
        engine.piped(q.text(l, in: language), language: language, at: slot)
    }
    func say(_ s: String) { write((s.hasPrefix("! ") ? style.problem(s) : s) + "\n") }

    /// Runs from the first unanswered relevant question to the end, or until paused.
    public mutating func run() throws -> Outcome {
        // calculations whose stored value differs from what the answers give (e.g. counts of a new interview's repeats)
        let settled = engine.calculationChanges.map { (key: $0.name, answer: $0.answer ?? .skipped) }
        if !settled.isEmpty { try persistence.save(settled, nil) }
        var index = startAtBeginning ? 0 : engine.startIndex()
        var shownSection = -1
        var shownTrail = ""
        while true {
            guard let i = engine.nextRelevantIndex(from: index) else {
                if let missing = engine.firstMissingRequiredIndex() {
                    say(words(.requiredMissing, engine.key(at: missing)))
                    index = missing
                    continue
                }
                if editingCompleted { return .completed }
                switch try askCompletion() {
                case .outcome(let outcome): return outcome
                case .back:
                    guard let back = engine.previousAnsweredIndex(before: engine.slotCount) else { continue }
                    index = back
                    shownSection = -1
                    continue
                case .jump(let target):
                    index = target
                    shownSection = -1
                    continue
                }
            }
            let question = engine.question(at: i)
            let key = engine.key(at: i)
            let section = engine.sectionIndex(at: i)
            if section != shownSection {
                shownSection = section
                shownTrail = ""
                say("")
                say(style.bold("== \(text(q.sections[section].title)) =="))
            }
            let trail =
                engine.slots[i].isAddInstance || question.type == .calculate || question.type.isMetadata
                ? shownTrail : engine.instanceTrail(at: i, language: language).map { "\($0.label) \($0.instance)" }.joined(separator: " > ")
            if trail != shownTrail {
                shownTrail = trail
                if !trail.isEmpty {
                    say("")
                    say(style.bold("-- \(trail) --"))
                }
            }
            if question.type == .note {
                say(text(question.label, at: i))
                index = i + 1
                continue
            }
            if question.type == .calculate || question.type.isMetadata {
                index = i + 1
                continue
            }
            if question.readOnly {
                // shown, not asked: its default becomes its answer
                if engine.answers[key] == nil, let d = question.defaultValue { try save(.value(d), key) }
                say(
                    "\(counter(i)) \(key): \(text(question.label, at: i)): \(engine.answers[key].map { display($0, for: question) } ?? "-")"
                )
                index = i + 1
                continue
            }
            switch try ask(i) {
            case .next: index = i + 1
            case .back:
                if let b = engine.previousAnsweredIndex(before: i) {
                    index = b
                    if engine.sectionIndex(at: b) != section { shownSection = -1 }
                } else {
                    say(words(.firstQuestion))
                    index = i
                }
            case .jump(let target):
                index = target
                if target >= engine.slotCount || engine.sectionIndex(at: target) != section { shownSection = -1 }
            case .quit: return .paused
            }
        }
    }

    enum Step { case next, back, jump(Int), quit }

    /// The console's own words in the interview's language.
    func words(_ key: ConsoleWords.Key, _ values: String...) -> String { ConsoleWords.text(key, wordsLanguage, values) }
    /// The language the console speaks: the interview's, else the questionnaire's first (as its labels).
    public var wordsLanguage: String? { language ?? q.defaultLanguage }

    /// `[N/M]`: this question's number among the asked ones, and how many there are (one counter everywhere).
    func counter(_ i: Int) -> String { "[\(engine.number(at: i))/\(engine.askedSlots.count)]" }

    func prompt(_ i: Int) {
        let question = engine.askedQuestion(i)
        let key = engine.key(at: i)
        let required = question.required ? " *" : ""
        say("")
        say("\(counter(i)) \(key)\(required): " + style.bold(text(question.label, at: i)))
        if let h = question.hint { say("    \(text(h, at: i))") }
        switch question.type {
        case .selectOne, .selectMultiple, .rank:
            let width = question.choices.map { String($0.code).count }.max() ?? 0
            let digits = String(question.choices.count).count
            for (n, c) in question.choices.enumerated() {
                say(
                    "    \(String(repeating: " ", count: digits - String(n + 1).count))\(n + 1)) \(c.code.padding(width))  \(text(c.label))"
                )
            }
            if question.type == .selectMultiple { say("    " + words(.oneOrMore)) }
            if question.type == .rank { say("    " + words(.rankAll, String(question.choices.count))) }
        case .yesNo: say("    " + words(.yesNo))
        case .scale:
            let lo = question.min ?? 1, hi = question.max ?? 5
            var line = "    (\(lo)"
            if let l = question.minLabel { line += " = \(text(l))" }
            line += " ... \(hi)"
            if let l = question.maxLabel { line += " = \(text(l))" }
            say(line + ")")
        case .date: say("    " + words(.dateFormat))
        case .time: say("    (HH:MM)")
        case .dateTime: say("    (YYYY-MM-DD HH:MM)")
        case .geopoint: say("    (lat lon [alt acc]: 39.9042 116.4074)")
        case .acknowledge: say("    " + words(.notOK))
        case .range: say("    (\(question.min ?? 0) ... \(question.max ?? 10), +\(max(1, question.step ?? 1)))")
        case .longText: say("    " + words(.longText))
        default: break
        }
        if let current = engine.answers[key] {
            say("    " + words(.current, display(current, for: question)))
        } else if let d = question.defaultValue {
            say("    " + words(.defaultValue, d))
        }
    }

    func display(_ a: Answer, for question: Question) -> String {
        switch a {
        case .skipped: return words(.leftEmpty)
        case .special(let s): return "\(s.command) \(ConsoleWords.label(of: s, wordsLanguage))"
        case .value(let v):
            if question.type == .yesNo, v == "yes" || v == "no" { return words(v == "yes" ? .yes : .no) }
            if question.type == .longText {
                return v.split(separator: "\n", omittingEmptySubsequences: false).first.map {
                    String($0) + (v.contains("\n") ? " ..." : "")
                } ?? v
            }
            return v
        }
    }

    func readInput() -> String? {
        write("> ")
        guard let line = readLine() else {
            say("")
            return nil
        }
        if echo { say(line) }
        return line
    }

    private mutating func ask(_ i: Int) throws -> Step {
        let question = engine.question(at: i)
        let key = engine.key(at: i)
        prompt(i)
        shownAt = clock?()
        // an answer that failed the soft check, waiting for a change or :confirm REASON
        var pending: Answer?
        while true {
            guard var line = readInput() else { return .quit }
            if let p = pending, line.trimmingSpaces.lowercased().hasPrefix(":confirm") {
                let reason = String(line.trimmingSpaces.dropFirst(":confirm".count)).trimmingSpaces
                guard !reason.isEmpty else {
                    say(words(.giveReason))
                    continue
                }
                try persistence.confirmWarning(key, p, reason)
                try save(p, key)
                return .next
            }
            pending = nil
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix(":") && !trimmed.hasPrefix("::") {
                let parts = trimmed.split(separator: " ", maxSplits: 1)
                let argument = parts.count > 1 ? String(parts[1]).trimmingSpaces : ""
                if let step = try command(String(parts[0]).lowercased(), argument, at: i) { return step }
                continue
            }
            if trimmed.hasPrefix("::") { line = String(line.drop(while: { $0 == " " }).dropFirst()) }
            if trimmed.isEmpty {
                if engine.answers[key] != nil { return .next }  // keep the current answer
                if let d = question.defaultValue {
                    guard case .success(let answer) = engine.interpret(d, at: i, language: language) else {
                        say(words(.defaultFails, d))
                        continue
                    }
                    try save(answer, key)
                    return .next
                }
                if question.required {
                    if let m = question.requiredMessage {
                        say("! " + text(m))
                        continue
                    }
                    say(requiredMessage(question, key))
                    continue
                }
                try save(.skipped, key)
                return .next
            }
            if question.type == .longText {
                var lines = [line]
                while true {
                    write(". ")
                    // Ctrl-C or the end of input pauses: nothing half-written is saved
                    guard let more = readLine() else {
                        say("")
                        return .quit
                    }
                    if echo { say(more) }
                    if more.trimmingSpaces == "." { break }
                    lines.append(more)
                }
                line = lines.joined(separator: "\n")
            }
            switch engine.interpret(line, at: i, language: language) {
            case .failure(let r):
                say("! " + r.text(wordsLanguage))
                if question.type == .longText { prompt(i) }
            case .success(let answer):
                if case .value(let v) = answer, let message = engine.warning(for: v, at: i, language: language) {
                    say(words(.warningAsk, message))
                    pending = answer
                    continue
                }
                try save(answer, key)
                return .next
            }
        }
    }

    func review(_ current: Int) {
        let section = engine.sectionIndex(at: current)
        say(style.bold("-- \(text(q.sections[section].title)) --"))
        for i in 0..<engine.slotCount where engine.sectionIndex(at: i) == section && engine.isRelevant(i) {
            let question = engine.question(at: i)
            guard question.type != .note, question.type != .calculate || engine.answers[engine.key(at: i)] != nil else { continue }
            let answer = engine.answers[engine.key(at: i)].map { display($0, for: question) } ?? "-"
            say("  \(engine.number(at: i)). \(engine.key(at: i))\(i == current ? " <" : ""): \(answer)")
        }
        say(words(.reviewHint))
    }

    func where_(_ current: Int) {
        let section = engine.sectionIndex(at: current)
        let relevant = (0..<engine.slotCount).filter { engine.isRelevant($0) && engine.question(at: $0).type.isAsked }
        let answered = relevant.filter { engine.answers[engine.key(at: $0)] != nil }.count
        var line = words(
            .whereLine, String(section + 1), String(q.sections.count), text(q.sections[section].title), String(engine.number(at: current)),
            String(engine.askedSlots.count), String(answered), String(relevant.count))
        let trail = engine.instanceTrail(at: current, language: language)
        if !trail.isEmpty {
            line += "; " + trail.map { words(.whereInstance, $0.label, String($0.instance), String($0.count)) }.joined(separator: ", ")
        }
        say(line)
    }

    /// A question already reached: answered, or at or before the current one, and relevant.
    /// NAME may be a repeat path (`participant[2]/role`); a bare name inside a repeat means this instance, or the latest one reached.
    func jumpTarget(_ arg: String, from current: Int) -> Result<Int, AnswerParser.Rejection> {
        guard !arg.isEmpty else { return .failure(AnswerParser.Rejection(.jumpHow)) }
        let asked = engine.askedSlots
        var target = Int(arg).map { n in n >= 1 && n <= asked.count ? asked[n - 1] : -1 } ?? engine.slotIndex(forKey: arg)
        if target == nil, let j = q.index(of: arg) {
            let candidates = (0..<engine.slotCount).filter { engine.slots[$0].kind == .question && engine.slots[$0].question == j }
            let here = engine.slots[current].instances
            target =
                candidates.first { engine.slots[$0].instances.starts(with: here) || here.starts(with: engine.slots[$0].instances) }
                ?? candidates.last { $0 <= current } ?? candidates.first
        }
        guard let t = target, t >= 0, t < engine.slotCount else {
            let near = Suggestion.nearest(to: arg, among: q.questions.map(\.name)).map {
                ConsoleWords.Value.words(.didYouMean, [.text($0)])
            }
            return .failure(AnswerParser.Rejection(.noQuestion, .text(arg), near ?? ""))
        }
        let key = engine.key(at: t)
        guard engine.isRelevant(t), engine.question(at: t).type != .note else {
            return .failure(AnswerParser.Rejection(.notAskedHere, .text(key)))
        }
        guard t <= current || engine.answers[key] != nil else {
            return .failure(AnswerParser.Rejection(.notReached, .text(key)))
        }
        return .success(t)
    }

    mutating func save(_ answer: Answer, _ key: String) throws {
        var next = engine
        next.record(answer, for: key)
        // the answer and the calculations that depend on it are stored together
        let calculated = next.calculationChanges.map { (key: $0.name, answer: $0.answer ?? .skipped) }
        let seconds = shownAt.flatMap { start in clock.map { $0() - start } }
        try persistence.save([(key: key, answer: answer)] + calculated, seconds)
        shownAt = nil
        engine = next
    }

    enum Completion { case outcome(Outcome), back, jump(Int) }

    /// The completion question: yes or no, or :back, :jump NAME|N and :review to change an answer first.
    private mutating func askCompletion() throws -> Completion {
        say("")
        while true {
            write(words(.completeQuestion))
            guard let line = readLine() else {
                say("")
                return .outcome(.leftOpen)
            }
            if echo { say(line) }
            if let yes = AnswerParser.yesOrNo(line) {
                if yes { try persistence.complete() }
                return .outcome(yes ? .completed : .leftOpen)
            }
            let parts = line.trimmingSpaces.split(separator: " ", maxSplits: 1)
            let argument = parts.count > 1 ? String(parts[1]).trimmingSpaces : ""
            switch parts.first.map({ String($0).lowercased() }) ?? "" {
            case ":back", ":b": return .back
            case ":quit", ":q", ":pause": return .outcome(.paused)
            case ":jump", ":j":
                switch jumpTarget(argument, from: engine.slotCount - 1) {
                case .success(let target): return .jump(target)
                case .failure(let r): say("! " + r.text(wordsLanguage))
                }
            case ":review", ":r": review(engine.slotCount - 1)
            default: say(words(.answerYesOrNo))
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
