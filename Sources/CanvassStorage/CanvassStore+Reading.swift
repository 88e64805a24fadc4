import CSQLite
import CanvassCore

/// Reading interviews: headers, answers, and streams of whole interviews for tables and exports.
extension CanvassStore: InterviewSource {
    static let interviewColumns = """
        i.id, i.key, i.questionnaire_version_id, q.questionnaire, q.version, i.respondent, i.interviewer, i.language,
        i.status, i.started_at, i.updated_at, i.completed_at, i.rev
        """

    private func readInterview(_ s: Statement, answerCount: Int = 0) -> InterviewRecord {
        InterviewRecord(
            id: s.int(0), key: s.text(1) ?? "", questionnaireVersionRowID: s.int(2), questionnaire: s.text(3) ?? "",
            version: s.text(4) ?? "", respondent: s.text(5) ?? "", interviewer: s.text(6) ?? "", language: s.text(7),
            status: InterviewStatus(rawValue: s.text(8) ?? "") ?? .open, startedAt: s.text(9) ?? "",
            updatedAt: s.text(10) ?? "", completedAt: s.text(11), answerCount: answerCount, rev: s.text(12) ?? "")
    }

    public func interview(_ id: Int) throws -> InterviewRecord? {
        let s = try db.statement(
            "SELECT \(Self.interviewColumns) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id WHERE i.id = ?"
        )
        defer { s.reset() }
        s.bind([.int(id)])
        return try s.step() ? readInterview(s) : nil
    }

    public func interviews(questionnaire: String? = nil, status: InterviewStatus? = nil) throws -> [InterviewRecord] {
        let s = try db.statement(
            """
            SELECT \(Self.interviewColumns), (SELECT count(*) FROM answer a WHERE a.interview_id = i.id AND a.special IS NOT 'skip')
            FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id
            WHERE (?1 IS NULL OR q.questionnaire = ?1) AND (?2 IS NULL OR i.status = ?2) ORDER BY i.id
            """)
        defer { s.reset() }
        s.bind([.optional(questionnaire), .optional(status?.rawValue)])
        var out: [InterviewRecord] = []
        while try s.step() { out.append(readInterview(s, answerCount: s.int(13))) }
        return out
    }

    public func answers(interview: Int) throws -> [String: Answer] {
        let s = try db.statement("SELECT question, value, special FROM answer WHERE interview_id = ?")
        defer { s.reset() }
        s.bind([.int(interview)])
        var out: [String: Answer] = [:]
        while try s.step() {
            if let a = AnswerCodec.answer(value: s.isNull(1) ? nil : s.text(1), special: s.text(2)) { out[s.text(0) ?? ""] = a }
        }
        return out
    }

    public func forEachInterview(
        questionnaire: String, includeOpen: Bool, questions: Set<String>?, _ body: (InterviewData) throws -> Void
    ) throws {
        try forEachInterview(
            questionnaire: questionnaire, includeOpen: includeOpen, questions: questions, withTimes: false, revealed: true, body)
    }

    /// An interview as the commands that show it read it: sealed values opened when the study's key was given
    /// (`openSealed(with:)`), else left sealed; the sealed originals of free text (companions) only with the key.
    public func revealed(_ d: InterviewData) throws -> InterviewData {
        let sealed = try sealing != nil
        guard opener != nil || sealed else { return d }
        if let opener { return try Sealing.open(d, with: opener) }
        return Sealing.withoutCompanions(d)
    }

    /// Streams the interviews of a questionnaire (all versions) in order, with their answers,
    /// holding one interview in memory at a time.
    /// With `questions`, only the answers to those questions are read (a table needs a few of them).
    /// `revealed`: as the commands show them (`revealed(_:)`); else as stored, sealed values and all (merge, checks).
    public func forEachInterview(
        questionnaire: String, includeOpen: Bool, questions: Set<String>? = nil, withTimes: Bool = false, revealed: Bool = false,
        _ body: (InterviewData) throws -> Void
    ) throws {
        let sealed = try sealing != nil
        let reveal = revealed && (opener != nil || sealed)
        let head = try Statement(
            connection: db,
            sql: """
                SELECT \(Self.interviewColumns) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id
                WHERE q.questionnaire = ?1 AND (?2 = 1 OR i.status = 'completed') ORDER BY i.id
                """)
        head.bind([.text(questionnaire), .int(includeOpen ? 1 : 0)])
        let rows = try Statement(
            connection: db,
            sql: """
                SELECT a.interview_id, a.question, a.value, a.special\(withTimes ? ", a.answered_at" : "") FROM answer a
                WHERE a.interview_id IN (SELECT i.id FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id
                                         WHERE q.questionnaire = ?1 AND (?2 = 1 OR i.status = 'completed'))
                  AND (?3 IS NULL OR a.question IN (SELECT value FROM json_each(?3))) ORDER BY a.interview_id
                """)
        // a question's sealed original comes with it
        let only = questions.map { q in
            "[" + (reveal ? q.union(q.map(Sealing.companion)) : q).sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }
        rows.bind([.text(questionnaire), .int(includeOpen ? 1 : 0), .optional(only)])
        // one consistent snapshot for both cursors (inside a caller's transaction, that one)
        let ownTransaction = sqlite3_get_autocommit(db.handle) != 0
        if ownTransaction { try db.execute("BEGIN") }
        defer { if ownTransaction { try? db.execute("COMMIT") } }
        var pending = try rows.step()
        while try head.step() {
            let record = readInterview(head)
            var answers: [String: Answer] = [:]
            var times: [String: String] = [:]
            while pending, rows.int(0) <= record.id {
                if rows.int(0) == record.id, let a = AnswerCodec.answer(value: rows.isNull(2) ? nil : rows.text(2), special: rows.text(3)) {
                    let name = rows.text(1) ?? ""
                    answers[name] = a
                    if withTimes { times[name] = rows.text(4) ?? "" }
                }
                pending = try rows.step()
            }
            handedOut.insert(record.id)
            let d = InterviewData(record: record, answers: answers, answeredAt: times)
            try body(reveal ? try self.revealed(d) : d)
        }
    }

    /// (interview, question, seconds, answered_at) for every timed answer of a questionnaire, in interview order.
    public func forEachTiming(questionnaire: String, _ body: (Int, String, Double, String) throws -> Void) throws {
        let s = try Statement(
            connection: db,
            sql: """
                SELECT a.interview_id, a.question, a.seconds, a.answered_at FROM answer a
                WHERE a.seconds IS NOT NULL AND a.interview_id IN (
                    SELECT i.id FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id WHERE q.questionnaire = ?)
                ORDER BY a.interview_id, a.answered_at
                """)
        s.bind([.text(questionnaire)])
        while try s.step() { try body(s.int(0), s.text(1) ?? "", Double(s.text(2) ?? "") ?? 0, s.text(3) ?? "") }
    }

    /// Interviews counted by questionnaire version, interviewer and status, for `db info`.
    public func interviewCounts() throws -> [InterviewCount] {
        let s = try db.statement(
            """
            SELECT q.questionnaire, q.version, i.interviewer, i.status, count(*), max(i.updated_at)
            FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """)
        defer { s.reset() }
        var out: [InterviewCount] = []
        while try s.step() {
            out.append(
                InterviewCount(
                    questionnaire: s.text(0) ?? "", version: s.text(1) ?? "", interviewer: s.text(2) ?? "",
                    status: InterviewStatus(rawValue: s.text(3) ?? "") ?? .open, count: s.int(4), lastChange: s.text(5) ?? ""))
        }
        return out
    }
}

/// How many interviews one interviewer holds of one questionnaire version in one status.
public struct InterviewCount: Sendable {
    public var questionnaire, version, interviewer: String
    public var status: InterviewStatus
    public var count: Int
    public var lastChange: String
}

extension CanvassStore {
    /// An interview's header as the commands show it: its respondent opened with the study's key when given.
    public func revealed(_ r: InterviewRecord) throws -> InterviewRecord { try revealed(InterviewData(record: r, answers: [:])).record }
}
