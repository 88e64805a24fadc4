import CSystem
import CanvassCore
import Foundation

/// A file that cannot be written, with the sentence that says why.
public struct OutputError: UserFacingError {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Writes an output file atomically: to a temporary name, then renamed, so no half file is left under the final name.
/// `nil` or `-` is standard output.
public final class OutputFile {
    let finalPath: String?
    let tempPath: String?
    let handle: FileHandle
    private var pending: [UInt8] = []

    /// `privateMode`: readable by the owner only (files that may hold identifiers).
    public init(_ path: String?, privateMode: Bool) throws {
        guard let path, path != "-" else {
            finalPath = nil
            tempPath = nil
            handle = .standardOutput
            return
        }
        let dir = PathName.folder(path)
        var isDir: ObjCBool = false
        if !dir.isEmpty, !(FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) {
            throw OutputError("cannot write \(path): the folder \(dir) does not exist")
        }
        try Self.refuseDatabase(path)
        TemporaryFiles.removeStale(near: path)
        let temp = TemporaryFiles.name(for: path)
        let fd = open(temp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, privateMode ? 0o600 : 0o644)
        guard fd >= 0 else { throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        finalPath = path
        tempPath = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Writes `path` with `body`: kept under its final name when `body` succeeds, removed when it fails.
    public static func write(_ path: String?, privateMode: Bool, _ body: (OutputFile) throws -> Void) throws {
        try OutputFile(path, privateMode: privateMode).produce(body)
    }

    static let toTerminal = isatty(1) == 1

    /// An output must never replace a database: not a SQLite file, nor the -wal, -shm or -journal beside one.
    public static func refuseDatabase(_ path: String) throws {
        func isSQLite(_ p: String) -> Bool {
            // a database open in this process is one, and must not be opened and closed here (see OpenFiles)
            if OpenFiles.isOpen(p) { return true }
            guard let h = FileHandle(forReadingAtPath: p) else { return false }
            defer { try? h.close() }
            return (try? h.read(upToCount: 16)).map { Array($0) == Array("SQLite format 3\0".utf8) } ?? false
        }
        if isSQLite(path) {
            throw OutputError("\(path) is a database; Canvass never writes an output over one. Choose another name with --out")
        }
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) {
            let base = String(path.dropLast(suffix.count))
            if isSQLite(base) { throw OutputError("\(path) belongs to the database \(base); choose another name with --out") }
        }
    }

    /// The name the file is written under until it is complete, for a library that opens the file itself (the workbook
    /// writer); nil for standard output.
    public var temporaryPath: String? { tempPath }

    public func write(_ bytes: [UInt8]) throws {
        // a person reading at a terminal sees control characters escaped; a file or a pipe gets the bytes as they are
        let shown =
            finalPath == nil && Self.toTerminal
            ? Array(TerminalText.escaped(String(decoding: bytes, as: UTF8.self), keepColour: false).utf8) : bytes
        do {
            try handle.write(contentsOf: Data(shown))
        } catch {
            throw OutputError("cannot write \(finalPath ?? "standard output"): \(error.localizedDescription)")
        }
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Appends a line to a buffer written out every 64 kB.
    public func writeLine(_ line: String) throws {
        pending.append(contentsOf: line.utf8)
        pending.append(10)
        if pending.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        try write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        guard let finalPath, let tempPath else { return }
        try? handle.synchronize()
        try? handle.close()
        guard rename(tempPath, finalPath) == 0 else {
            unlink(tempPath)
            throw OutputError("cannot write \(finalPath): \(String(cString: strerror(errno)))")
        }
    }

    func produce(_ body: (OutputFile) throws -> Void) throws {
        do {
            try body(self)
            try commit()
        } catch {
            abandon()
            throw error
        }
    }

    func abandon() {
        guard let tempPath else { return }
        try? handle.close()
        unlink(tempPath)
    }
}

/// A folder of outputs (`tab run`, `export stata|spss|r`, `export csv --out-dir`) built aside under a temporary name
/// (starting from links to the files already there) and swapped in whole when every file is written: a killed run
/// leaves the old folder as it was, never a mix of old and new.
/// A folder that holds files Canvass did not write is refused rather than replaced.
public final class OutputFolder {
    public let finalPath: String
    /// Where the files are written until `commit`.
    public let path: String
    static let marker = ".canvass-output"

    public init(_ path: String) throws {
        var out = path
        while out.count > 1 && out.hasSuffix("/") { out.removeLast() }
        finalPath = out
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDir) {
            guard isDir.boolValue else { throw OutputError("\(out) is a file; --out takes a folder") }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            guard names.isEmpty || names.contains(Self.marker) else {
                throw OutputError(
                    "\(out) holds files Canvass did not write (\(names.sorted().prefix(3).joined(separator: ", ")))"
                        + "; give a new or empty folder, so that nothing of yours is replaced")
            }
        } else {
            let parent = PathName.folder(out)
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw OutputError("cannot create the folder \(parent)")
                }
            }
        }
        TemporaryFiles.removeStale(near: out)
        self.path = TemporaryFiles.name(for: out)
        try? FileManager.default.removeItem(atPath: self.path)
        do {
            try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: false)
            try Data("Written by Canvass; the folder is replaced whole by the next run.\n".utf8).write(
                to: URL(fileURLWithPath: self.path + "/" + Self.marker))
        } catch {
            throw OutputError("cannot create the folder \(out) (is its parent writable?)")
        }
        // the files already there (another questionnaire's export) come along, as links: only what this run writes changes
        for name in (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [] where name != Self.marker {
            let from = out + "/" + name, to = self.path + "/" + name
            if link(from, to) != 0 { try? FileManager.default.copyItem(atPath: from, toPath: to) }
        }
    }

    /// A folder's path as printed: without trailing slashes.
    public static func name(_ path: String) -> String { path.count > 1 && path.hasSuffix("/") ? name(String(path.dropLast())) : path }

    /// The path of `name` inside the folder being built.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Puts the folder in place: renamed when new, swapped with the old one in one step otherwise.
    public func commit() throws {
        if !FileManager.default.fileExists(atPath: finalPath) {
            guard rename(path, finalPath) == 0 else { throw OutputError("cannot write \(finalPath): \(String(cString: strerror(errno)))") }
            return
        }
        if canvass_exchange_paths(path, finalPath) == 0 {
            try? FileManager.default.removeItem(atPath: path)  // the old folder, now under the temporary name
            return
        }
        // a file system without an atomic exchange: move the old aside, then the new in (a kill between leaves both hidden)
        let old = path + "-old"
        guard rename(finalPath, old) == 0, rename(path, finalPath) == 0 else {
            throw OutputError("cannot replace \(finalPath): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    public func abandon() { try? FileManager.default.removeItem(atPath: path) }

    /// Builds the folder `path` with `body`, then swaps it in; nothing of it stays when `body` fails.
    public static func write<T>(_ path: String, _ body: (OutputFolder) throws -> T) throws -> T {
        let folder = try OutputFolder(path)
        do {
            let result = try body(folder)
            try folder.commit()
            return result
        } catch {
            folder.abandon()
            throw error
        }
    }
}
