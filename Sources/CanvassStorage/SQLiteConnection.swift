import CSQLite

let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection through the C API, with a cache of prepared statements.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String
    private var cache: [String: Statement] = [:]

    init(path: String, flags: Int32) throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw StorageError("cannot open \(path): \(message)", code: rc)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// SQLite's error as a sentence that says what to do (busy, read-only, full, damaged), its code kept.
    func error(_ rc: Int32, _ context: String) -> StorageError {
        let raw = StorageError("\(context): \(String(cString: sqlite3_errmsg(handle)))", code: rc)
        return StorageError(DatabaseFileCheck.explain(raw, path: path), code: rc)
    }

    func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(err)
            throw StorageError(DatabaseFileCheck.explain(StorageError(message, code: rc), path: path), code: rc)
        }
    }

    /// A prepared statement, kept for reuse: the hot paths run the same few statements many times.
    func statement(_ sql: String) throws -> Statement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        let s = try Statement(connection: self, sql: sql)
        cache[sql] = s
        return s
    }

    func scalarInt(_ sql: String) throws -> Int {
        let s = try statement(sql)
        defer { s.reset() }
        return try s.step() ? s.int(0) : 0
    }

    /// Runs `body` in one transaction: all of it is committed, or none of it. Inside a caller's transaction it is
    /// a savepoint of that one (storing a questionnaire during a merge), kept or undone with it.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        let nested = sqlite3_get_autocommit(handle) == 0
        try statement(nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE").run()
        do {
            let result = try body()
            try statement(nested ? "RELEASE nested" : "COMMIT").run()
            return result
        } catch {
            try? execute(nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK")
            throw error
        }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }
}

/// A prepared statement with positional binding (1-based) and column reading (0-based).
final class Statement {
    let pointer: OpaquePointer
    unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws {
        var p: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &p, nil)
        guard rc == SQLITE_OK, let p else { throw connection.error(rc, "cannot prepare statement") }
        pointer = p
        self.connection = connection
    }

    deinit { sqlite3_finalize(pointer) }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    @discardableResult
    func bind(_ values: [SQLValue]) -> Statement {
        for (i, v) in values.enumerated() {
            let n = Int32(i + 1)
            switch v {
            case .null: sqlite3_bind_null(pointer, n)
            case .int(let x): sqlite3_bind_int64(pointer, n, Int64(x))
            case .text(let s):
                // the string's own UTF-8 bytes with their length: no temporary C string, no strlen
                var s = s
                s.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else {
                        sqlite3_bind_text(pointer, n, "", 0, SQLITE_TRANSIENT)
                        return
                    }
                    sqlite3_bind_text(
                        pointer, n, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_TRANSIENT)
                }
            }
        }
        return self
    }

    /// Advances to the next row; false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(pointer)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let e = connection.error(rc, "database error")
            sqlite3_reset(pointer)
            throw e
        }
    }

    /// Binds text (or NULL) at a 1-based index from the string's own UTF-8 bytes.
    func bindText(_ n: Int32, _ s: String?) {
        guard var s else {
            sqlite3_bind_null(pointer, n)
            return
        }
        s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                sqlite3_bind_text(pointer, n, "", 0, SQLITE_TRANSIENT)
                return
            }
            sqlite3_bind_text(pointer, n, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_TRANSIENT)
        }
    }

    /// `INSERT INTO answer (interview_id, question, value, special, answered_at)`: bound one by one, no array per row.
    func runAnswer(interview: Int, question: String, value: String?, special: String?, at: String) throws {
        sqlite3_reset(pointer)
        sqlite3_bind_int64(pointer, 1, Int64(interview))
        bindText(2, question)
        bindText(3, value)
        bindText(4, special)
        bindText(5, at)
        _ = try step()
        sqlite3_reset(pointer)
    }

    func run(_ values: [SQLValue] = []) throws {
        reset()
        bind(values)
        _ = try step()
        sqlite3_reset(pointer)
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(pointer, column)) }
    func text(_ column: Int32) -> String? {
        guard let c = sqlite3_column_text(pointer, column) else { return nil }
        let n = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: c, count: n), as: UTF8.self)
    }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_NULL }
}

enum SQLValue {
    case null
    case int(Int)
    case text(String)
    static func optional(_ s: String?) -> SQLValue { s.map(SQLValue.text) ?? .null }
}
