/// What is recorded for one question of one interview.
public enum Answer: Hashable, Sendable {
    /// A value in canonical text form (select_multiple: codes in list order, space-separated).
    case value(String)
    case special(SpecialAnswer)
    /// The interviewer left a question that is not required empty on purpose.
    case skipped

    /// The value expressions see: `""` unless a real value was given.
    public var expressionValue: String {
        if case .value(let v) = self { return v }
        return ""
    }

    public var value: String? {
        if case .value(let v) = self { return v }
        return nil
    }
}
