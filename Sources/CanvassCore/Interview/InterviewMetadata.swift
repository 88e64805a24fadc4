/// XLSForm's metadata questions (`start`, `end`, `today`, `username`, `deviceid`), filled from the interview itself:
/// the one rule the console, import and the simulator follow. Only questions the questionnaire has, only where no
/// value is stored yet (a value once written stays: `start` is when the interview began, not when it was resumed).
public enum InterviewMetadata {
    /// The values to store: at the start (start, today, username, deviceid), and at completion (end).
    public static func answers(
        _ q: Questionnaire, existing: [String: Answer], startedAt: String, completedAt: String?, interviewer: String,
        deviceID: String?
    ) -> [(key: String, answer: Answer)] {
        var out: [(String, Answer)] = []
        for question in q.topLevelQuestions where question.type.isMetadata && existing[question.name] == nil {
            let value: String? =
                switch question.type {
                case .start: startedAt
                case .end: completedAt
                case .today: startedAt.count >= 10 ? String(startedAt.prefix(10)) : nil
                case .username: interviewer
                case .deviceid: deviceID
                default: nil
                }
            if let value, !value.isEmpty { out.append((question.name, .value(value))) }
        }
        return out
    }
}
