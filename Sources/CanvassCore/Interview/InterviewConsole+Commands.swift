/// The console's commands (`:back`, `:jump`, `:delete`...), each answered with where the interview goes next.
extension InterviewConsole {
    /// Runs `command` typed at the prompt of slot `i`; nil stays at the prompt.
    mutating func command(_ command: String, _ argument: String, at i: Int) throws -> Step? {
        let question = engine.question(at: i)
        let key = engine.key(at: i)
        switch command {
        case ":quit", ":q", ":pause": return .quit
        case ":back", ":b": return .back
        case ":help", ":h", ":?":
            say(Self.helpText)
            return nil
        case ":review", ":r":
            review(i)
            return nil
        case ":where", ":w":
            where_(i)
            return nil
        case ":next", ":n":
            guard let target = engine.firstUnansweredIndex(), target != i else {
                // nothing else to answer: on to the end, where the interview is completed
                say("    (no other question is unanswered: to the end)")
                return .jump(engine.slotCount)
            }
            return .jump(target)
        case ":confirm":
            say("! nothing to confirm: :confirm REASON keeps an answer that a check questioned, right after it")
            return nil
        case ":jump", ":j":
            let arg = argument
            switch jumpTarget(arg, from: i) {
            case .success(let target): return .jump(target)
            case .failure(let r):
                say("! \(r.reason)")
                return nil
            }
        case ":lang", ":l":
            let arg = argument
            guard q.languages.contains(arg) else {
                say(
                    "! give one of the languages: \(q.languages.isEmpty ? "(this questionnaire declares none)" : q.languages.joined(separator: ", "))"
                )
                return nil
            }
            try persistence.session?("language \(language ?? "-") -> \(arg)")
            language = arg
            prompt(i)
            return nil
        case ":delete": return try deleteInstance(at: i)
        case ":note":
            let note = argument
            guard !note.isEmpty else {
                say("! write the note after :note, e.g. :note respondent hesitated")
                return nil
            }
            guard !TerminalText.hasControlCharacters(note) else {
                say("! the note contains control characters; type plain text")
                return nil
            }
            try persistence.addNote(key, note)
            say("    (note saved)")
            return nil
        case ":dk", ":rf":
            let s = SpecialAnswer(rawValue: String(command.dropFirst()))!
            guard question.special.contains(s) else {
                say("! \(key) does not accept \(command) (\(s.englishLabel)); give an answer")
                return nil
            }
            try save(.special(s), key)
            return .next
        case ":skip", ":s":
            guard !question.required else {
                say(requiredMessage(question, key))
                return nil
            }
            try save(.skipped, key)
            return .next
        default:
            say(
                "! unknown command \(AnswerParser.clip(command)); type :help for the list, or ::text for an answer starting with ':'"
            )
            return nil
        }
    }

    /// `:delete`: removes the repeat instance of slot `i` after asking, with the calculations that change with it.
    mutating func deleteInstance(at i: Int) throws -> Step? {
        guard let replace = persistence.replaceAnswers else {
            say("! deleting an instance is not available here")
            return nil
        }
        switch engine.instanceDeletion(at: i) {
        case .failure(let r):
            say("! \(r.reason)")
            return nil
        case .success(let d):
            let what = "\(q.text(q.groups[d.group].label, in: language)) \(d.instance)"
            write(
                "Delete \(what) and its \(d.removedAnswers) answer\(d.removedAnswers == 1 ? "" : "s")? Later ones move down one number. [y/n] "
            )
            guard let yes = readLine() else {
                say("")
                return .quit
            }
            if echo { say(yes) }
            guard AnswerParser.yesOrNo(yes) == true else {
                say("    (nothing deleted)")
                return nil
            }
            // the instance's answers and the calculations that change with them, in one transaction
            var next = engine
            next.apply(d.changes)
            let calculated = next.calculationChanges.map { (key: $0.name, answer: Optional($0.answer ?? .skipped)) }
            try replace(d.changes + calculated, "deleted \(q.groups[d.group].name) \(d.instance)")
            engine = next
            say("    (\(what) deleted)")
            var target = engine.startIndex()
            for key in d.resumeKeys {
                if let t = engine.slotIndex(forKey: key) {
                    target = t
                    break
                }
            }
            return .jump(target)
        }
    }

    /// Why a required question cannot be left empty, and what can be typed instead.
    func requiredMessage(_ question: Question, _ key: String) -> String {
        let specials = question.special.isEmpty ? "" : " or use " + question.special.map(\.command).joined(separator: " ")
        return "! \(key) is required; answer it\(specials)"
    }
}
