/// Removing one instance of a repeat (an interviewer's "this participant was entered by mistake"):
/// its answers go, the later instances move down one number, and so do the instances of repeats that walk
/// alongside it (a view per participant). Worked out here as plain key changes; the caller stores them in one
/// transaction and gives them back to the engine with `apply`.
public struct InstanceDeletion: Sendable {
    /// The repeat and the instance number removed.
    public var group: Int
    public var instance: Int
    /// Every stored key that changes: set to an answer (moved down), or nil (removed).
    public var changes: [(key: String, answer: Answer?)]
    /// How many answers the removed instance held (with those of the instances walking alongside it).
    public var removedAnswers: Int
    /// The key of the instance's first question after the change (or of its "Add another?"), where the interview goes on.
    public var resumeKeys: [String]
}

extension InterviewEngine {
    /// The changes that delete the instance of the innermost "Add another?" repeat around `slot`, or why it cannot be.
    public func instanceDeletion(at slot: Int) -> Result<InstanceDeletion, AnswerParser.Rejection> {
        let s = slots[slot]
        guard case .question = s.kind else { return .failure(AnswerParser.Rejection(.deleteWhere)) }
        let q = questionnaire
        let chain = q.repeatChain(ofQuestionAt: s.question)
        guard let level = chain.indices.last else {
            return .failure(AnswerParser.Rejection(.deleteNotInRepeat, .text(s.key)))
        }
        let g = chain[level]
        let name = q.groups[g].name
        if let count = q.groups[g].repeatRule?.count {
            return .failure(
                AnswerParser.Rejection(.deleteCounted, .text(name), .text(count.text)))
        }
        let k = s.instances[level]
        let parent = Array(zip(chain.prefix(level), s.instances.prefix(level)).map { (q.groups[$0].name, $1) })
        let along = Set(q.groups.indices.filter { q.parallelRepeat(of: $0) == g }.map { q.groups[$0].name })
        var removed = 0
        // each key's new name: nil when it belonged to the removed instance
        func moved(_ key: String) -> String?? {
            guard let (steps, leaf) = RepeatPath.parse(key), !steps.isEmpty else { return .some(key) }
            var out = steps
            var touched = false
            for (l, step) in steps.enumerated() {
                let isTarget =
                    step.group == name && l == level
                    && steps.prefix(level).elementsEqual(parent, by: { $0.group == $1.0 && $0.instance == $1.1 })
                guard isTarget || along.contains(step.group) else { continue }
                if step.instance == k { return .some(nil) }
                if step.instance > k {
                    out[l].instance -= 1
                    touched = true
                }
            }
            guard touched else { return .some(key) }
            let path = out.map { "\($0.group)[\($0.instance)]" }.joined(separator: "/")
            return .some(leaf.isEmpty ? path : path + "/" + leaf)
        }
        var result: [String: Answer] = [:]
        for (key, answer) in answers {
            switch moved(key) {
            case .some(.some(let newKey)): result[newKey] = answer
            default: removed += RepeatPath.parse(key)?.name.isEmpty == true ? 0 : 1
            }
        }
        // the "Add another?" answer that created instance k goes with it (the one after k takes its number);
        // instances up to repeat_min are asked without it, so a moved answer landing there is dropped
        let minimum = q.groups[g].repeatRule?.minimum ?? 1
        for key in Array(result.keys) {
            if let (steps, leaf) = RepeatPath.parse(key), leaf.isEmpty, let last = steps.last, last.group == name, last.instance <= minimum
            {
                result[key] = nil
            }
        }
        var changes: [(String, Answer?)] = []
        for key in Set(answers.keys).union(result.keys).sorted() where answers[key] != result[key] {
            changes.append((key, result[key]))
        }
        let prefix = parent.map { "\($0.0)[\($0.1)]/" }.joined()
        let first = q.questions[q.groups[g].questions].first.map { prefix + "\(name)[\(k)]/" + $0.name }
        return .success(
            InstanceDeletion(
                group: g, instance: k, changes: changes, removedAnswers: removed,
                resumeKeys: [first, prefix + "\(name)[\(k)]"].compactMap { $0 }))
    }

    /// Applies key changes already stored (an instance deleted): answers set or removed, then one walk.
    public mutating func apply(_ changes: [(key: String, answer: Answer?)]) {
        var all = answers
        for (key, answer) in changes { all[key] = answer }
        self = InterviewEngine(questionnaire: questionnaire, answers: all)
    }
}
