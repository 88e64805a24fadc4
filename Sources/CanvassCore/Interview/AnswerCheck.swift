extension InterviewEngine {
    /// Checks a whole interview's answers (stored text form, keyed by repeat path) in one walk, as the
    /// interview would have: type, choice (after choice filters), special answers, constraints, relevance,
    /// instances that exist, and, for a completed interview, every required question answered.
    /// Returns the answers in canonical form with calculations recomputed and open "Add another?" questions
    /// answered no when the interview is complete or went on past them; or every problem found.
    public static func check(_ given: consuming [String: Answer], questionnaire q: Questionnaire, completed: Bool) -> Result<
        [String: Answer], AnswerProblems
    > {
        var problems: [String] = []
        let givenKeys = Array(given.keys)
        // handed over, not copied: the walk canonicalises answers in place
        let walk = InterviewExpansion(q, answers: consume given, calculate: true) { slot, question, evaluator, answer in
            guard let answer else { return nil }
            let checked = AnswerRule.check(answer, for: question, key: slot.key, in: q, strict: true, constraint: evaluator)
            switch checked {
            case .success(let canonical): return canonical
            case .failure(let r):
                if case .value = answer { problems.append("\(slot.key): \(r.reason)") } else { problems.append(r.reason) }
                return answer
            }
        }
        // answers the walk never asked for
        var unasked: [String] = []
        for key in givenKeys {
            guard let s = walk.slotIndex(forKey: key) else {
                if let steps = RepeatPath.parse(key)?.steps, let last = steps.last {
                    unasked.append(
                        "\(key) has an answer but its instance is not asked (\(last.group) has fewer than \(last.instance) instances or is not asked)"
                    )
                } else {
                    unasked.append("\(key) has an answer but is not asked for this respondent")
                }
                continue
            }
            let slot = walk.slots[s]
            guard !slot.relevant else { continue }
            var why = q.questions[slot.question].relevant?.text ?? q.section(ofQuestionAt: slot.question).relevant?.text ?? ""
            var g = q.groupOfQuestion[slot.question]
            while why.isEmpty, let x = g {
                why = q.groups[x].relevant?.text ?? ""
                g = q.groups[x].parent
            }
            unasked.append("\(key) has an answer but is not asked for this respondent (\(why) is false)")
        }
        problems += unasked.sorted()
        guard problems.isEmpty else { return .failure(AnswerProblems(problems)) }
        // "Add another?" left open: no, when the interview is complete or went on past it (the walk is the same either way)
        var answers = walk.answers
        let lastAnswered = walk.slots.lastIndex { $0.relevant && answers[$0.key] != nil } ?? -1
        for (n, slot) in walk.slots.enumerated() where slot.isAddInstance && slot.relevant && answers[slot.key] == nil {
            if completed || n < lastAnswered { answers[slot.key] = .value("no") }
        }
        if completed {
            for slot in walk.slots where slot.relevant && (slot.isAddInstance || slot.required) {
                switch answers[slot.key] {
                case .value?, .special?: continue
                case .skipped?, nil:
                    return .failure(AnswerProblems(["\(slot.key) is required but has no answer in this completed interview"]))
                }
            }
        }
        return .success(answers)
    }
}

/// Everything wrong with an interview's answers, one message each.
public struct AnswerProblems: Error, Sendable {
    public var messages: [String]
    public init(_ messages: [String]) { self.messages = messages }
}
