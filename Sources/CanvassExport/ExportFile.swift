import CanvassCore
import Foundation

/// A file that cannot be written, with the sentence that says why.
public struct ExportError: UserFacingError {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Writes an output file atomically: to a temporary name, then renamed, so no half file is left under the final name.
/// `nil` or `-` is standard output.
public final class ExportFile {
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
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !(FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) {
            throw ExportError("cannot write \(path): the folder \(dir) does not exist")
        }
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, privateMode ? 0o600 : 0o644)
        guard fd >= 0 else { throw ExportError("cannot write \(path): \(String(cString: strerror(errno)))") }
        finalPath = path
        tempPath = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Writes `path` with `body`: kept under its final name when `body` succeeds, removed when it fails.
    public static func write(_ path: String?, privateMode: Bool, _ body: (ExportFile) throws -> Void) throws {
        try ExportFile(path, privateMode: privateMode).produce(body)
    }

    /// Writes a CSV file: `body` writes the rows.
    public static func csv(_ path: String?, privateMode: Bool, excel: Bool = false, _ body: (CSVWriter) throws -> Void) throws {
        try write(path, privateMode: privateMode) { file in
            let writer = CSVWriter(options: .init(excel: excel)) { try file.write($0) }
            try body(writer)
            try writer.flush()
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw ExportError("cannot write \(finalPath ?? "standard output"): \(error.localizedDescription)")
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
            throw ExportError("cannot write \(finalPath): \(String(cString: strerror(errno)))")
        }
    }

    func produce(_ body: (ExportFile) throws -> Void) throws {
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

    /// An output folder, created when missing; refused when it is a file. Returns the path without a trailing slash.
    public static func folder(_ path: String) throws -> String {
        var out = path
        while out.count > 1 && out.hasSuffix("/") { out.removeLast() }
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: out, isDirectory: &isDir) {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ExportError("cannot create the folder \(out)")
            }
        } else if !isDir.boolValue {
            throw ExportError("\(out) is a file; --out takes a folder")
        }
        return out
    }
}
