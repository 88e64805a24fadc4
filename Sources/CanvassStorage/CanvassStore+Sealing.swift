import CanvassCore
import CanvassSealing

/// The study key in the store (see docs/sealing.md): a database given the study's public key seals every identifier
/// answer and the respondent as they are written, whichever way they come (console, import, merge); the private key,
/// given by `--key`, opens them for the commands that show identifiers.
extension CanvassStore {
    /// The study public key this database seals with; nil when none is in use.
    public var studyKey: StudyKey.Public? {
        get throws {
            let s = try db.statement("SELECT value FROM database_info WHERE key = 'study_public_key'")
            defer { s.reset() }
            return try s.step() ? try StudyKey.Public(text: s.text(0) ?? "") : nil
        }
    }

    /// What writes seal with here; nil when no study key is in use. Read once per command.
    var sealing: Sealing? {
        get throws {
            if let cached = sealingCache { return cached }
            let sealing = try studyKey.map { Sealing($0.sealer) }
            sealingCache = .some(sealing)
            return sealing
        }
    }

    /// Starts sealing with `key`. A database keeps one study key, and takes it before its first interview: data already
    /// here in clear would stay so (to seal it, import it into a new database with the key: docs/sealing.md).
    /// Returns false when this key was already in use.
    @discardableResult
    public func useStudyKey(_ key: StudyKey.Public) throws -> Bool {
        if let current = try studyKey {
            guard current.keyID == key.keyID else {
                throw StorageError(
                    "\(path) already seals with study key \(current.keyID); a database keeps one study key (to change it, see "
                        + "docs/sealing.md, key rotation)", kind: .other)
            }
            return false
        }
        let count = try db.scalarInt("SELECT count(*) FROM interview")
        if count > 0 {
            throw StorageError(
                "\(path) already holds \(count) interviews in clear; a study key is set before the first interview. Seal them by "
                    + "importing them into a new database that has the key (docs/sealing.md)", kind: .other)
        }
        try db.transaction {
            try db.statement("INSERT INTO database_info (key, value) VALUES ('study_public_key', ?)").run([.text(key.text)])
        }
        sealingCache = nil
        try db.execute("PRAGMA secure_delete=ON")
        return true
    }

    /// Opens sealed values with the study's private key from now on (`--key`): the key must be this database's.
    public func openSealed(with key: StudyKey.Private) throws {
        let id = key.publicHalf.keyID
        guard let mine = try studyKey else {
            throw StorageError("\(path) has no study key: nothing in it is sealed, and --key is not needed", kind: .other)
        }
        guard mine.keyID == id else {
            throw StorageError(
                "\(path) is sealed with study key \(mine.keyID), and the key given is \(id); give that study's key", kind: .other)
        }
        opener = key.opener
    }

    /// Refuses to show identifiers of a sealed database without its key (`--include-identifiers` needs `--key`).
    public func requireKeyForIdentifiers(_ include: Bool) throws {
        guard include, opener == nil, let key = try studyKey else { return }
        throw StorageError(
            "identifiers in \(path) are sealed with study key \(key.keyID); add --key FILE (the study's private key) to see them",
            kind: .other)
    }

    /// An interview brought in from elsewhere as this database keeps it: sealed when it seals, refused when it holds
    /// values sealed by a study key this database does not have.
    func kept(_ d: InterviewData, questionnaireRow: Int) throws -> InterviewData {
        if let sealing = try sealing {
            guard let stored = try questionnaire(rowID: questionnaireRow) else { return d }
            return try sealing.interview(d, questionnaire: try parse(stored))
        }
        let values = [d.record.respondent] + d.answers.values.compactMap(\.value)
        if let sealed = values.first(where: SealedValue.isSealed) {
            let key = SealedValue(sealed)?.keyID ?? "?"
            throw StorageError(
                "interview \(d.record.key) holds values sealed with study key \(key), and \(path) has no study key; give it the "
                    + "study's public key first (canvass study use-key PUBLIC --db \(path))", kind: .other)
        }
        return d
    }

    /// The conflict content (InterviewCodec JSON) of another version, as this database keeps it.
    func kept(content: String, base: InterviewRecord, questionnaireRow: Int) throws -> String {
        guard try sealing != nil else { return content }
        return InterviewCodec.encode(try kept(try InterviewCodec.decode(content, record: base), questionnaireRow: questionnaireRow))
    }

    /// A merge of `source` into this database: the same study key, or none here yet on an empty database (it takes
    /// the source's). Returns the note to say, if any.
    func adoptStudyKey(of source: CanvassStore, sourcePath: String) throws -> String? {
        guard let theirs = try source.studyKey else { return nil }
        if let mine = try studyKey {
            guard mine.keyID == theirs.keyID else {
                throw StorageError(
                    "\(sourcePath) is sealed with study key \(theirs.keyID), \(path) with \(mine.keyID): they belong to different studies",
                    kind: .other)
            }
            return nil
        }
        guard try db.scalarInt("SELECT count(*) FROM interview") == 0 else {
            throw StorageError(
                "\(sourcePath) is sealed with study key \(theirs.keyID) and \(path) holds interviews in clear; merge into a database "
                    + "that has the key (canvass study use-key)", kind: .other)
        }
        try db.statement("INSERT INTO database_info (key, value) VALUES ('study_public_key', ?)").run([.text(theirs.text)])
        sealingCache = nil
        try db.execute("PRAGMA secure_delete=ON")
        return "\(path) now seals with study key \(theirs.keyID), as \(sourcePath) does"
    }

    /// Free text redacted again after an identifier changed: its audit events are redacted the same way, so no name
    /// stays in the trail.
    func redactAuditTrail(interview id: Int, questions: [String], with redaction: Redaction) throws {
        let read = try db.statement("SELECT id, old_value, new_value FROM audit_event WHERE interview_id = ? AND question = ?")
        let update = try db.statement("UPDATE audit_event SET old_value = ?, new_value = ? WHERE id = ?")
        for question in questions {
            read.bind([.int(id), .text(question)])
            var rows: [(Int, String?, String?)] = []
            while try read.step() { rows.append((read.int(0), read.isNull(1) ? nil : read.text(1), read.isNull(2) ? nil : read.text(2))) }
            read.reset()
            for (event, old, new) in rows {
                let (o, n) = (old.map(redaction.apply), new.map(redaction.apply))
                if o != old || n != new { try update.run([.optional(o), .optional(n), .int(event)]) }
            }
        }
    }
}
