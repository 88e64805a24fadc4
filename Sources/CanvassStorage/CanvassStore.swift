import CSQLite
import CanvassCore
import CanvassFiles
import Foundation

/// The one owner of a Canvass database file: opens it safely, migrates it, and offers
/// writes named for what they mean (`saveAnswer`, `completeInterview`).
public final class CanvassStore {
    let db: SQLiteConnection
    public let path: String
    let clock: () -> String
    private var registered = false
    /// Keeps the busy handler's context alive as long as the connection.
    var busyWaiter: BusyWaiter?
    /// Questionnaire versions already parsed, by row: a stored questionnaire is parsed once per command.
    private var parsed: [Int: Questionnaire] = [:]
    /// The interviews this store's readers handed out (`forEachInterview`, `handOutInterviews`): what an export held, for the
    /// export log.
    public internal(set) var handedOut = Set<Int>()
    /// What writes seal with (`sealing`), read once: nil inside when the database has no study key.
    var sealingCache: Sealing??
    /// Opens sealed values for the readers of interviews (`--key`, `openSealed(with:)`); without it they stay sealed.
    public internal(set) var opener: Opener?

    /// The file as it was when opened: a save into a file that was since moved, replaced or truncated is refused.
    var identity: DatabaseFileCheck.Identity?

    /// Opens the database at `path`, creating it (mode 0600) when it does not exist and `create` allows.
    /// A file that is not a Canvass database is refused and left untouched, its `-wal` included: it is inspected
    /// with checkpointing at close turned off, so not one byte of another program's files changes.
    /// `readOnly` opens for commands that only read (they work in a read-only folder, and never wait on writers).
    public init(path: String, create: Bool = true, readOnly: Bool = false, clock: @escaping () -> String = Timestamp.now) throws {
        self.path = path
        self.clock = clock
        var isNew = false
        if FileManager.default.fileExists(atPath: path) {
            isNew = try DatabaseFileCheck.verify(path: path, create: create && !readOnly)
        } else {
            guard create && !readOnly else {
                throw StorageError("no database at \(path); start an interview or import data to create one, or pass --db")
            }
            try DatabaseFileCheck.createEmpty(path: path)
            isNew = true
        }
        func removeIfNew() {
            guard isNew else { return }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        do {
            db = try SQLiteConnection(path: path, flags: readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
        } catch let e as StorageError {
            removeIfNew()
            throw StorageError(DatabaseFileCheck.explain(e, path: path), code: e.code)
        }
        // nothing is checkpointed into the file until it is known to be ours
        canvass_checkpoint_on_close(db.handle, 0)
        sqlite3_busy_timeout(db.handle, 10_000)
        do {
            try verifyOwnership()  // before anything could write to the file
            if readOnly {
                try checkCurrentSchema()
            } else {
                try configure()
                try migrate()
            }
            // a sealed database zeroes what it deletes: free text redacted after the fact leaves no name in a free page
            if !readOnly, try studyKey != nil { try db.execute("PRAGMA secure_delete=ON") }
            canvass_checkpoint_on_close(db.handle, 1)
            identity = DatabaseFileCheck.Identity(path: path)
            OpenFiles.register(path)
            registered = true
        } catch let e as StorageError where e.kind == .olderSchema {
            throw e
        } catch let e as StorageError {
            removeIfNew()
            throw StorageError(DatabaseFileCheck.explain(e, path: path), code: e.code)
        }
    }

    /// Opens for reading only when the file is at this Canvass's schema; a file written by an older Canvass is opened
    /// for writing once, to bring it up to date (a laptop that was not upgraded before the evening's merge).
    public static func forReading(path: String) throws -> CanvassStore {
        do {
            return try CanvassStore(path: path, create: false, readOnly: true)
        } catch let e as StorageError where e.kind == .olderSchema {
            return try CanvassStore(path: path, create: false)
        }
    }

    deinit {
        // at close too: a file that is no longer ours gets no checkpoint from this connection, nor our -wal beside it
        if let identity, identity.change(at: path, header: mainHeader) != nil { try? checkFileStillThere() }
        if registered { OpenFiles.unregister(path) }
    }

    /// A read-only open cannot migrate: the file must already be at this Canvass's schema.
    private func checkCurrentSchema() throws {
        let version = try db.scalarInt("PRAGMA user_version")
        if version == 0 { throw StorageError("\(path) holds no Canvass data yet", kind: .other) }
        if version < Migrations.all.count {
            throw StorageError(
                "\(path) was written by an older Canvass; run canvass db info --db \(path) once to bring it up to date",
                kind: .olderSchema)
        }
    }

    private func configure() throws {
        let mode = try { () throws -> String in
            let s = try db.statement("PRAGMA journal_mode=WAL")
            defer { s.reset() }
            return try s.step() ? (s.text(0) ?? "") : ""
        }()
        if mode.lowercased() != "wal" {
            throw StorageError("cannot switch \(path) to write-ahead logging (journal mode is \(mode)); is the folder writable?")
        }
        // Every committed answer must survive a power cut: fsync on each commit.
        try db.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
    }

    /// Refuses another program's database or a newer Canvass's, reading only.
    private func verifyOwnership() throws {
        let appID = try db.scalarInt("PRAGMA application_id")
        let version = try db.scalarInt("PRAGMA user_version")
        if appID != 0 && appID != Int(Migrations.applicationID) {
            throw StorageError(
                "\(path) belongs to another program (application id \(appID)); Canvass will not change it. Pass another --db.")
        }
        if appID == 0 && version != 0 {
            throw StorageError(
                "\(path) is a SQLite database of another program (no Canvass mark, user_version \(version)); Canvass will not change it. "
                    + "Pass another --db.")
        }
        if version > Migrations.all.count {
            throw StorageError(
                "\(path) was written by a newer Canvass (schema \(version), this one knows \(Migrations.all.count)); upgrade Canvass")
        }
        if appID == 0 {
            let tables = try db.scalarInt("SELECT count(*) FROM sqlite_master")
            if tables > 0 {
                throw StorageError(
                    "\(path) is a SQLite database of another program (it has \(tables) tables and no Canvass mark); Canvass will "
                        + "not change it. Pass another --db."
                )
            }
        }
    }

    private func migrate() throws {
        let version = try db.scalarInt("PRAGMA user_version")
        guard version < Migrations.all.count else { return }
        try db.transaction {
            for (i, sql) in Migrations.all.enumerated() where i >= version {
                try db.execute(sql)
                if i == 0 {
                    try db.statement("INSERT INTO database_info (key, value) VALUES ('database_id', ?), ('created_at', ?)")
                        .run([.text(UUID().uuidString.lowercased()), .text(clock())])
                }
            }
            // interviews stored before revision histories get their first revision
            if version > 0 && version < 4 { try backfillRevisions() }
            try db.execute("PRAGMA application_id=\(Migrations.applicationID); PRAGMA user_version=\(Migrations.all.count);")
        }
    }

    public var databaseID: String {
        get throws {
            let s = try db.statement("SELECT value FROM database_info WHERE key = 'database_id'")
            defer { s.reset() }
            return try s.step() ? (s.text(0) ?? "") : ""
        }
    }

    // MARK: Questionnaires

    /// Keeps this exact questionnaire source; returns its row. The same id and version with
    /// different content is refused: a version, once used, never changes.
    @discardableResult
    public func storeQuestionnaire(_ q: Questionnaire, source: String, format: String) throws -> StoredQuestionnaire {
        let hash = SHA256.hex(source.utf8)
        if let existing = try questionnaire(id: q.id, version: q.version) {
            guard existing.hash == hash else {
                throw StorageError(
                    "questionnaire \(q.id) version \(q.version) is already in \(path) with different content (stored "
                        + "\(existing.hash.prefix(12)), file \(hash.prefix(12))); give the changed file a new version: value"
                )
            }
            return existing
        }
        let now = clock()
        try db.transaction {
            try db.statement(
                "INSERT INTO questionnaire_version (questionnaire, version, hash, format, source, added_at) VALUES (?, ?, ?, ?, ?, ?)"
            )
            .run([.text(q.id), .text(q.version), .text(hash), .text(format), .text(source), .text(now)])
        }
        return StoredQuestionnaire(
            rowID: db.lastInsertRowID, id: q.id, version: q.version, hash: hash, format: format, source: source, addedAt: now)
    }

    static let questionnaireColumns = "id, questionnaire, version, hash, format, source, added_at"

    private func readQuestionnaire(_ s: Statement) -> StoredQuestionnaire {
        StoredQuestionnaire(
            rowID: s.int(0), id: s.text(1) ?? "", version: s.text(2) ?? "", hash: s.text(3) ?? "",
            format: s.text(4) ?? "yaml", source: s.text(5) ?? "", addedAt: s.text(6) ?? "")
    }

    public func questionnaire(id: String, version: String) throws -> StoredQuestionnaire? {
        let s = try db.statement("SELECT \(Self.questionnaireColumns) FROM questionnaire_version WHERE questionnaire = ? AND version = ?")
        defer { s.reset() }
        s.bind([.text(id), .text(version)])
        return try s.step() ? readQuestionnaire(s) : nil
    }

    public func questionnaire(rowID: Int) throws -> StoredQuestionnaire? {
        let s = try db.statement("SELECT \(Self.questionnaireColumns) FROM questionnaire_version WHERE id = ?")
        defer { s.reset() }
        s.bind([.int(rowID)])
        return try s.step() ? readQuestionnaire(s) : nil
    }

    /// Every stored version of a questionnaire, oldest first.
    public func questionnaireVersions(id: String) throws -> [StoredQuestionnaire] {
        let s = try db.statement("SELECT \(Self.questionnaireColumns) FROM questionnaire_version WHERE questionnaire = ? ORDER BY id")
        defer { s.reset() }
        s.bind([.text(id)])
        var out: [StoredQuestionnaire] = []
        while try s.step() { out.append(readQuestionnaire(s)) }
        return out
    }

    public func questionnaireIDs() throws -> [String] {
        let s = try db.statement("SELECT DISTINCT questionnaire FROM questionnaire_version ORDER BY questionnaire")
        defer { s.reset() }
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out
    }

    /// The stored versions of questionnaire `id`, parsed once and kept; nil when it has none.
    public func versions(of id: String) throws -> QuestionnaireVersions? {
        let stored = try questionnaireVersions(id: id)
        guard !stored.isEmpty else { return nil }
        return QuestionnaireVersions(
            id: id,
            versions: try stored.map { QuestionnaireVersions.Version(row: $0.rowID, questionnaire: try parse($0), hash: $0.hash) })
    }

    /// The questionnaire of a stored version, parsed once.
    public func parse(_ stored: StoredQuestionnaire) throws -> Questionnaire {
        if let q = parsed[stored.rowID] { return q }
        let q = try stored.load()
        parsed[stored.rowID] = q
        return q
    }

    /// The questionnaire version an interview was taken with.
    public func questionnaire(of record: InterviewRecord) throws -> Questionnaire {
        guard let stored = try questionnaire(rowID: record.questionnaireVersionRowID) else {
            throw StorageError("the questionnaire of interview \(record.id) is missing from \(path)")
        }
        return try parse(stored)
    }
}

extension CanvassStore {
    /// The stored versions of questionnaire `id`; a failure that names the questionnaires there are when it has none.
    public func requireVersions(of id: String) throws -> QuestionnaireVersions {
        if let v = try versions(of: id) { return v }
        let known = try questionnaireIDs()
        let near =
            Suggestion.nearest(to: id, among: known).map { "; did you mean \($0)?" }
            ?? (known.isEmpty ? "; the database has none yet (canvass schema add FILE)" : "; it has \(known.joined(separator: ", "))")
        throw StorageError("questionnaire '\(id)' is not in \(path)\(near)", kind: .other)
    }

    /// An interview by number, or a failure that says how to find the numbers.
    public func requireInterview(_ id: Int) throws -> InterviewRecord {
        guard let r = try interview(id) else {
            throw StorageError("there is no interview \(id) in \(path); see canvass interview list", kind: .other)
        }
        return r
    }
}
