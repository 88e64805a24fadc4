import CSQLite
import CanvassCore
import CanvassFiles
import Foundation

/// Checks made on the bytes of a file before SQLite opens it, so that a file that is not a
/// Canvass database is refused before anything could write to it.
enum DatabaseFileCheck {
    static let header = Array("SQLite format 3\0".utf8)

    /// Refuses what is not a SQLite file of Canvass's before SQLite opens it. SQLite itself decides what is damaged: in
    /// WAL mode the main file may legitimately be shorter than its header says while the `-wal` holds the rest.
    /// Returns true for an empty file that may become a new database (`create`); refuses it otherwise.
    static func verify(path: String, create: Bool) throws -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw StorageError("\(path) is a folder, not a database file; pass a file path with --db")
        }
        // already open in this process: checked then, and it must not be opened and closed again (see OpenFiles)
        if OpenFiles.isOpen(path) { return false }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StorageError("cannot read \(path): permission denied")
        }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        if bytes.isEmpty {
            // everything may still be in the -wal (a new database killed before its first checkpoint): SQLite reads it
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            if wal > 0 { return false }
            // an empty file is a database nobody has written yet: fine to start one in, never "ok" to read
            if create { return true }
            throw StorageError("\(path) is empty (0 bytes): it holds no Canvass data", kind: .other)
        }
        guard bytes.count == 100, Array(bytes[0..<16]) == header else {
            throw StorageError(
                "\(path) is not a SQLite database (its first bytes are not the SQLite header); Canvass will not change it. Pass another --db."
            )
        }
        let appID = be32(bytes, 68)
        if appID != 0 && appID != UInt32(bitPattern: Migrations.applicationID) {
            throw StorageError(
                "\(path) belongs to another program (application id \(appID)); Canvass will not change it. Pass another --db.")
        }
        var pageSize = Int(be16(bytes, 16))
        if pageSize == 1 { pageSize = 65536 }
        if pageSize < 512 || pageSize & (pageSize - 1) != 0 {
            throw StorageError(
                "\(path) is not a usable SQLite database (impossible page size \(pageSize)); Canvass will not change it. \(keep(path))")
        }
        // Shorter than its header says: normal while a -wal holds the pages a checkpoint was copying (a kill or a full
        // disk during the checkpoint; SQLite completes it from the -wal). Without a -wal, the file was cut short.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let pageCount = Int(be32(bytes, 28)), changeCounter = be32(bytes, 24), validFor = be32(bytes, 92)
        if wal == 0, changeCounter == validFor, pageCount > 0, size < pageCount * pageSize {
            throw StorageError(
                "\(path) is shorter than its header says (\(size) of \(pageCount * pageSize) bytes) and has no -wal to complete it: "
                    + "it was cut short. Canvass will not change it. \(keep(path))")
        }
        return false
    }

    /// The advice for a file Canvass cannot use: never one that separates a database from its `-wal`.
    static func keep(_ path: String) -> String {
        "Keep \(path) and any \(path)-wal beside it together (the -wal may hold answers not yet in the main file); copy both "
            + "somewhere safe before trying anything else."
    }

    /// What identifies the database file on disk: a save is refused when the path no longer leads to it.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
        /// The main file's size when opened: it never shrinks while Canvass uses it (nothing here vacuums), so a
        /// smaller file was truncated by someone else. (In WAL mode it may be 0 while the -wal holds everything.)
        var size: Int64

        init?(path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = Int64(st.st_size)
        }

        /// Why the file at `path` is no longer the one opened, or nil when it still is. `header` reads the first
        /// 100 bytes of the open file through SQLite's own handle: this process must never open and close the file
        /// itself, which would release the locks SQLite holds on it.
        func change(at path: String, header: () -> [UInt8]?) -> String? {
            var st = stat()
            guard stat(path, &st) == 0 else { return "was deleted or moved away" }
            if UInt64(st.st_dev) != device || UInt64(st.st_ino) != inode { return "was replaced by another file" }
            if Int64(st.st_size) < size { return "was truncated (it held \(size) bytes and now holds \(st.st_size))" }
            guard st.st_size >= 100, let bytes = header(), bytes.count == 100 else { return nil }
            if Array(bytes[0..<16]) != DatabaseFileCheck.header { return "was overwritten with something that is not a database" }
            // 0: a new database whose first page is still only in the -wal
            let appID = be32(bytes, 68)
            if appID != 0 && appID != UInt32(bitPattern: Migrations.applicationID) {
                return "was overwritten with another program's database"
            }
            return nil
        }
    }

    static func be16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) << 8 | UInt16(b[o + 1]) }
    static func be32(_ b: [UInt8], _ o: Int) -> UInt32 {
        UInt32(b[o]) << 24 | UInt32(b[o + 1]) << 16 | UInt32(b[o + 2]) << 8 | UInt32(b[o + 3])
    }

    /// Creates an empty file readable and writable by its owner only: identifiers live here.
    static func createEmpty(path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            let dir = PathName.folder(path)
            throw StorageError(
                "cannot create database \(path): \(reason)\(dir.isEmpty ? "" : " (does the folder \(dir) exist and is it writable?)")")
        }
        close(fd)
    }

    /// Turns SQLite's terse errors on a bad file into advice that loses nothing.
    static func explain(_ e: StorageError, path: String) -> String {
        switch e.code & 0xff {
        case SQLITE_CORRUPT: return "\(path) is damaged (SQLite: \(e.message)); Canvass will not change it. \(keep(path))"
        case SQLITE_NOTADB: return "\(path) is not a SQLite database; Canvass will not change it. Pass another --db."
        case SQLITE_READONLY:
            return "cannot write to \(path): the file or its folder is read-only; make both writable (commands that only read still work)"
        case SQLITE_CANTOPEN: return "cannot open \(path); check that the folder exists and that you may read and write it"
        case SQLITE_BUSY, SQLITE_LOCKED: return "\(path) is busy: another Canvass process is writing to it; try again when it has finished"
        case SQLITE_FULL: return "the disk holding \(path) is full; free space and try again (saved answers are safe)"
        case SQLITE_IOERR: return "cannot read or write \(path) (SQLite: \(e.message)); is the disk full or removed?"
        default: return e.message
        }
    }
}
