/// A stored interview read as the questionnaire walks it: the one way tables, exports, merge and checks read
/// an interview. Calculations are taken as stored: the console commits an answer and the calculations it
/// changes in one transaction, and import stores them recomputed, so what is stored is what the walk gives.
/// (A live interview, which recomputes as answers change, is an `InterviewEngine`.)
public struct StoredInterview: Sendable {
    public let questionnaire: Questionnaire
    public let answers: [String: Answer]
    let walk: InterviewExpansion

    /// With `only`, just those questions (outside repeats) are evaluated; the set must include every question
    /// their conditions read (`InterviewEngine.dependencies`). Questions inside repeats then read as not asked.
    public init(_ questionnaire: Questionnaire, answers: [String: Answer], only: Set<Int>? = nil) {
        self.questionnaire = questionnaire
        self.answers = answers
        self.walk = InterviewExpansion(questionnaire, answers: answers, calculate: false, only: only)
    }

    /// Every slot reached, relevant or not, in interview order.
    public var slots: [InterviewSlot] { walk.slots }
    /// The slots asked, in interview order: what is exported.
    public var relevantSlots: [InterviewSlot] { walk.slots.filter(\.relevant) }

    /// Is the question outside every repeat at `index` asked?
    public func isRelevant(question index: Int) -> Bool {
        let s = walk.topSlot[index]
        return s >= 0 && walk.slots[s].relevant
    }

    /// Is the answer stored under `key` asked? False for keys no longer reached.
    public func isRelevant(key: String) -> Bool { walk.slotIndex(forKey: key).map { walk.slots[$0].relevant } ?? false }

    /// The answer to `name` (outside repeats) when it is asked, else nil.
    public func relevantAnswer(_ name: String) -> Answer? {
        guard let i = questionnaire.index(of: name), isRelevant(question: i) else { return nil }
        return answers[name]
    }

    /// The value an expression outside every repeat sees: `""` for an unanswered, special, skipped or unasked answer.
    public func visibleValue(of name: String) -> String { walk.single(name, InterviewExpansion.top) }

    /// An evaluator that reads answers as expressions outside every repeat see them (`--where`, plan definitions).
    public var evaluator: ExpressionEvaluator { ExpressionEvaluator { self.visibleValue(of: $0) } }

    /// The interview's name from the questionnaire's `instance_name` (nil without one, or when it gives nothing);
    /// "(confidential)" when it reads an identifier and identifiers are not asked for.
    public func instanceName(includeIdentifiers: Bool) -> String? {
        guard let e = questionnaire.instanceName?.expression else { return nil }
        if !includeIdentifiers, e.references.contains(where: { questionnaire.question(named: $0.name)?.identifier == true }) {
            return "(confidential)"
        }
        let name = evaluator.evaluate(e).stringValue
        // separators alone (nothing answered yet) name nothing
        return name.contains(where: { $0.isLetter || $0.isNumber }) ? name : nil
    }
}
