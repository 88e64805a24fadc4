import CSQLite
import CanvassCore
import Foundation

/// Writes named for what they mean: start, save, complete, reopen an interview. Each is one transaction.
extension CanvassStore {
    /// Starts an interview and returns its number.
    public func startInterview(questionnaire: StoredQuestionnaire, respondent: String, interviewer: String, language: String?) throws -> Int
    {
        let now = clock()
        return try db.transaction {
            try db.statement(
                """
                INSERT INTO interview (key, questionnaire_version_id, respondent, interviewer, language, status, started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).run([
                .text(UUID().uuidString.lowercased()), .int(questionnaire.rowID), .text(try sealing?.sealer.seal(respondent) ?? respondent),
                .text(interviewer),
                .optional(language), .text(InterviewStatus.open.rawValue), .text(now), .text(now),
            ])
            let id = db.lastInsertRowID
            try advanceRevision(id)
            return id
        }
    }

    /// Makes one answer durable, in its own transaction, before the next question is shown.
    public func saveAnswer(interview: Int, question: String, answer: Answer, by actor: String? = nil, seconds: Double? = nil) throws {
        try saveAnswers(interview: interview, [(key: question, answer: answer)], by: actor, seconds: seconds)
    }

    /// Makes answers durable together, in one transaction: an answer and the calculations it changes.
    /// `seconds` (the time the first took to answer) is kept with the first.
    public func saveAnswers(
        interview: Int, _ answers: [(key: String, answer: Answer)], by actor: String? = nil, seconds: Double? = nil, reason: String? = nil
    ) throws {
        try write(interview: interview, answers.map { ($0.key, Optional($0.answer)) }, reason: reason, by: actor, seconds: seconds)
    }

    /// Several answers changed at once (a repeat instance deleted: its answers removed, the later instances
    /// renumbered), in one transaction, each change an audit event carrying the reason.
    public func replaceAnswers(interview: Int, changes: [(question: String, answer: Answer?)], reason: String, by actor: String? = nil)
        throws
    {
        try write(interview: interview, changes.map { ($0.question, $0.answer) }, reason: reason, by: actor, seconds: nil)
    }

    /// The one write of answers: each change (nil removes the answer) with its audit event, in one transaction.
    private func write(interview: Int, _ changes: [(String, Answer?)], reason: String?, by actor: String?, seconds: Double?) throws {
        try checkFileStillThere()
        let now = clock()
        try db.transaction {
            var changes = changes
            // identifiers sealed, free text redacted with the sealed original beside it (in this transaction); a write of
            // numbers and choices only is left as it is, the interview's answers unread
            if let sealing = try sealing, let record = try self.interview(interview),
                case let q = try questionnaire(of: record), changes.contains(where: { Sealing.concerns($0.0, q) })
            {
                let w = try sealing.write(
                    changes.map { ($0.0, $0.1) }, existing: try answers(interview: interview), respondent: record.respondent,
                    questionnaire: q)
                changes = w.changes.map { ($0.key, $0.answer) }
                if let r = w.redaction, !w.redactedAgain.isEmpty {
                    try redactAuditTrail(interview: interview, questions: w.redactedAgain, with: r)
                }
            }
            for (n, (question, answer)) in changes.enumerated() {
                let old = try storedAnswer(interview: interview, question: question)
                // a companion (the sealed text as typed) is part of its answer's change, not one of its own
                if old != answer, !Sealing.isCompanion(question) {
                    try recordEvent(
                        interview: interview, kind: .answer, question: question, old: old.map(AnswerCodec.display),
                        new: answer.map(AnswerCodec.display), actor: actor, reason: reason, at: now)
                }
                guard let answer else {
                    try db.statement("DELETE FROM answer WHERE interview_id = ? AND question = ?").run([.int(interview), .text(question)])
                    continue
                }
                let (value, special) = AnswerCodec.columns(answer)
                let time: SQLValue = n == 0 ? seconds.map { .text(String(($0 * 1000).rounded() / 1000)) } ?? .null : .null
                try db.statement(
                    "INSERT OR REPLACE INTO answer (interview_id, question, value, special, answered_at, seconds) VALUES (?, ?, ?, ?, ?, ?)"
                ).run([.int(interview), .text(question), .optional(value), .optional(special), .text(now), time])
            }
            try db.statement("UPDATE interview SET updated_at = ? WHERE id = ?").run([.text(now), .int(interview)])
            guard db.changes == 1 else { throw StorageError("interview \(interview) is no longer in \(path)") }
            try advanceRevision(interview)
        }
    }

    private func storedAnswer(interview: Int, question: String) throws -> Answer? {
        let s = try db.statement("SELECT value, special FROM answer WHERE interview_id = ? AND question = ?")
        defer { s.reset() }
        s.bind([.int(interview), .text(question)])
        return try s.step() ? AnswerCodec.answer(value: s.isNull(0) ? nil : s.text(0), special: s.text(1)) : nil
    }

    public func completeInterview(_ id: Int, by actor: String? = nil) throws {
        try changeStatus(id, from: .open, to: .completed, reason: nil, by: actor)
    }

    /// Reopens a completed interview for changes; the reason is required and kept in the audit trail.
    public func reopenInterview(_ id: Int, reason: String, by actor: String?) throws {
        try changeStatus(id, from: .completed, to: .open, reason: reason, by: actor)
    }

    private func changeStatus(_ id: Int, from: InterviewStatus, to: InterviewStatus, reason: String?, by actor: String?) throws {
        try checkFileStillThere()
        let now = clock()
        try db.transaction {
            try db.statement(
                "UPDATE interview SET status = ?, completed_at = ?, updated_at = ? WHERE id = ? AND status = ?"
            ).run([.text(to.rawValue), to == .completed ? .text(now) : .null, .text(now), .int(id), .text(from.rawValue)])
            guard db.changes == 1 else {
                let exists = try interview(id) != nil
                throw StorageError(exists ? "interview \(id) is not \(from.rawValue)" : "interview \(id) is no longer in \(path)")
            }
            try recordEvent(interview: id, kind: .status, old: from.rawValue, new: to.rawValue, actor: actor, reason: reason, at: now)
            try advanceRevision(id)
        }
    }

    /// An answer written into a file that was deleted, moved, replaced or truncated would be lost: refuse instead, and
    /// keep what this connection holds in a rescue copy, so nothing accepted is lost.
    public func checkFileStillThere() throws {
        var moved: Int32 = 0
        let hasMoved = sqlite3_file_control(db.handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved != 0
        guard let why = hasMoved ? "was deleted, moved or replaced" : identity?.change(at: path, header: mainHeader) else { return }
        // never checkpoint into, nor leave a -wal beside, a file that is not ours
        canvass_checkpoint_on_close(db.handle, 0)
        let rescue = rescueCopy()
        throw StorageError(
            "the database file \(path) \(why) while in use; nothing more is saved to it."
                + (rescue.map { " Every answer accepted so far is in \($0) (use it with --db \($0))." } ?? ""), kind: .replaced)
    }

    /// The first 100 bytes of the open main file, read through SQLite's handle.
    func mainHeader() -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 100)
        return canvass_read_main(db.handle, &bytes, 100, 0) == SQLITE_OK ? bytes : nil
    }

    /// A copy of what this connection still sees (its open file and its -wal), next to the path; nil when none could be made.
    private func rescueCopy() -> String? {
        let target = path + ".rescued-\(getpid()).db"
        guard (try? backup(to: target)) != nil else { return nil }
        // our -wal and -shm beside the new file would be applied to it by the next program to open it
        if identity?.change(at: path, header: mainHeader) != nil {
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        }
        return target
    }
}
