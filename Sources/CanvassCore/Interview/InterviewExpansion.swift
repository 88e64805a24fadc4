/// One place in an interview's walk: a question (in a given instance of each repeat around it),
/// or the "Add another?" question between two instances of a repeat.
public struct InterviewSlot: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case question
        /// "Add another?" before instance `instance` of repeat `group`; its answer (yes/no) is stored under `key`.
        case addInstance(group: Int, instance: Int)
    }
    public var kind: Kind
    /// The question's index in the questionnaire's flat list (for `addInstance`, the repeat's first question).
    public var question: Int
    /// Where its answer is stored: the question name, prefixed by its repeat path (`participant[2]/role`).
    public var key: String
    /// The instance numbers (from 1) of the repeats around it, outermost first.
    public var instances: [Int]
    /// Is it asked, given the answers before it?
    public var relevant: Bool
    /// Must it be answered (its question's `required`, or its dynamic required true here)?
    public var required = false

    public var isAddInstance: Bool { if case .addInstance = kind { return true } else { return false } }
}

/// Builds repeat paths: `participant[2]/`, `topic[1]/view[3]/`.
public enum RepeatPath {
    public static func prefix(_ chain: [Int], _ instances: [Int], in q: Questionnaire) -> String {
        var s = ""
        for (l, g) in chain.enumerated() { s += "\(q.groups[g].name)[\(instances[l])]/" }
        return s
    }

    /// Splits a stored key into its repeat steps and the question name: `topic[1]/view[3]/score` ->
    /// ([("topic", 1), ("view", 3)], "score"); nil for a key that is not a well-formed path.
    public static func parse(_ key: String) -> (steps: [(group: String, instance: Int)], name: String)? {
        guard key.contains("/") || key.contains("[") else { return ([], key) }
        var parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let last = parts.removeLast()
        var steps: [(String, Int)] = []
        for p in parts {
            guard let open = p.firstIndex(of: "["), p.hasSuffix("]"),
                let n = Int(p[p.index(after: open)..<p.index(before: p.endIndex)]), n >= 1
            else { return nil }
            steps.append((String(p[..<open]), n))
        }
        // "participant[3]" alone is the answer to "Add another participant?" before instance 3
        if let open = last.firstIndex(of: "[") {
            guard last.hasSuffix("]"), let n = Int(last[last.index(after: open)..<last.index(before: last.endIndex)]), n >= 1 else {
                return nil
            }
            steps.append((String(last[..<open]), n))
            return (steps, "")
        }
        return (steps, last)
    }
}

/// The walk of one interview through its questionnaire: which questions are asked, in which repeat instances,
/// whether each is relevant, and the calculated values. One forward pass: every expression reads only what
/// comes before it, so relevance, repeat counts and calculations settle in order.
/// Built once per change and never mutated afterwards, hence safe to share between copies of an engine.
final class InterviewExpansion: @unchecked Sendable {
    let q: Questionnaire
    var answers: [String: Answer]
    let calculate: Bool
    let only: Set<Int>?
    private(set) var slots: [InterviewSlot] = []
    /// Slot of each key asked inside a repeat (top-level questions use `topSlot`).
    private(set) var slotOfKey: [String: Int] = [:]
    /// Slot of each question outside every repeat, by question index.
    private(set) var topSlot: [Int]
    /// The slots of each question asked inside a repeat, by question index (what `sum(${q})` reads).
    private(set) var slotsOfQuestion: [Int: [Int]] = [:]
    /// Per repeat group: (instances of the repeats around it, number of instances).
    private(set) var counts: [Int: [(parent: [Int], count: Int)]] = [:]
    private(set) var calculationChanges: [(name: String, answer: Answer?)] = []
    private let groupsStartingAt: [Int: [Int]]
    /// Stop adding instances beyond this many slots: a runaway repeat count must not exhaust memory.
    static let slotCeiling = 200_000

    /// Called for each relevant asked slot as the walk reaches it, with the question as asked (choices filtered),
    /// an evaluator in the slot's context (set its `current` for constraints) and the answer stored so far;
    /// returns the answer to keep. The simulator fills empty slots with it; import checks and canonicalises answers.
    typealias Visit = (InterviewSlot, Question, ExpressionEvaluator, Answer?) -> Answer?
    let visit: Visit?

    /// The walk before this one, when calculations read later answers: what a later slot held there is what this walk
    /// reads before reaching it.
    private let previous: InterviewExpansion?

    init(
        _ q: Questionnaire, answers: consuming [String: Answer], calculate: Bool, only: Set<Int>? = nil, visit: Visit? = nil,
        previous: InterviewExpansion? = nil
    ) {
        self.q = q
        self.calculate = calculate
        self.only = only
        self.visit = visit
        // calculations that read later answers settle in dependency order: walks without visits, each reading the one
        // before for what it has not reached yet, until the calculations no longer change (a cycle is refused by the
        // loader, so at most one walk per calculation)
        var settled = previous
        if calculate, previous == nil, q.calculationsReadLater {
            let given = answers
            for _ in 0...q.questions.count(where: { $0.type == .calculate }) {
                let pass = InterviewExpansion(q, answers: given, calculate: true, previous: settled ?? Self.empty(q))
                let done = settled.map { $0.answers == pass.answers } ?? false
                settled = pass
                if done { break }
            }
            self.answers = given
        } else {
            self.answers = answers
        }
        self.previous = settled
        topSlot = [Int](repeating: -1, count: q.questions.count)
        var starting: [Int: [Int]] = [:]
        for (g, group) in q.groups.enumerated() where !group.questions.isEmpty {
            starting[group.questions.lowerBound, default: []].append(g)
        }
        groupsStartingAt = starting
        slots.reserveCapacity(q.questions.count)
        walk(0..<q.questions.count, parent: nil, chain: [], instances: [], relevant: true)
    }

    struct Context {
        var chain: [Int]
        var instances: [Int]
    }
    static let top = Context(chain: [], instances: [])

    // MARK: the walk

    private var currentSection = -1
    private var sectionRelevant = true

    private func walk(_ range: Range<Int>, parent: Int?, chain: [Int], instances: [Int], relevant: Bool) {
        let context = Context(chain: chain, instances: instances)
        var i = range.lowerBound
        while i < range.upperBound {
            if parent == nil {
                let s = q.sectionIndexOfQuestion[i]
                if s != currentSection {
                    currentSection = s
                    sectionRelevant = q.sections[s].relevant.map { walkEvaluator(Self.top).isTrue($0.expression) } ?? true
                }
            }
            let enclosing = relevant && (parent != nil || sectionRelevant)
            if let g = groupsStartingAt[i]?.first(where: { q.groups[$0].parent == parent }) {
                group(g, context: context, relevant: enclosing)
                i = q.groups[g].questions.upperBound
                continue
            }
            emit(i, context: context, relevant: enclosing)
            i += 1
        }
    }

    private func group(_ g: Int, context: Context, relevant: Bool) {
        let group = q.groups[g]
        if let only, !group.questions.contains(where: { only.contains($0) }) { return }
        var relevant = relevant
        if relevant, let r = group.relevant { relevant = walkEvaluator(context).isTrue(r.expression) }
        guard let rule = group.repeatRule else {
            walk(group.questions, parent: g, chain: context.chain, instances: context.instances, relevant: relevant)
            return
        }
        counts[g, default: []].append((context.instances, 0))
        let slot = counts[g]!.count - 1
        guard relevant else { return }
        let ceiling = min(rule.maximum ?? RepeatRule.ceiling, RepeatRule.ceiling)
        let chain = context.chain + [g]
        if let c = rule.count {
            let v = walkEvaluator(context).evaluate(c.expression).numberValue
            let n = v.isFinite ? max(0, min(ceiling, Int(v.rounded(.towardZero)))) : 0
            counts[g]![slot].count = n
            for k in stride(from: 1, through: n, by: 1) where slots.count < Self.slotCeiling {
                walk(group.questions, parent: g, chain: chain, instances: context.instances + [k], relevant: true)
            }
            return
        }
        let prefix = RepeatPath.prefix(context.chain, context.instances, in: q) + group.name
        var k = 0
        while k < ceiling, slots.count < Self.slotCeiling {
            if k + 1 > rule.minimum {
                let key = "\(prefix)[\(k + 1)]"
                let slot = InterviewSlot(
                    kind: .addInstance(group: g, instance: k + 1), question: group.questions.lowerBound, key: key,
                    instances: context.instances, relevant: true)
                append(slot, repeated: true)
                if let visit {
                    answers[key] = visit(slot, .addInstance(key: key, group: group, instance: k + 1), walkEvaluator(context), answers[key])
                }
                guard answers[key]?.value == "yes" else { break }
            }
            k += 1
            counts[g]![slot].count = k
            walk(group.questions, parent: g, chain: chain, instances: context.instances + [k], relevant: true)
        }
    }

    private func emit(_ i: Int, context: Context, relevant: Bool) {
        if let only, !only.contains(i) { return }
        let type = q.questions[i].type
        let key =
            context.chain.isEmpty ? q.questions[i].name : RepeatPath.prefix(context.chain, context.instances, in: q) + q.questions[i].name
        var relevant = relevant
        if relevant, let r = q.questions[i].relevant { relevant = walkEvaluator(context).isTrue(r.expression) }
        // metadata (start, end, username...) is the interview's, whatever is skipped around it, as in ODK
        if type.isMetadata { relevant = true }
        if calculate, type == .calculate {
            var value: Answer?
            if relevant, let c = q.questions[i].calculation {
                if case .call("once", _, _) = c.expression, case .value? = answers[key] {
                    // once(): the value first calculated stays, whatever changes later (ODK's once)
                    value = answers[key]
                } else {
                    let text = walkEvaluator(context).evaluate(c.expression).stringValue
                    value = text.isEmpty || text == "NaN" ? nil : .value(text)
                }
            }
            if answers[key] != value {
                answers[key] = value
                calculationChanges.append((key, value))
            }
        }
        var slot = InterviewSlot(kind: .question, question: i, key: key, instances: context.instances, relevant: relevant)
        slot.required = q.questions[i].required
        if relevant, let r = q.questions[i].requiredIf { slot.required = walkEvaluator(context).isTrue(r.expression) }
        if relevant, let visit, type.isAsked {
            if let filter = q.questions[i].choiceFilter {
                var asked = q.questions[i]
                asked.required = slot.required
                asked.choices = asked.choices.filter { choice in
                    var e = walkEvaluator(context)
                    e.choice = choice.filterColumns
                    return e.isTrue(filter.expression)
                }
                answers[key] = visit(slot, asked, walkEvaluator(context), answers[key])
            } else if q.questions[i].requiredIf != nil {
                var asked = q.questions[i]
                asked.required = slot.required
                answers[key] = visit(slot, asked, walkEvaluator(context), answers[key])
            } else {
                // passed straight from the questionnaire: no copy of the question per answer
                answers[key] = visit(slot, q.questions[i], walkEvaluator(context), answers[key])
            }
        }
        append(slot, repeated: !context.chain.isEmpty)
    }

    private func append(_ slot: InterviewSlot, repeated: Bool) {
        let n = slots.count
        slots.append(slot)
        if repeated { slotOfKey[slot.key] = n } else { topSlot[slot.question] = n }
        if repeated, slot.kind == .question { slotsOfQuestion[slot.question, default: []].append(n) }
    }

    // MARK: reading answers from expressions

    /// A walk with no answers: what the first settling walk reads ahead.
    private static func empty(_ q: Questionnaire) -> InterviewExpansion {
        InterviewExpansion(q, answers: [:], calculate: false, only: [], previous: nil)
    }

    func slotIndex(forKey key: String) -> Int? {
        if let s = slotOfKey[key] { return s }
        if let i = q.index(of: key), topSlot[i] >= 0 { return topSlot[i] }
        return nil
    }

    /// The value an expression sees for `key`: empty unless reached, relevant and answered with a value.
    func visible(_ key: String) -> String {
        guard let s = slotIndex(forKey: key) else { return previous?.visible(key) ?? "" }
        guard slots[s].relevant else { return "" }
        return answers[key]?.expressionValue ?? ""
    }

    /// The evaluator outside every repeat, made once per walk (most questions of most questionnaires are there).
    /// It holds the walk unowned, so it is only used during the walk itself.
    private lazy var topEvaluator: ExpressionEvaluator = {
        var e = ExpressionEvaluator { [unowned self] name in self.single(name, Self.top) }
        e.context.choiceName = { [unowned self] code, name in self.choiceName(code, name) }
        e.context.data = q.data
        guard !q.groups.isEmpty else { return e }
        e.nodes = { [unowned self] name in self.nodes(name, Self.top) }
        e.instanceCount = { [unowned self] name in self.instanceCount(name, Self.top) }
        e.indexed = { [unowned self] name, at in self.indexed(name, at, Self.top) }
        return e
    }()

    /// An evaluator during the walk: the shared one outside repeats.
    private func walkEvaluator(_ context: Context) -> ExpressionEvaluator {
        context.chain.isEmpty ? topEvaluator : evaluator(context)
    }

    func evaluator(_ context: Context, current: String = "") -> ExpressionEvaluator {
        var e = ExpressionEvaluator(current: current) { name in self.single(name, context) }
        e.context.choiceName = { code, name in self.choiceName(code, name) }
        e.context.data = q.data
        guard !q.groups.isEmpty else { return e }
        e.nodes = { name in self.nodes(name, context) }
        e.instanceCount = { name in self.instanceCount(name, context) }
        e.indexed = { name, at in self.indexed(name, at, context) }
        e.position = context.instances.last ?? 0
        return e
    }

    /// The instances of `chain` as seen from `context`: shared repeats take the context's instance, others the first.
    private func instances(of chain: [Int], from context: Context, overriding at: [(repeat: String, instance: Int)] = []) -> (
        instances: [Int], shared: Bool
    ) {
        var out: [Int] = []
        var shared = true
        for (l, g) in chain.enumerated() {
            if let o = at.first(where: { q.group(named: $0.repeat) == g }) {
                out.append(o.instance)
                shared = false
                continue
            }
            if shared, l < context.chain.count, context.chain[l] == g {
                out.append(context.instances[l])
                continue
            }
            shared = false
            // a repeat counted along this one (view with repeat_count: count(${participant})) gives its instance number
            if let k = context.chain.firstIndex(where: { q.parallelRepeat(of: $0) == g }) {
                out.append(context.instances[k])
            } else {
                out.append(1)
            }
        }
        return (out, shared)
    }

    func single(_ name: String, _ context: Context) -> String {
        guard let j = q.index(of: name) else { return "" }
        let chain = q.groups.isEmpty ? [] : q.repeatChain(ofQuestionAt: j)
        if chain.isEmpty {
            let s = topSlot[j]
            // not reached yet: what the walk before held (a calculation reading a later answer)
            if s < 0, let previous { return previous.single(name, context) }
            return s >= 0 && slots[s].relevant ? answers[name]?.expressionValue ?? "" : ""
        }
        let (inst, _) = instances(of: chain, from: context)
        return visible(RepeatPath.prefix(chain, inst, in: q) + name)
    }

    func nodes(_ name: String, _ context: Context) -> [String] {
        guard let j = q.index(of: name) else { return [] }
        let chain = q.repeatChain(ofQuestionAt: j)
        // the levels shared with the context fix those instances; the others range over all
        var fixed: [Int] = []
        for (l, g) in chain.enumerated() {
            guard l < context.chain.count, context.chain[l] == g else { break }
            fixed.append(context.instances[l])
        }
        if fixed.count == chain.count { return [single(name, context)] }
        return (slotsOfQuestion[j] ?? []).compactMap { s in
            let slot = slots[s]
            guard Array(slot.instances.prefix(fixed.count)) == fixed else { return nil }
            return slot.relevant ? answers[slot.key]?.expressionValue ?? "" : ""
        }
    }

    func instanceCount(_ name: String, _ context: Context) -> Int? {
        guard q.index(of: name) == nil, let g = q.group(named: name), q.groups[g].isRepeat else { return nil }
        let outer = Array(q.repeatChain(ofGroup: g).dropLast())
        var fixed: [Int] = []
        for (l, x) in outer.enumerated() {
            guard l < context.chain.count, context.chain[l] == x else { break }
            fixed.append(context.instances[l])
        }
        return (counts[g] ?? []).filter { Array($0.parent.prefix(fixed.count)) == fixed }.reduce(0) { $0 + $1.count }
    }

    func indexed(_ name: String, _ at: [(repeat: String, instance: Int)], _ context: Context) -> String {
        guard let j = q.index(of: name) else { return "" }
        let chain = q.repeatChain(ofQuestionAt: j)
        let (inst, _) = instances(of: chain, from: context, overriding: at)
        return visible(RepeatPath.prefix(chain, inst, in: q) + name)
    }

    /// `jr:choice-name(code, '${q}')`: the label of the choice in the questionnaire's first language.
    func choiceName(_ code: String, _ name: String) -> String {
        guard let i = q.index(of: name), let c = q.questions[i].choices.first(where: { $0.code == code }) else { return "" }
        return c.label.text(in: q.languages.first, fallbacks: q.languages)
    }

    /// The context a slot's expressions are evaluated in.
    func context(of slot: InterviewSlot) -> Context {
        switch slot.kind {
        case .question: return Context(chain: q.repeatChain(ofQuestionAt: slot.question), instances: slot.instances)
        case .addInstance(let g, _): return Context(chain: Array(q.repeatChain(ofGroup: g).dropLast()), instances: slot.instances)
        }
    }
}
