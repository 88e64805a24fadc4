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
            // the questionnaire's guidance for this question first, then the commands
            if let g = question.guidance { say("    " + text(g, at: i)) }
            say(words(.help))
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
                say(words(.toTheEnd))
                return .jump(engine.slotCount)
            }
            return .jump(target)
        case ":confirm":
            say(words(.nothingToConfirm))
            return nil
        case ":jump", ":j":
            let arg = argument
            switch jumpTarget(arg, from: i) {
            case .success(let target): return .jump(target)
            case .failure(let r):
                say("! " + r.text(wordsLanguage))
                return nil
            }
        case ":lang", ":l":
            let arg = argument
            guard q.languages.contains(arg) else {
                say(words(.giveLanguage, q.languages.isEmpty ? words(.noLanguages) : q.languages.joined(separator: ", ")))
                return nil
            }
            try persistence.session?("language \(language ?? "-") -> \(arg)")
            language = arg
            languageChanged?(wordsLanguage)
            prompt(i)
            return nil
        case ":delete": return try deleteInstance(at: i)
        case ":note":
            let note = argument
            guard !note.isEmpty else {
                say(words(.writeNote))
                return nil
            }
            guard !TerminalText.hasControlCharacters(note) else {
                say(words(.noteControl))
                return nil
            }
            try persistence.addNote(key, note)
            say(words(.noteSaved))
            return nil
        case ":dk", ":rf":
            let s = SpecialAnswer(rawValue: String(command.dropFirst()))!
            guard question.special.contains(s) else {
                say(words(.specialNotAccepted, key, command, ConsoleWords.label(of: s, wordsLanguage)))
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
            say(words(.unknownCommand, AnswerParser.clip(command)))
            return nil
        }
    }

    /// `:delete`: removes the repeat instance of slot `i` after asking, with the calculations that change with it.
    mutating func deleteInstance(at i: Int) throws -> Step? {
        guard let replace = persistence.replaceAnswers else {
            say(words(.deleteUnavailable))
            return nil
        }
        switch engine.instanceDeletion(at: i) {
        case .failure(let r):
            say("! " + r.text(wordsLanguage))
            return nil
        case .success(let d):
            let what = "\(q.text(q.groups[d.group].label, in: language)) \(d.instance)"
            write(words(d.removedAnswers == 1 ? .deleteAskOne : .deleteAsk, what, String(d.removedAnswers)))
            guard let yes = readLine() else {
                say("")
                return .quit
            }
            if echo { say(yes) }
            guard AnswerParser.yesOrNo(yes) == true else {
                say(words(.nothingDeleted))
                return nil
            }
            // the instance's answers and the calculations that change with them, in one transaction
            var next = engine
            next.apply(d.changes)
            let calculated = next.calculationChanges.map { (key: $0.name, answer: Optional($0.answer ?? .skipped)) }
            try replace(d.changes + calculated, "deleted \(q.groups[d.group].name) \(d.instance)")
            engine = next
            say(words(.deleted, what))
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
        if question.special.isEmpty { return words(.requiredAnswer, key) }
        return words(.requiredAnswerOr, key, question.special.map(\.command).joined(separator: " "))
    }
}
