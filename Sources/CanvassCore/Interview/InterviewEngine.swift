/// The state of one interview: the questionnaire, the answers so far, and which questions are relevant.
/// Pure: the console and the store drive it; it never reads or writes anything itself.
public struct InterviewEngine: Sendable {
    public let questionnaire: Questionnaire
    public private(set) var answers: [String: Answer]
    /// For each question in order: is it to be asked, given the answers so far?
    public private(set) var relevance: [Bool]

    public init(questionnaire: Questionnaire, answers: [String: Answer] = [:]) {
        self.questionnaire = questionnaire
        self.answers = answers
        self.relevance = []
        refresh()
    }

    /// Calculated values that the last change set or cleared, for the caller to store.
    public private(set) var calculationChanges: [(name: String, answer: Answer?)] = []

    /// Relevance and calculations in one forward pass: a calculation sees the answers and calculations before it.
    private mutating func refresh() {
        calculationChanges = []
        let hasCalculations = questionnaire.questions.contains { $0.type == .calculate }
        guard hasCalculations else {
            relevance = Self.relevance(of: questionnaire, answers: answers)
            return
        }
        // Calculations can change relevance after them and the other way round: settle in order.
        for (i, q) in questionnaire.questions.enumerated() where q.type == .calculate {
            relevance = Self.relevance(of: questionnaire, answers: answers)
            var value: Answer?
            if relevance[i], let c = q.calculation {
                let (questionnaire, relevance, answers) = (self.questionnaire, self.relevance, self.answers)
                let v = ExpressionEvaluator { name in
                    guard let j = questionnaire.index(of: name), j < i, relevance[j] else { return "" }
                    return answers[name]?.expressionValue ?? ""
                }.evaluate(c.expression)
                let text = v.stringValue
                value = text.isEmpty || text == "NaN" ? nil : .value(text)
            }
            if answers[q.name] != value {
                answers[q.name] = value
                calculationChanges.append((q.name, value))
            }
        }
        relevance = Self.relevance(of: questionnaire, answers: answers)
    }

    /// The choices offered at question `index`: its choice_filter applied to each choice.
    public func choices(at index: Int) -> [Choice] {
        let q = questions[index]
        guard let filter = q.choiceFilter else { return q.choices }
        return q.choices.filter { choice in
            var e = ExpressionEvaluator { name in self.visibleValue(of: name) }
            e.choice = choice.attributes
            return e.isTrue(filter.expression)
        }
    }

    /// The question as asked now (its choices filtered).
    public func askedQuestion(_ index: Int) -> Question {
        var q = questions[index]
        if q.choiceFilter != nil { q.choices = choices(at: index) }
        return q
    }

    /// Why `value` fails the question's soft check (its message), or nil.
    public func warning(for value: String, at index: Int, language: String? = nil) -> String? {
        guard let w = questions[index].warning else { return nil }
        let evaluator = ExpressionEvaluator(current: value) { name in self.visibleValue(of: name) }
        return evaluator.isTrue(w.check.expression) ? nil : questionnaire.text(w.message, in: language)
    }

    public var questions: [Question] { questionnaire.questions }

    public func isRelevant(_ index: Int) -> Bool { relevance[index] }

    /// The first relevant question (notes included) at or after `index`.
    public func nextRelevantIndex(from index: Int) -> Int? {
        var i = max(0, index)
        while i < questions.count {
            if relevance[i] { return i }
            i += 1
        }
        return nil
    }

    /// The first relevant question that still has no answer: where a resumed interview continues.
    public func firstUnansweredIndex() -> Int? {
        questions.indices.first { relevance[$0] && questions[$0].type.isAsked && answers[questions[$0].name] == nil }
    }

    /// Where an interview (re)starts: the first unanswered question, preceded by the notes just before it.
    public func startIndex() -> Int {
        guard var i = firstUnansweredIndex() else { return questions.count }
        let section = questionnaire.sectionIndexOfQuestion[i]
        while i > 0, questions[i - 1].type == .note, relevance[i - 1], questionnaire.sectionIndexOfQuestion[i - 1] == section { i -= 1 }
        return i
    }

    /// The closest relevant answered question before `index`.
    public func previousAnsweredIndex(before index: Int) -> Int? {
        var i = min(index, questions.count) - 1
        while i >= 0 {
            if relevance[i], questions[i].type.isAsked, !questions[i].readOnly, answers[questions[i].name] != nil { return i }
            i -= 1
        }
        return nil
    }

    /// The first relevant required question without a value or special answer, if any.
    public func firstMissingRequiredIndex() -> Int? {
        questions.indices.first { i in
            guard relevance[i], questions[i].required else { return false }
            switch answers[questions[i].name] {
            case .value?, .special?: return false
            case .skipped?, nil: return true
            }
        }
    }

    /// Reads a typed line as an answer to the question at `index`: type, choices, then constraint.
    public func interpret(_ input: String, at index: Int, language: String? = nil) -> Result<Answer, AnswerParser.Rejection> {
        let q = askedQuestion(index)
        switch AnswerParser.parse(input, for: q) {
        case .failure(let r): return .failure(r)
        case .success(let v):
            if let r = constraintRejection(v, at: index, language: language) { return .failure(r) }
            return .success(.value(v))
        }
    }

    /// Why `value` breaks the question's constraint, or nil when it holds.
    public func constraintRejection(_ value: String, at index: Int, language: String? = nil) -> AnswerParser.Rejection? {
        let q = questions[index]
        guard let c = q.constraint else { return nil }
        let evaluator = ExpressionEvaluator(current: value) { name in self.visibleValue(of: name) }
        if evaluator.isTrue(c.expression) { return nil }
        if let m = q.constraintMessage { return AnswerParser.Rejection(questionnaire.text(m, in: language)) }
        return AnswerParser.Rejection("the answer breaks the check \(c.text)")
    }

    /// The stored form of `answer` for the question at `index`, or why it is not acceptable (used by import).
    public func validated(_ answer: Answer, at index: Int) -> Result<Answer, AnswerParser.Rejection> {
        let q = questions[index]
        switch answer {
        case .skipped:
            return q.required ? .failure(AnswerParser.Rejection("\(q.name) is required and cannot be left empty")) : .success(answer)
        case .special(let s):
            return q.special.contains(s) ? .success(answer) : .failure(AnswerParser.Rejection("\(q.name) does not accept \(s.rawValue)"))
        case .value(let v):
            if q.type == .calculate { return .success(answer) }
            switch AnswerParser.parse(v, for: askedQuestion(index), strict: true) {
            case .failure(let r): return .failure(r)
            case .success(let canonical):
                if let r = constraintRejection(canonical, at: index) { return .failure(r) }
                return .success(.value(canonical))
            }
        }
    }

    public mutating func record(_ answer: Answer, for name: String) {
        answers[name] = answer
        refresh()
    }

    public mutating func remove(_ name: String) {
        answers[name] = nil
        refresh()
    }

    /// The questions whose answers decide whether `names` are asked, and `names` themselves: what a table of them must read.
    public static func dependencies(of names: [String], in questionnaire: Questionnaire) -> Set<String> {
        var needed = Set<String>()
        var queue = names
        while let name = queue.popLast() {
            guard needed.insert(name).inserted, let i = questionnaire.index(of: name) else { continue }
            var refs = questionnaire.questions[i].relevant?.expression.references.map(\.name) ?? []
            refs += questionnaire.section(ofQuestionAt: i).relevant?.expression.references.map(\.name) ?? []
            queue += refs.filter { !needed.contains($0) }
        }
        return needed
    }

    /// Text with each `${name}` replaced by the answer shown as a person reads it (choice labels for selects).
    public func piped(_ text: String, language: String?) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { out += rest[open.lowerBound...]; return out }
            let name = String(rest[open.upperBound..<close])
            if let question = questionnaire.question(named: name) {
                let value = visibleValue(of: name)
                if question.type.isSelect || question.type == .yesNo {
                    out += value.split(separator: " ").map { code in question.choice(code: String(code)).map { questionnaire.text($0.label, in: language) } ?? String(code) }.joined(separator: ", ")
                } else {
                    out += value
                }
            } else {
                out += rest[open.lowerBound...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The value an expression sees: `""` for an unanswered, special, skipped or no longer relevant answer.
    public func visibleValue(of name: String) -> String {
        guard let i = questionnaire.index(of: name), relevance[i] else { return "" }
        return answers[name]?.expressionValue ?? ""
    }

    /// The answers of relevant questions only: what is exported and tabulated.
    public var relevantAnswers: [String: Answer] {
        answers.filter { name, _ in questionnaire.index(of: name).map { relevance[$0] } ?? false }
    }

    /// Relevance of every question in one forward pass: a question reads only earlier answers,
    /// and an answer to a question that is no longer relevant reads as empty.
    /// With `only`, just those questions are evaluated (the set must include every question their conditions read).
    public static func relevance(of questionnaire: Questionnaire, answers: [String: Answer], only: Set<Int>? = nil) -> [Bool] {
        let questions = questionnaire.questions
        var relevant = [Bool](repeating: false, count: questions.count)
        var sectionRelevant: Bool = true
        var currentSection = -1
        func value(_ name: String, before limit: Int) -> String {
            guard let i = questionnaire.index(of: name), i < limit, relevant[i] else { return "" }
            return answers[name]?.expressionValue ?? ""
        }
        for i in questions.indices {
            if let only, !only.contains(i) { continue }
            let s = questionnaire.sectionIndexOfQuestion[i]
            if s != currentSection {
                currentSection = s
                if let r = questionnaire.sections[s].relevant {
                    sectionRelevant = ExpressionEvaluator { value($0, before: i) }.isTrue(r.expression)
                } else {
                    sectionRelevant = true
                }
            }
            guard sectionRelevant else { continue }
            if let r = questions[i].relevant {
                relevant[i] = ExpressionEvaluator { value($0, before: i) }.isTrue(r.expression)
            } else {
                relevant[i] = true
            }
        }
        return relevant
    }
}
