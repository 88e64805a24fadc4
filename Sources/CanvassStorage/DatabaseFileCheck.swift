import CSQLite
import Foundation

/// Checks made on the bytes of a file before SQLite opens it, so that a file that is not a
/// Canvass database is refused before anything could write to it.
enum DatabaseFileCheck {
    static let header = Array("SQLite format 3\0".utf8)

    static func verify(path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw StorageError("\(path) is a folder, not a database file; pass a file path with --db")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StorageError("cannot read \(path): permission denied")
        }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if bytes.isEmpty { return }  // an empty file is an empty database
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
        let pageCount = Int(be32(bytes, 28))
        let changeCounter = be32(bytes, 24), validFor = be32(bytes, 92)
        if pageSize < 512 || pageSize & (pageSize - 1) != 0 {
            throw StorageError(
                "\(path) is damaged (impossible page size \(pageSize)); Canvass will not change it. Restore it from a backup.")
        }
        if changeCounter == validFor, pageCount > 0, size < pageCount * pageSize {
            throw StorageError(
                "\(path) is damaged: it should hold \(pageCount * pageSize) bytes but holds \(size) (truncated?); Canvass will "
                    + "not change it. Restore it from a backup."
            )
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
            let dir = (path as NSString).deletingLastPathComponent
            throw StorageError(
                "cannot create database \(path): \(reason)\(dir.isEmpty ? "" : " (does the folder \(dir) exist and is it writable?)")")
        }
        close(fd)
    }

    /// Turns SQLite's terse errors on a bad file into advice.
    static func explain(_ e: StorageError, path: String) -> String {
        switch e.code & 0xff {
        case SQLITE_CORRUPT: return "\(path) is damaged (\(e.message)); Canvass will not change it. Restore it from a backup."
        case SQLITE_NOTADB: return "\(path) is not a SQLite database; Canvass will not change it. Pass another --db."
        case SQLITE_READONLY: return "\(path) is read-only (\(e.message)); make the file and its folder writable, or copy it elsewhere"
        case SQLITE_CANTOPEN: return "cannot open \(path) (\(e.message)); check that the folder exists and is writable"
        case SQLITE_BUSY: return "\(path) is busy in another process for too long; try again"
        case SQLITE_FULL: return "the disk holding \(path) is full; free space and try again (saved answers are safe)"
        default: return e.message
        }
    }
}
