import Foundation

/// The state of one interview: the questionnaire, the answers so far, and the walk through it
/// (which questions are asked, in which repeat instances, and which are relevant).
/// Pure: the console and the store drive it; it never reads or writes anything itself.
///
/// Positions are slot indices: one slot per question outside repeats (so, without repeats, slot i is question i),
/// one per question per repeat instance, and one per "Add another?" question.
public struct InterviewEngine: Sendable {
    public let questionnaire: Questionnaire
    /// Answers by key: the question name, prefixed by its repeat path inside repeats (`participant[2]/role`).
    public private(set) var answers: [String: Answer]
    private var walk: InterviewExpansion

    public init(questionnaire: Questionnaire, answers: [String: Answer] = [:]) {
        self.questionnaire = questionnaire
        self.answers = answers
        self.walk = InterviewExpansion(questionnaire, answers: answers, calculate: true)
        self.answers = walk.answers
        self.calculationChanges = walk.calculationChanges
    }

    /// A stored interview shown as the console would (piped labels, instance trails), its calculations as stored.
    public init(reading stored: StoredInterview) {
        self.questionnaire = stored.questionnaire
        self.answers = stored.answers
        self.walk = stored.walk
    }

    /// Calculated values that the last change set or cleared, for the caller to store.
    public private(set) var calculationChanges: [(name: String, answer: Answer?)] = []

    private mutating func refresh() {
        walk = InterviewExpansion(questionnaire, answers: answers, calculate: true)
        answers = walk.answers
        calculationChanges = walk.calculationChanges
    }

    public var slots: [InterviewSlot] { walk.slots }
    public var slotCount: Int { walk.slots.count }
    public func key(at slot: Int) -> String { walk.slots[slot].key }
    public func slotIndex(forKey key: String) -> Int? { walk.slotIndex(forKey: key) }

    /// The question at a slot; for "Add another?" a yes/no question named by the slot's key.
    public func question(at slot: Int) -> Question {
        let s = walk.slots[slot]
        guard case .addInstance(let g, let instance) = s.kind else {
            let question = questionnaire.questions[s.question]
            guard question.requiredIf != nil || question.defaultExpression != nil else { return question }
            var q = question
            q.required = s.required
            if let d = question.defaultExpression {
                // the dynamic default, worked out now; offered only when it is a valid answer
                let v = walk.evaluator(walk.context(of: s)).evaluate(d.expression).stringValue
                if case .success(let canonical) = AnswerParser.parse(v, for: question) { q.defaultValue = canonical }
            }
            return q
        }
        return Question.addInstance(key: s.key, group: questionnaire.groups[g], instance: instance)
    }

    /// Where a slot sits: "participant 2 of 4" for each repeat around it (empty outside repeats).
    public func instanceTrail(at slot: Int, language: String?) -> [(label: String, instance: Int, count: Int)] {
        let s = walk.slots[slot]
        let context = walk.context(of: s)
        var out: [(String, Int, Int)] = []
        for (l, g) in context.chain.enumerated() {
            let parent = Array(context.instances.prefix(l))
            let count = walk.counts[g]?.first { $0.parent == parent }?.count ?? context.instances[l]
            out.append((questionnaire.text(questionnaire.groups[g].label, in: language), context.instances[l], count))
        }
        return out
    }

    /// The section a slot belongs to.
    public func sectionIndex(at slot: Int) -> Int { questionnaire.sectionIndexOfQuestion[walk.slots[slot].question] }

    /// The choices offered at a slot: its choice_filter applied to each choice.
    public func choices(at slot: Int) -> [Choice] {
        let q = question(at: slot)
        guard let filter = q.choiceFilter else { return q.choices }
        let context = walk.context(of: walk.slots[slot])
        return q.choices.filter { choice in
            var e = walk.evaluator(context)
            e.choice = choice.filterColumns
            return e.isTrue(filter.expression)
        }
    }

    /// The question as asked now (its choices filtered).
    public func askedQuestion(_ slot: Int) -> Question {
        var q = question(at: slot)
        if q.choiceFilter != nil { q.choices = choices(at: slot) }
        return q
    }

    /// Why `value` fails the question's soft check (its message), or nil.
    public func warning(for value: String, at slot: Int, language: String? = nil) -> String? {
        guard let w = question(at: slot).warning else { return nil }
        let evaluator = walk.evaluator(walk.context(of: walk.slots[slot]), current: value)
        return evaluator.isTrue(w.check.expression) ? nil : questionnaire.text(w.message, in: language)
    }

    public func isRelevant(_ slot: Int) -> Bool { walk.slots[slot].relevant }
    /// Is the answer stored under `key` asked, given the answers before it? False for keys no longer reached.
    public func isRelevant(key: String) -> Bool { walk.slotIndex(forKey: key).map { walk.slots[$0].relevant } ?? false }

    /// The first relevant slot (notes included) at or after `slot`.
    public func nextRelevantIndex(from slot: Int) -> Int? {
        var i = max(0, slot)
        while i < walk.slots.count {
            if walk.slots[i].relevant { return i }
            i += 1
        }
        return nil
    }

    private func isAsked(_ slot: InterviewSlot) -> Bool {
        slot.isAddInstance || questionnaire.questions[slot.question].type.isAsked
    }

    /// The one progress counter, the same at the prompt, in `:review`, `:where` and `:jump N`: the slots that are
    /// asked (notes and calculations are not), in order; a slot's number is its place here plus one.
    public var askedSlots: [Int] { walk.slots.indices.filter { isAsked(walk.slots[$0]) } }

    /// The number of slot `i` in the progress counter (for a note or a calculation: the next asked slot's number).
    public func number(at i: Int) -> Int { walk.slots[..<min(i, walk.slots.count)].filter(isAsked).count + 1 }

    /// The first relevant slot that still has no answer: where a resumed interview continues.
    public func firstUnansweredIndex() -> Int? {
        walk.slots.indices.first {
            let s = walk.slots[$0]
            return s.relevant && isAsked(s) && answers[s.key] == nil
        }
    }

    /// Where an interview (re)starts: the first unanswered question, preceded by the notes just before it.
    public func startIndex() -> Int {
        guard var i = firstUnansweredIndex() else { return walk.slots.count }
        let section = sectionIndex(at: i)
        while i > 0, !walk.slots[i - 1].isAddInstance, questionnaire.questions[walk.slots[i - 1].question].type == .note,
            walk.slots[i - 1].relevant, sectionIndex(at: i - 1) == section
        { i -= 1 }
        return i
    }

    /// The closest relevant answered question before `slot`.
    public func previousAnsweredIndex(before slot: Int) -> Int? {
        var i = min(slot, walk.slots.count) - 1
        while i >= 0 {
            let s = walk.slots[i]
            if s.relevant, isAsked(s), s.isAddInstance || !questionnaire.questions[s.question].readOnly, answers[s.key] != nil { return i }
            i -= 1
        }
        return nil
    }

    /// The first relevant required slot without a value or special answer, if any.
    public func firstMissingRequiredIndex() -> Int? {
        walk.slots.indices.first { i in
            let s = walk.slots[i]
            guard s.relevant, s.isAddInstance || s.required else { return false }
            switch answers[s.key] {
            case .value?, .special?: return false
            case .skipped?, nil: return true
            }
        }
    }

    /// Reads a typed line as an answer to the slot's question: type, choices, then constraint.
    public func interpret(_ input: String, at slot: Int, language: String? = nil) -> Result<Answer, AnswerParser.Rejection> {
        check(.value(input), at: slot, strict: false, language: language)
    }

    /// The answer in canonical form for the slot, or why it is not acceptable (`AnswerRule`, in the slot's context).
    public func check(_ answer: Answer, at slot: Int, strict: Bool, language: String? = nil) -> Result<Answer, AnswerParser.Rejection> {
        let evaluator = walk.evaluator(walk.context(of: walk.slots[slot]))
        return AnswerRule.check(
            answer, for: askedQuestion(slot), key: walk.slots[slot].key, in: questionnaire, strict: strict,
            constraint: evaluator, language: language)
    }

    /// Records the answer stored under `key` (a question name, or a repeat path inside repeats).
    public mutating func record(_ answer: Answer, for key: String) {
        answers[key] = answer
        refresh()
    }

    public mutating func remove(_ key: String) {
        answers[key] = nil
        refresh()
    }

    /// Records several answers with one walk at the end (import: answers known up front).
    public mutating func recordAll(_ more: [String: Answer]) {
        for (k, v) in more { answers[k] = v }
        refresh()
    }

    /// The questions whose answers decide whether `names` are asked, and `names` themselves: what a table of them must read.
    /// Repeats read as a whole (count(${participant})) bring their questions along.
    public static func dependencies(of names: [String], in questionnaire: Questionnaire) -> Set<String> {
        var needed = Set<String>()
        var queue = names
        while let name = queue.popLast() {
            guard needed.insert(name).inserted else { continue }
            var refs: [String] = []
            var group: Int?
            if let i = questionnaire.index(of: name) {
                refs += questionnaire.questions[i].relevant?.expression.references.map(\.name) ?? []
                refs += questionnaire.section(ofQuestionAt: i).relevant?.expression.references.map(\.name) ?? []
                refs += questionnaire.questions[i].calculation?.expression.references.map(\.name) ?? []
                group = questionnaire.groupOfQuestion[i]
            } else if let g = questionnaire.group(named: name) {
                let range = questionnaire.groups[g].questions
                if let s = range.first.map({ questionnaire.sectionIndexOfQuestion[$0] }) {
                    refs += questionnaire.sections[s].relevant?.expression.references.map(\.name) ?? []
                }
                refs += questionnaire.questions[range].map(\.name).prefix(1)
                group = g
            }
            while let g = group {
                refs += questionnaire.groups[g].relevant?.expression.references.map(\.name) ?? []
                refs += questionnaire.groups[g].repeatRule?.count?.expression.references.map(\.name) ?? []
                group = questionnaire.groups[g].parent
            }
            queue += refs.filter { !needed.contains($0) }
        }
        return needed
    }

    /// Text with each `${name}` replaced by the answer shown as a person reads it (choice labels for selects);
    /// inside a repeat (`slot`), names of the same instance read that instance's answers.
    public func piped(_ text: String, language: String?, at slot: Int? = nil, maskIdentifiers: Bool = false) -> String {
        guard text.contains("${") else { return text }
        let context = slot.map { walk.context(of: walk.slots[$0]) } ?? InterviewExpansion.top
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = String(rest[open.upperBound..<close])
            if let question = questionnaire.question(named: name) {
                let value = walk.single(name, context)
                if maskIdentifiers && question.identifier {
                    out += "(confidential)"
                } else if question.type.isSelect || question.type == .yesNo {
                    out += value.split(separator: " ").map { code in
                        question.choice(code: String(code)).map { questionnaire.text($0.label, in: language) } ?? String(code)
                    }.joined(separator: ", ")
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

    /// The value an expression outside every repeat sees: `""` for an unanswered, special, skipped or no longer relevant answer.
    public func visibleValue(of name: String) -> String { walk.single(name, InterviewExpansion.top) }

    /// The answers of relevant slots only: what is exported and tabulated.
    public var relevantAnswers: [String: Answer] { answers.filter { key, _ in isRelevant(key: key) } }
}
