import CanvassCore

/// `db check`: SQLite's integrity check, then Canvass's own rules on every stored interview.
public enum DatabaseChecks {
    /// Every problem found, one sentence each; empty for a healthy database.
    public static func problems(_ store: CanvassStore) throws -> [String] {
        var out = try store.integrityProblems().map { "sqlite: \($0)" }
        guard out.isEmpty else { return out }
        // the value the audit trail last gave each answer
        var lastEvent: [String: String?] = [:]
        for e in try store.events() where e.kind.setsAnswer {
            guard let question = e.question, !question.hasPrefix("(") else { continue }
            lastEvent["\(e.interviewID)\u{0}\(question)"] = e.new
        }
        for id in try store.questionnaireIDs() {
            var byRow: [Int: Questionnaire] = [:]
            for v in try store.questionnaireVersions(id: id) {
                do { byRow[v.rowID] = try store.parse(v) } catch {
                    out.append("questionnaire \(v.id) \(v.version): stored source no longer reads")
                }
            }
            try store.forEachInterview(questionnaire: id, includeOpen: true, withTimes: false, revealed: false) { d in
                guard let q = byRow[d.record.questionnaireVersionRowID] else { return }
                out += problems(d, q, lastEvent: lastEvent)
            }
        }
        return out
    }

    static func problems(_ d: InterviewData, _ q: Questionnaire, lastEvent: [String: String?]) -> [String] {
        let r = d.record
        var out: [String] = []
        if r.status == .completed && r.completedAt == nil { out.append("interview \(r.id): completed without a completion time") }
        if r.status == .open && r.completedAt != nil { out.append("interview \(r.id): open but has a completion time") }
        for (name, answer) in d.answers.sorted(by: { $0.key < $1.key }) {
            if Sealing.isCompanion(name) {
                // the sealed original of a redacted free text: beside its answer, and sealed
                let base = Sealing.base(ofCompanion: name)
                if d.answers[base] == nil || !Sealing.isFreeText(base, q) {
                    out.append("interview \(r.id): \(name) is the sealed original of \(base), which holds no free text")
                }
                if answer.value.map(SealedValue.isSealed) != true { out.append("interview \(r.id): \(name) is not sealed") }
                continue
            }
            guard let target = q.target(ofKey: name) else {
                out.append("interview \(r.id): answer to \(name), which is not a question of \(q.id) \(q.version)")
                continue
            }
            let question: Question
            switch target {
            case .question(let i): question = q.questions[i]
            case .addInstance(let g): question = .addInstance(key: name, group: q.groups[g], instance: 2)
            }
            if question.type == .note {
                out.append("interview \(r.id): answer to the note \(name)")
                continue
            }
            // an identifier's value is never printed: the problem names the question (the value: interview show N
            // --include-identifiers)
            func shown(_ v: String?) -> String { question.identifier ? "(confidential)" : v ?? "(none)" }
            // the answer rule without the constraint: a later change elsewhere may have moved its context
            if case .value(let v) = answer,
                case .failure(let why) = AnswerRule.check(answer, for: question, key: name, in: q, strict: true, constraint: nil)
            {
                out.append(
                    "interview \(r.id): \(name) holds '\(shown(v))', which is not a valid answer (\(question.identifier ? "its type or choices" : why.reason))"
                )
            }
            if let expected = lastEvent["\(r.id)\u{0}\(name)"], expected != AnswerCodec.display(answer) {
                out.append(
                    "interview \(r.id): \(name) is '\(shown(AnswerCodec.display(answer)))' but the audit trail last set it to '\(shown(expected ?? nil))'"
                )
            }
        }
        return out
    }
}
