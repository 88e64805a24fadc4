import Foundation

/// Makes random but valid interviews: types, choices, constraints and relevance respected,
/// with don't-know, refusal and skip rates like real field data. Deterministic for a seed.
public struct InterviewSimulator {
    public struct Rates: Sendable {
        public var dontKnow = 0.03
        public var refused = 0.01
        public var skip = 0.04
        public init() {}
    }

    public let questionnaire: Questionnaire
    public var rates = Rates()
    private var rng: SeededGenerator

    public init(questionnaire: Questionnaire, seed: UInt64) {
        self.questionnaire = questionnaire
        rng = SeededGenerator(seed: seed)
    }

    static let words = [
        "data", "licence", "standard", "partner", "server", "review", "city", "pilot", "market", "delay",
        "certification", "local", "rules", "transfer", "platform", "test", "규제", "인증", "데이터", "협력", "标准", "数据", "许可",
    ]

    /// How likely "Add another?" is answered yes (repeats without repeat_count).
    public var addAnotherRate = 0.6

    /// One interview's answers, by key (question names; repeat paths inside repeats).
    /// The interview is walked as an interviewer would: each question answered when reached, so skip logic,
    /// repeat counts, choice filters and constraints see the answers before it.
    public mutating func interview(number: Int) -> [String: Answer] {
        var generator = self
        let walk = InterviewExpansion(questionnaire, answers: [:], calculate: true) { slot, question, evaluator, given in
            if let given { return given }
            if slot.isAddInstance {
                return .value(Double.random(in: 0..<1, using: &generator.rng) < generator.addAnotherRate ? "yes" : "no")
            }
            return generator.answer(question, number: number, evaluator: evaluator)
        }
        rng = generator.rng
        return walk.answers
    }

    private mutating func answer(_ q: Question, number: Int, evaluator: ExpressionEvaluator) -> Answer? {
        if q.choiceFilter != nil, q.choices.isEmpty { return q.required ? nil : .skipped }
        let r = Double.random(in: 0..<1, using: &rng)
        if q.special.contains(.dontKnow), r < rates.dontKnow { return .special(.dontKnow) }
        if q.special.contains(.refused), r < rates.dontKnow + rates.refused { return .special(.refused) }
        if !q.required, r > 1 - rates.skip { return .skipped }
        for _ in 0..<30 {
            let v = candidate(q, number: number)
            if let c = q.constraint {
                var e = evaluator
                e.current = v
                guard e.isTrue(c.expression) else { continue }
            }
            return .value(v)
        }
        if q.special.contains(.dontKnow) { return .special(.dontKnow) }
        return q.required ? nil : .skipped
    }

    private mutating func candidate(_ q: Question, number: Int) -> String {
        switch q.type {
        case .integer:
            let magnitude = Int.random(in: 0...5, using: &rng)
            var p = 1
            for _ in 0..<magnitude { p *= 10 }
            return String(Int.random(in: 0...(9 * p), using: &rng) + (magnitude == 0 ? 1 : p))
        case .decimal:
            return AnswerParser.parseDecimal(String(Double(Int.random(in: 0...300, using: &rng)) / 10)) ?? "1"
        case .scale:
            let lo = q.min ?? 1, hi = q.max ?? 5
            let a = Int.random(in: lo...hi, using: &rng), b = Int.random(in: lo...hi, using: &rng)
            return String((a + b + Int.random(in: 0...1, using: &rng)) / 2)
        case .date:
            let y = Int.random(in: 2012...2018, using: &rng), m = Int.random(in: 1...12, using: &rng),
                d = Int.random(in: 1...28, using: &rng)
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        case .yesNo:
            return Double.random(in: 0..<1, using: &rng) < 0.85 ? "yes" : "no"
        case .selectOne:
            return q.choices.randomElement(using: &rng)?.code ?? ""
        case .selectMultiple:
            var picked = q.choices.filter { _ in Double.random(in: 0..<1, using: &rng) < 0.3 }.map(\.code)
            if picked.isEmpty, let c = q.choices.randomElement(using: &rng) { picked = [c.code] }
            return picked.joined(separator: " ")
        case .text:
            if q.identifier { return "Simulated \(q.name.replacingOccurrences(of: "_", with: " ")) \(number)" }
            return sentence(words: Int.random(in: 2...6, using: &rng))
        case .longText:
            return sentence(words: Int.random(in: 5...15, using: &rng))
                + (Double.random(in: 0..<1, using: &rng) < 0.3 ? "\n" + sentence(words: 6) : "")
        case .time:
            let h = Int.random(in: 8...18, using: &rng), m = Int.random(in: 0...59, using: &rng)
            return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m):00"
        case .dateTime:
            let d = Int.random(in: 1...28, using: &rng), h = Int.random(in: 8...18, using: &rng)
            return "2018-06-\(d < 10 ? "0" : "")\(d)T\(h < 10 ? "0" : "")\(h):00:00"
        case .geopoint:
            let lat = Double(Int.random(in: 220_000...400_000, using: &rng)) / 10000
            let lon = Double(Int.random(in: 1_100_000...1_220_000, using: &rng)) / 10000
            return (AnswerParser.parseDecimal(String(lat)) ?? "30") + " " + (AnswerParser.parseDecimal(String(lon)) ?? "120")
        case .barcode:
            return String(Int.random(in: 100_000_000...999_999_999, using: &rng))
        case .acknowledge:
            return "OK"
        case .range:
            let lo = q.min ?? 0, hi = q.max ?? 10, step = max(1, q.step ?? 1)
            return String(lo + step * Int.random(in: 0...max(0, (hi - lo) / step), using: &rng))
        case .rank:
            return q.choices.map(\.code).shuffled(using: &rng).joined(separator: " ")
        case .note, .calculate, .start, .end, .today, .username, .deviceid:
            return ""
        }
    }

    private mutating func sentence(words n: Int) -> String {
        (0..<n).map { _ in Self.words.randomElement(using: &rng)! }.joined(separator: " ")
    }
}
