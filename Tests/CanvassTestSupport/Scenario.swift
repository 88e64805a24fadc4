import CanvassCore

/// An interview driven as in javarosa's scenario tests: answers typed as an interviewer types them, keyed by
/// repeat path (`participant[2]/role`), with where the walk goes next.
public struct Scenario {
    public var engine: InterviewEngine

    public init(_ questionnaire: Questionnaire, answers: [String: Answer] = [:]) {
        engine = InterviewEngine(questionnaire: questionnaire, answers: answers)
    }

    /// The keys asked, in interview order (notes included).
    public var keys: [String] { engine.slots.filter(\.relevant).map(\.key) }

    /// Answers the slot stored under `key` as an interviewer would type it; returns the rejection, or nil when accepted.
    @discardableResult
    public mutating func answer(_ key: String, _ input: String) -> String? {
        guard let i = engine.slotIndex(forKey: key) else { return "no slot \(key)" }
        switch engine.interpret(input, at: i) {
        case .failure(let r): return r.reason
        case .success(let a):
            engine.record(a, for: key)
            return nil
        }
    }

    /// Records an answer without checking it (a special answer, or a skip).
    public mutating func record(_ key: String, _ answer: Answer) { engine.record(answer, for: key) }

    /// The first asked question still without an answer: where the interview goes next.
    public var next: String? { engine.firstUnansweredIndex().map(engine.key(at:)) }

    /// Has every asked question an answer?
    public var atTheEnd: Bool { next == nil }

    /// The label of the question at `key`, with earlier answers piped in.
    public func label(_ key: String, language: String? = nil) -> String {
        let i = engine.slotIndex(forKey: key)!
        return engine.piped(engine.question(at: i).label.text(in: language, fallbacks: []), language: language, at: i)
    }
}
