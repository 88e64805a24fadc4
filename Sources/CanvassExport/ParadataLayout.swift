import CanvassCore

/// `export paradata`: seconds from showing each question to accepting its answer (level=answer), the time spent
/// in each repeat instance (level=instance, e.g. agenda[2]: a meeting's second topic) and per interview.
public struct ParadataLayout {
    public static let header = ["level", "interview_id", "KEY", "version", "interviewer", "question", "seconds", "answered_at", "answers"]
    private var totals: [Int: (seconds: Double, answers: Int)] = [:]
    private var instances: [Int: [String: (seconds: Double, answers: Int, last: String)]] = [:]

    public init() {}

    /// The row of one timed answer; its time is added to its interview and the repeat instances around it.
    public mutating func answer(_ r: InterviewRecord, question: String, seconds: Double, at: String) -> [String] {
        totals[r.id, default: (0, 0)].seconds += seconds
        totals[r.id, default: (0, 0)].answers += 1
        // an "Add another?" answer (agenda[4]) belongs to the instances around it, not to the one it may add
        let parsed = RepeatPath.parse(question)
        let steps = parsed.map { $0.name.isEmpty ? Array($0.steps.dropLast()) : $0.steps } ?? []
        var path = ""
        for step in steps {
            path += (path.isEmpty ? "" : "/") + "\(step.group)[\(step.instance)]"
            var t = instances[r.id, default: [:]][path, default: (0, 0, at)]
            t.seconds += seconds
            t.answers += 1
            t.last = max(t.last, at)
            instances[r.id, default: [:]][path] = t
        }
        return ["answer", String(r.id), r.key, r.version, r.interviewer, question, TableNumber.format(seconds), at, ""]
    }

    /// The instance rows, then the interview rows, once every answer has been seen.
    public func summary(_ interviews: [Int: InterviewRecord]) -> [[String]] {
        var out: [[String]] = []
        for (id, paths) in instances.sorted(by: { $0.key < $1.key }) {
            guard let r = interviews[id] else { continue }
            for (path, t) in paths.sorted(by: { $0.key < $1.key }) {
                out.append([
                    "instance", String(id), r.key + "/" + path, r.version, r.interviewer, path, TableNumber.format(t.seconds), t.last,
                    String(t.answers),
                ])
            }
        }
        for (id, total) in totals.sorted(by: { $0.key < $1.key }) {
            guard let r = interviews[id] else { continue }
            out.append([
                "interview", String(id), r.key, r.version, r.interviewer, "", TableNumber.format(total.seconds),
                r.completedAt ?? r.updatedAt,
                String(total.answers),
            ])
        }
        return out
    }
}
