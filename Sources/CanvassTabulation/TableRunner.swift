import CanvassCore
import Foundation

/// A table that cannot be made as asked, with the sentence that says why.
public struct TableError: UserFacingError, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Runs tables over the interviews a source hands out: `tab freq`, `tab concerns`, `tab run` and the report
/// all go through it. Interviews are read with the questionnaire version they were taken with.
public struct TableRunner {
    let source: any InterviewSource
    let includeOpen: Bool

    public init(_ source: any InterviewSource, includeOpen: Bool) {
        self.source = source
        self.includeOpen = includeOpen
    }

    /// A frequency table of `name` (crossed by `by`), over interviews where `filter` holds; with the number of
    /// interviews (or repeat instances) it counts.
    public func freq(
        _ versions: QuestionnaireVersions, question name: String, by: String?, filter: CanvassCore.Expression?, language: String?
    ) throws -> (table: Tabulation, count: Int) {
        let latest = versions.latest
        func find(_ n: String) throws -> Question {
            if let x = versions.question(named: n) { return x }
            let near = Suggestion.nearest(to: n, among: latest.questions.map(\.name)).map { "; did you mean \($0)?" } ?? ""
            throw TableError("\(versions.id) has no question '\(n)'\(near)")
        }
        let question = try find(name)
        let byQuestion = try by.map(find)
        let table: Tabulation
        do {
            table = try Tabulation(question: question, by: byQuestion, questionnaire: latest, language: language)
        } catch let e as Tabulation.TabulationError {
            throw TableError(e.description)
        }
        if let i = latest.index(of: question.name), latest.isInRepeat(i) {
            return try freqOfInstances(versions, question: question, by: byQuestion, table: table, filter: filter)
        }
        if let b = byQuestion, let i = latest.index(of: b.name), latest.isInRepeat(i) {
            throw TableError(
                "\(b.name) is asked once per instance of a repeat; --by needs a question asked once per interview, "
                    + "or one in the same repeat as \(question.name)")
        }
        return try freqOfInterviews(versions, question: question, by: byQuestion, table: table, filter: filter)
    }

    private func freqOfInterviews(
        _ versions: QuestionnaireVersions, question: Question, by byQuestion: Question?, table: Tabulation, filter: CanvassCore.Expression?
    ) throws -> (table: Tabulation, count: Int) {
        var table = table
        let names = [question.name] + (byQuestion.map { [$0.name] } ?? []) + (filter?.references.map(\.name) ?? [])
        var needed = Set<String>()
        var neededIndices: [Int: Set<Int>] = [:]
        for v in versions.versions {
            let deps = InterviewEngine.dependencies(of: names, in: v.questionnaire)
            needed.formUnion(deps)
            neededIndices[v.row] = Set(deps.compactMap { v.questionnaire.index(of: $0) })
        }
        var count = 0
        // Read only the answers the table needs: its questions and those their skip logic depends on.
        try source.forEachInterview(questionnaire: versions.id, includeOpen: includeOpen, questions: needed) { d in
            let row = d.record.questionnaireVersionRowID
            guard let q = versions.questionnaire(row: row) else { return }
            let reading = StoredInterview(q, answers: d.answers, only: neededIndices[row])
            if let filter, !reading.evaluator.isTrue(filter) { return }
            let relevant = q.index(of: question.name).map(reading.isRelevant(question:)) ?? false
            table.add(
                answer: reading.relevantAnswer(question.name), relevant: relevant,
                byAnswer: byQuestion.flatMap { reading.relevantAnswer($0.name) })
            count += 1
        }
        return (table, count)
    }

    /// A question inside a repeat is tabulated over its instances (participants, projects), not over interviews.
    /// `--by` reads a question of the same instance, or of the interview; `--where` reads the interview's answers.
    private func freqOfInstances(
        _ versions: QuestionnaireVersions, question: Question, by byQuestion: Question?, table: Tabulation, filter: CanvassCore.Expression?
    ) throws -> (table: Tabulation, count: Int) {
        var table = table
        let latest = versions.latest
        if let b = byQuestion, let i = latest.index(of: b.name), let j = latest.index(of: question.name) {
            let byChain = latest.repeatChain(ofQuestionAt: i)
            guard byChain.isEmpty || latest.repeatChain(ofQuestionAt: j).starts(with: byChain) else {
                throw TableError(
                    "\(b.name) and \(question.name) are in different repeats; --by needs a question of the same instance "
                        + "or one asked once per interview")
            }
        }
        var count = 0
        try source.forEachInterview(questionnaire: versions.id, includeOpen: includeOpen, questions: nil) { d in
            guard let q = versions.questionnaire(row: d.record.questionnaireVersionRowID), let j = q.index(of: question.name) else {
                return
            }
            let reading = StoredInterview(q, answers: d.answers)
            if let filter, !reading.evaluator.isTrue(filter) { return }
            for slot in reading.slots where slot.kind == .question && slot.question == j {
                var byAnswer: Answer?
                if let b = byQuestion, let bi = q.index(of: b.name) {
                    // the by-question's key in the same instances: its repeats are a prefix of this one's
                    let byChain = q.repeatChain(ofQuestionAt: bi)
                    let key = RepeatPath.prefix(byChain, Array(slot.instances.prefix(byChain.count)), in: q) + b.name
                    byAnswer = reading.isRelevant(key: key) ? d.answers[key] : nil
                }
                table.add(answer: slot.relevant ? d.answers[slot.key] : nil, relevant: slot.relevant, byAnswer: byAnswer)
                count += 1
            }
        }
        return (table, count)
    }

    /// The concern matrix of a plan, grouped by `groups`, over interviews where `filter` holds; with the number
    /// of interviews it counts.
    public func concerns(
        _ versions: QuestionnaireVersions, plan: ConcernPlan, groups: [String], filter: CanvassCore.Expression?, language: String?
    ) throws -> (matrix: ConcernMatrix, count: Int) {
        var matrix = ConcernMatrix(plan: plan, groupVariables: groups)
        var count = 0
        try source.forEachInterview(questionnaire: versions.id, includeOpen: includeOpen, questions: nil) { d in
            guard let q = versions.questionnaire(row: d.record.questionnaireVersionRowID) else { return }
            let reading = StoredInterview(q, answers: d.answers)
            if let filter, !reading.evaluator.isTrue(filter) { return }
            count += 1
            matrix.add(reading) { variable, code in
                q.question(named: variable).flatMap { $0.choice(code: code) }.map { q.text($0.label, in: language) } ?? code
            }
        }
        let latest = versions.latest
        matrix.orderGroups { variable, code in latest.question(named: variable)?.categoryCodes.firstIndex(of: code) ?? Int.max }
        return (matrix, count)
    }

    /// `--by a,b`: the questions to group a concern matrix by, checked: each a categorical question of `q`.
    public static func groups(_ list: String?, in q: Questionnaire) throws -> [String] {
        let groups = (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for g in groups {
            guard let question = q.question(named: g) else { throw TableError("\(q.id) has no question '\(g)' to group by") }
            guard question.type.isCategorical else {
                throw TableError("--by \(g) is \(question.type.rawValue); group by select_one, yes_no or scale questions")
            }
        }
        return groups
    }

    /// Freq cells in the tidy format, the small-base rule applied per column.
    public static func tidy(_ table: Tabulation, name: String, policy: SmallBasePolicy) -> [TidyRow] {
        let cells = TableOutput.tidy(table, table: name)
        var baseOfColumn: [String: Int] = [:]
        for (c, col) in table.columns.enumerated() { baseOfColumn[col.kind == .total ? "" : col.code] = table.validBase[c] }
        // the chi-square row belongs to the whole table: its base is the total's
        return policy.apply(cells) { baseOfColumn[$0.colCode] ?? Int.max }
    }
}
