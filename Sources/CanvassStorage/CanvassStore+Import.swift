import CSQLite
import CanvassCore

/// One answer as the `answer` table stores it.
public struct AnswerRow: Sendable {
    public var question: String
    public var value: String?
    public var special: String?

    /// Answers as table rows, in key order (the order of the table's key, so inserts append).
    public static func rows(_ answers: [String: Answer]) -> [AnswerRow] {
        answers.map { question, answer in
            let (value, special) = AnswerCodec.columns(answer)
            return AnswerRow(question: question, value: value, special: special)
        }.sorted { UTF8Order.precedes($0.question, $1.question) }
    }
}

/// Bulk insertion of interviews, all or nothing.
extension CanvassStore {
    /// Inserts one interview with its answers as rows; returns its number.
    public typealias Insert = (_ record: InterviewRecord, _ rows: [AnswerRow], _ history: RevisionHistory) throws -> Int

    /// Adds interviews in one transaction: `body` inserts them through the closure it is given
    /// and returns whether to keep them; on false or on any error, nothing is kept.
    /// An interview whose key is already here fails its insert with a `.duplicateKey` error.
    public func importInterviews(_ body: (_ insert: Insert) throws -> Bool) throws -> Bool {
        // Each answer's interview is the row inserted just before it, in the same transaction: the foreign key
        // holds by construction, so its lookup per answer is skipped here (it cannot be switched inside a transaction).
        try db.execute("PRAGMA foreign_keys=OFF")
        defer { try? db.execute("PRAGMA foreign_keys=ON") }
        try db.execute("BEGIN IMMEDIATE")
        do {
            let insertInterview = try db.statement(Self.insertInterviewSQL)
            // several rows per statement: one step for up to 32 answers instead of one each
            var inserts: [Int: Statement] = [:]
            func insertRows(_ n: Int) throws -> Statement {
                if let s = inserts[n] { return s }
                let values = Array(repeating: "(?, ?, ?, ?, ?)", count: n).joined(separator: ", ")
                let s = try Statement(
                    connection: db, sql: "INSERT INTO answer (interview_id, question, value, special, answered_at) VALUES " + values)
                inserts[n] = s
                return s
            }
            let addRevision = try db.statement("INSERT OR IGNORE INTO revision (interview_id, rev, parents) VALUES (?, ?, ?)")
            let sealing = try self.sealing
            let keep = try body { r, rows, history in
                var (r, rows) = (r, rows)
                if sealing != nil || SealedValue.isSealed(r.respondent)
                    || rows.contains(where: { $0.value.map(SealedValue.isSealed) ?? false })
                {
                    var answers: [String: Answer] = [:]
                    for row in rows { answers[row.question] = AnswerCodec.answer(value: row.value, special: row.special) }
                    let d = try kept(InterviewData(record: r, answers: answers), questionnaireRow: r.questionnaireVersionRowID)
                    (r, rows) = (d.record, AnswerRow.rows(d.answers))
                }
                do {
                    try insertInterview.run(Self.interviewValues(r))
                } catch let e as StorageError where e.kind == .duplicateKey {
                    throw StorageError("an interview with key \(r.key) is already in \(path)", kind: .duplicateKey)
                }
                let id = db.lastInsertRowID
                var start = 0
                while start < rows.count {
                    let n = min(32, rows.count - start)
                    let insert = try insertRows(n)
                    sqlite3_reset(insert.pointer)
                    for (j, row) in rows[start..<(start + n)].enumerated() {
                        let base = Int32(j * 5)
                        sqlite3_bind_int64(insert.pointer, base + 1, Int64(id))
                        insert.bindText(base + 2, row.question)
                        insert.bindText(base + 3, row.value)
                        insert.bindText(base + 4, row.special)
                        insert.bindText(base + 5, r.updatedAt)
                    }
                    _ = try insert.step()
                    sqlite3_reset(insert.pointer)
                    start += n
                }
                for (rev, parents) in history.parents {
                    try addRevision.run([.int(id), .text(rev), .text(parents.joined(separator: " "))])
                }
                return id
            }
            try db.execute(keep ? "COMMIT" : "ROLLBACK")
            return keep
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    static let insertInterviewSQL = """
        INSERT INTO interview (key, questionnaire_version_id, respondent, interviewer, language, status, started_at, updated_at, completed_at, rev)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func interviewValues(_ r: InterviewRecord) -> [SQLValue] {
        [
            .text(r.key), .int(r.questionnaireVersionRowID), .text(r.respondent), .text(r.interviewer), .optional(r.language),
            .text(r.status.rawValue), .text(r.startedAt), .text(r.updatedAt), .optional(r.completedAt), .text(r.rev),
        ]
    }

    public func keyExists(_ key: String) throws -> Bool {
        let s = try db.statement("SELECT 1 FROM interview WHERE key = ?")
        defer { s.reset() }
        s.bind([.text(key)])
        return try s.step()
    }
}
