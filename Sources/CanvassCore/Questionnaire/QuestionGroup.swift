/// How many times a repeat is asked: a count from an expression, or "add another?" after each instance.
public struct RepeatRule: Hashable, Sendable {
    /// `repeat_count`: the number of instances (e.g. `${n_participants}`); nil asks "Add another?" instead.
    public var count: ExpressionSource?
    /// `repeat_min`: instances asked before "Add another?" is offered (default 1).
    public var minimum: Int
    /// `repeat_max`: the most instances allowed.
    public var maximum: Int?
    /// `repeat_prompt`: the questionnaire's own wording of "Add another?" (may show earlier answers, `${name}`).
    public var prompt: LocalizedText?
    public init(count: ExpressionSource? = nil, minimum: Int = 1, maximum: Int? = nil) {
        self.count = count
        self.minimum = minimum
        self.maximum = maximum
    }
    /// The most instances any repeat may have, whatever its count says: keeps a mistyped count from flooding the interview.
    public static let ceiling = 500
}

/// A run of consecutive questions asked together: a section that repeats, or a group inside a section,
/// optionally skipped as a whole (`relevant`) or repeated (`repeat`).
public struct QuestionGroup: Hashable, Sendable {
    public var name: String
    public var label: LocalizedText
    public var relevant: ExpressionSource?
    public var repeatRule: RepeatRule?
    /// The enclosing group, if any.
    public var parent: Int?
    /// The group's questions, as indices in the questionnaire's flat question list.
    public var questions: Range<Int>
    public var location: SourceLocation

    public init(
        name: String, label: LocalizedText, relevant: ExpressionSource? = nil, repeatRule: RepeatRule? = nil,
        parent: Int? = nil, questions: Range<Int>, location: SourceLocation = .start
    ) {
        self.name = name
        self.label = label
        self.relevant = relevant
        self.repeatRule = repeatRule
        self.parent = parent
        self.questions = questions
        self.location = location
    }

    public var isRepeat: Bool { repeatRule != nil }
}

extension Questionnaire {
    /// The repeat that repeat `g` walks alongside: `repeat_count: count(${participant})` makes instance k of `g`
    /// belong to participant k, so `${participant_name}` inside `g` reads that participant's answer.
    public func parallelRepeat(of g: Int) -> Int? {
        guard case .call("count", let args, _)? = groups[g].repeatRule?.count?.expression, args.count == 1,
            case .reference(let name, _) = args[0], let p = group(named: name), groups[p].isRepeat, p != g
        else { return nil }
        return p
    }

    /// What a stored answer key refers to.
    public enum KeyTarget: Hashable, Sendable {
        /// An answer to a question (inside repeats, of one instance).
        case question(Int)
        /// The answer to "Add another?" of a repeat without repeat_count.
        case addInstance(group: Int)
    }

    /// The question (or repeat) a stored key such as `role`, `participant[2]/role` or `participant[3]` belongs to;
    /// nil when the key does not fit this questionnaire (unknown name, or repeats that do not enclose it).
    public func target(ofKey key: String) -> KeyTarget? {
        if let i = index(of: key) { return repeatChain(ofQuestionAt: i).isEmpty ? .question(i) : nil }
        guard let (steps, name) = RepeatPath.parse(key) else { return nil }
        if name.isEmpty {
            guard let last = steps.last, let g = group(named: last.group), let rule = groups[g].repeatRule, rule.count == nil else {
                return nil
            }
            let chain = repeatChain(ofGroup: g).map { groups[$0].name }
            return chain == steps.map(\.group) ? .addInstance(group: g) : nil
        }
        guard let i = index(of: name) else { return nil }
        let chain = repeatChain(ofQuestionAt: i).map { groups[$0].name }
        return chain == steps.map(\.group) ? .question(i) : nil
    }

    /// The question a stored key answers (nil for "Add another?" answers and keys that do not fit).
    public func question(forKey key: String) -> Question? {
        if case .question(let i)? = target(ofKey: key) { return questions[i] }
        return nil
    }
}

extension Choice {
    /// The choices of every yes/no question: `yes_no` questions and "Add another?".
    public static let yesNo: [Choice] = [
        Choice(code: "yes", label: LocalizedText(texts: ["ko": "예", "en": "Yes", "zh": "是", LocalizedText.anyLanguage: "Yes"])),
        Choice(code: "no", label: LocalizedText(texts: ["ko": "아니오", "en": "No", "zh": "否", LocalizedText.anyLanguage: "No"])),
    ]
}

extension Question {
    /// "Add another <label>?" before instance `instance` of `group` (its answer is stored under `key`):
    /// the questionnaire's `repeat_prompt`, or a built-in wording in ko, en and zh.
    public static func addInstance(key: String, group: QuestionGroup, instance: Int) -> Question {
        var texts: [String: String] = [:]
        for (lang, t) in group.label.texts {
            switch lang {
            case "ko": texts[lang] = instance == 1 ? "\(t) 항목을 추가할까요?" : "\(t) 항목을 하나 더 추가할까요? (\(instance)번째)"
            case "zh": texts[lang] = instance == 1 ? "添加\(t)？" : "再添加一个\(t)？（第\(instance)个）"
            default: texts[lang] = instance == 1 ? "Add a \(t)?" : "Add another \(t)? (number \(instance))"
            }
        }
        var q = Question(
            name: key, type: .yesNo, label: group.repeatRule?.prompt ?? LocalizedText(texts: texts), required: true,
            choices: Choice.yesNo, special: [], location: group.location)
        q.requiredMessage = LocalizedText(texts: [
            "ko": "예(y) 또는 아니오(n)로 답하세요", "en": "answer y or n", "zh": "请回答 y 或 n", LocalizedText.anyLanguage: "answer y or n",
        ])
        return q
    }
}
