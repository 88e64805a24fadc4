/// The one check of an answer against its question, used by the console, import, merge resolution and
/// `db check`: required, special answers allowed, type and choices, then the constraint.
public enum AnswerRule {
    /// The answer in canonical form, or why it is not acceptable.
    /// - `question` is the question as asked (choices already filtered), `key` where its answer is stored.
    /// - `strict`: stored form only (codes, `yes`/`no`), as files and databases hold it; else typed input is read
    ///   leniently (a choice's number, `y`).
    /// - `constraint`: an evaluator in the question's context, to check its constraint; nil skips the constraint
    ///   (a stored answer whose context changed later is still a valid answer).
    public static func check(
        _ answer: Answer, for question: Question, key: String, in questionnaire: Questionnaire, strict: Bool,
        constraint evaluator: ExpressionEvaluator?, language: String? = nil
    ) -> Result<Answer, AnswerParser.Rejection> {
        switch answer {
        case .skipped:
            return question.required ? .failure(.init(.requiredEmpty, .text(key))) : .success(answer)
        case .special(let s):
            return question.special.contains(s) ? .success(answer) : .failure(.init(.notAccepted, .text(key), .text(s.rawValue)))
        case .value(let v):
            if question.type == .calculate { return .success(answer) }
            // sealed with the study key: only its holder can read it, and it was checked before it was sealed
            if question.identifier, SealedValue.isSealed(v) { return .success(answer) }
            switch AnswerParser.parse(v, for: question, strict: strict) {
            case .failure(let r): return .failure(r)
            case .success(let canonical):
                if var e = evaluator, let c = question.constraint {
                    e.current = canonical
                    if !e.isTrue(c.expression) {
                        // the questionnaire's message in the interview's language, else the range in words, else the check
                        if let m = question.constraintMessage { return .failure(.init(questionnaire.text(m, in: language))) }
                        return .failure(.init(words: ConstraintWords.describe(c.expression) ?? .words(.breaksCheck, [.text(c.text)])))
                    }
                }
                return .success(.value(canonical))
            }
        }
    }
}
