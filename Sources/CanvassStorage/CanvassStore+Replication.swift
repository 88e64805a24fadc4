import CSQLite
import CanvassCore
import CanvassFiles
import Foundation

/// Reading and writing whole interviews, merge bookkeeping, the audit trail, backups and checks.
extension CanvassStore {
    /// Runs `body` in one transaction; keeps its changes only when it returns true.
    public func inTransaction(_ body: () throws -> Bool) throws -> Bool {
        try db.execute("BEGIN IMMEDIATE")
        do {
            let keep = try body()
            try db.execute(keep ? "COMMIT" : "ROLLBACK")
            return keep
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Every interview of every questionnaire, with answer times, in id order.
    public func forEveryInterview(_ body: (InterviewData) throws -> Void) throws {
        for id in try questionnaireIDs() {
            try forEachInterview(questionnaire: id, includeOpen: true, withTimes: true, body)
        }
    }

    public func interview(key: String) throws -> InterviewData? {
        let s = try db.statement("SELECT id FROM interview WHERE key = ?")
        s.bind([.text(key)])
        let id = try s.step() ? s.int(0) : nil
        s.reset()
        guard let id, let record = try interview(id) else { return nil }
        return InterviewData(record: record, answers: try answers(interview: id), answeredAt: try answerTimes(interview: id))
    }

    public func answerTimes(interview: Int) throws -> [String: String] {
        let s = try db.statement("SELECT question, answered_at FROM answer WHERE interview_id = ?")
        defer { s.reset() }
        s.bind([.int(interview)])
        var out: [String: String] = [:]
        while try s.step() { out[s.text(0) ?? ""] = s.text(1) ?? "" }
        return out
    }

    /// Adds an interview brought from elsewhere, keeping its key, times and answers.
    @discardableResult
    public func insertInterview(_ d: InterviewData, questionnaireVersionRowID: Int) throws -> Int {
        let r = d.record
        var header = r
        header.questionnaireVersionRowID = questionnaireVersionRowID
        try db.statement(Self.insertInterviewSQL).run(Self.interviewValues(header))
        let id = db.lastInsertRowID
        try writeAnswers(d, interview: id)
        return id
    }

    /// Replaces an interview's header and answers with `d` (same key).
    public func replaceInterview(_ id: Int, with d: InterviewData) throws {
        let r = d.record
        try db.statement(
            "UPDATE interview SET respondent = ?, interviewer = ?, language = ?, status = ?, started_at = ?, updated_at = ?, completed_at = ? WHERE id = ?"
        )
        .run([
            .text(r.respondent), .text(r.interviewer), .optional(r.language), .text(r.status.rawValue), .text(r.startedAt),
            .text(r.updatedAt), .optional(r.completedAt), .int(id),
        ])
        try db.statement("DELETE FROM answer WHERE interview_id = ?").run([.int(id)])
        try writeAnswers(d, interview: id)
    }

    private func writeAnswers(_ d: InterviewData, interview id: Int) throws {
        let insert = try db.statement("INSERT INTO answer (interview_id, question, value, special, answered_at) VALUES (?, ?, ?, ?, ?)")
        for (question, answer) in d.answers {
            let (value, special) = AnswerCodec.columns(answer)
            try insert.run([
                .int(id), .text(question), .optional(value), .optional(special), .text(d.answeredAt[question] ?? d.record.updatedAt),
            ])
        }
    }

    /// The secret of this database's pseudonyms (made on first use): shared files can be linked to each other, not to rows here.
    public func pseudonymKey() throws -> [UInt8] {
        let s = try db.statement("SELECT value FROM database_info WHERE key = 'pseudonym_key'")
        let existing = try s.step() ? s.text(0) : nil
        s.reset()
        if let existing { return Array(existing.utf8) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let key = bytes.map { String(format: "%02x", $0) }.joined()
        try db.statement("INSERT OR IGNORE INTO database_info (key, value) VALUES ('pseudonym_key', ?)").run([.text(key)])
        return try pseudonymKey()
    }

    // MARK: Backup, checks, facts

    /// `canvass-backup-DATE-TIME-DBID.db` next to the database.
    public func defaultBackupPath() throws -> String {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        var buffer = [Int8](repeating: 0, count: 32)
        strftime(&buffer, 32, "%Y%m%d-%H%M%S", &tm)
        let stamp = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let dir = PathName.folder(path)
        return (dir.isEmpty ? "" : dir + "/") + "canvass-backup-\(stamp)-\(try databaseID.prefix(8)).db"
    }

    /// A consistent copy made with SQLite's online backup API (safe while an interview is running), mode 0600.
    /// It is written under a temporary name and renamed only once complete and checked: a killed backup never leaves a
    /// file under the backup's name.
    public func backup(to target: String) throws {
        if FileManager.default.fileExists(atPath: target) { throw StorageError("\(target) already exists; choose another --out") }
        let dir = PathName.folder(target)
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\(PathName.name(target)).tmp-\(getpid())"
        TemporaryFiles.removeStale(near: target)
        func discard() { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temp + suffix) } }
        try DatabaseFileCheck.createEmpty(path: temp)
        var dest: OpaquePointer?
        guard sqlite3_open_v2(temp, &dest, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let dest else {
            discard()
            throw StorageError("cannot create the backup \(target)")
        }
        var closed = false
        defer { if !closed { sqlite3_close_v2(dest) } }
        guard let backup = sqlite3_backup_init(dest, "main", db.handle, "main") else {
            let message = String(cString: sqlite3_errmsg(dest))
            discard()
            throw StorageError("cannot back up to \(target): \(message)")
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, 256)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { usleep(20_000) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        var check: OpaquePointer?
        let ok =
            rc == SQLITE_DONE && sqlite3_prepare_v2(dest, "PRAGMA quick_check", -1, &check, nil) == SQLITE_OK
            && sqlite3_step(check) == SQLITE_ROW && String(cString: sqlite3_column_text(check, 0)) == "ok"
        sqlite3_finalize(check)
        sqlite3_close_v2(dest)
        closed = true
        guard ok, fsyncPath(temp), rename(temp, target) == 0 else {
            discard()
            throw StorageError(
                "the backup to \(target) failed: \(String(cString: sqlite3_errstr(rc))); nothing was written under that name")
        }
    }

    private func fsyncPath(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }

    /// `PRAGMA integrity_check`: "ok", or the problems SQLite finds.
    public func integrityProblems() throws -> [String] {
        let s = try Statement(connection: db, sql: "PRAGMA integrity_check")
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out == ["ok"] ? [] : out
    }

    public var createdAt: String {
        get throws {
            let s = try db.statement("SELECT value FROM database_info WHERE key = 'created_at'")
            defer { s.reset() }
            return try s.step() ? (s.text(0) ?? "") : ""
        }
    }
}
