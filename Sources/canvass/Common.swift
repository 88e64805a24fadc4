import ArgumentParser
import CanvassCore
import CanvassStorage
import Foundation

/// `--db PATH`, else `$CANVASS_DB`, else `./canvass.db`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $CANVASS_DB, else ./canvass.db).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["CANVASS_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "canvass.db" }

    func open(create: Bool = true) throws -> CanvassStore { try CanvassStore(path: path, create: create) }
}

/// A questionnaire file read and checked, with its source kept for storing.
struct SchemaFile {
    var path: String
    var source: String
    var format: String
    var result: QuestionnaireLoadResult

    static func read(_ path: String) throws -> SchemaFile {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw Failure("\(path): no such file") }
        guard !isDir.boolValue else { throw Failure("\(path) is a folder; give a questionnaire file (.yaml or .json)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("\(path): cannot be read (permission denied?)") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure("\(path): not UTF-8 text; save the questionnaire as UTF-8") }
        let isJSON = path.lowercased().hasSuffix(".json")
        let source = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return SchemaFile(path: path, source: source, format: isJSON ? "json" : "yaml", result: QuestionnaireLoader.load(text: source, isJSON: isJSON))
    }

    func printDiagnostics() {
        for d in result.diagnostics { Console.diagnostic(d.formatted(file: path)) }
        if result.diagnostics.count >= 500 { Console.diagnostic("\(path): stopping after 500 problems") }
    }

    /// The questionnaire, or a failure after printing every problem.
    func questionnaire() throws -> Questionnaire {
        guard let q = result.questionnaire else {
            printDiagnostics()
            throw Failure("\(path) has \(result.errors.count) error\(result.errors.count == 1 ? "" : "s"); fix them (canvass schema check \(path)) and try again")
        }
        return q
    }
}

/// Writes an output file atomically: to a temporary name, then renamed, so no half file is left under the final name.
final class OutputFile {
    let finalPath: String?
    let tempPath: String?
    let handle: FileHandle
    private var pending: [UInt8] = []

    init(_ path: String?, privateMode: Bool) throws {
        guard let path, path != "-" else {
            finalPath = nil; tempPath = nil; handle = .standardOutput
            return
        }
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !(FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) {
            throw Failure("cannot write \(path): the folder \(dir) does not exist")
        }
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, privateMode ? 0o600 : 0o644)
        guard fd >= 0 else { throw Failure("cannot write \(path): \(String(cString: strerror(errno)))") }
        finalPath = path; tempPath = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ bytes: [UInt8]) throws {
        do { try handle.write(contentsOf: Data(bytes)) } catch {
            throw Failure("cannot write \(finalPath ?? "standard output"): \(error.localizedDescription)")
        }
    }

    func commit() throws {
        try flush()
        guard let finalPath, let tempPath else { return }
        try? handle.synchronize()
        try? handle.close()
        guard rename(tempPath, finalPath) == 0 else {
            unlink(tempPath)
            throw Failure("cannot write \(finalPath): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs `body` against this file: kept under its final name when `body` succeeds, removed when it fails.
    func produce(_ body: (OutputFile) throws -> Void) throws {
        do {
            try body(self)
            try commit()
        } catch {
            abandon()
            throw error
        }
    }

    /// Appends a line to a buffer written out every 64 kB (call `flush` at the end).
    func writeLine(_ line: String) throws {
        pending.append(contentsOf: line.utf8)
        pending.append(10)
        if pending.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        try write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    func abandon() {
        guard let tempPath else { return }
        try? handle.close()
        unlink(tempPath)
    }
}

/// The stored questionnaire versions of `id`, loaded, oldest first; a clear failure when there are none.
func storedVersions(_ store: CanvassStore, _ id: String) throws -> [(StoredQuestionnaire, Questionnaire)] {
    let versions = try store.questionnaireVersions(id: id)
    guard !versions.isEmpty else {
        let known = try store.questionnaireIDs()
        let near = Suggestion.nearest(to: id, among: known).map { "; did you mean \($0)?" } ?? (known.isEmpty ? "; the database has none yet (canvass schema add FILE)" : "; it has \(known.joined(separator: ", "))")
        throw Failure("questionnaire '\(id)' is not in \(store.path)\(near)")
    }
    return try versions.map { ($0, try $0.load()) }
}

/// Each stored version's questionnaire by its row, to read an interview with the version it was taken with.
func byVersionRow(_ versions: [(StoredQuestionnaire, Questionnaire)]) -> [Int: Questionnaire] {
    Dictionary(uniqueKeysWithValues: versions.map { ($0.0.rowID, $0.1) })
}

func checkLanguage(_ lang: String?, _ q: Questionnaire) throws {
    guard let lang else { return }
    guard q.languages.isEmpty || q.languages.contains(lang) else {
        throw Failure("language '\(lang)' is not one of \(q.id)'s languages (\(q.languages.joined(separator: ", ")))")
    }
}

/// An output folder, created when missing; refused when it is a file. Returns the path without a trailing slash.
func outputFolder(_ path: String) throws -> String {
    var out = path
    while out.count > 1 && out.hasSuffix("/") { out.removeLast() }
    var isDir: ObjCBool = false
    if !FileManager.default.fileExists(atPath: out, isDirectory: &isDir) {
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch { throw Failure("cannot create the folder \(out)") }
    } else if !isDir.boolValue {
        throw Failure("\(out) is a file; --out takes a folder")
    }
    return out
}

/// A tabulation plan read and checked against the stored questionnaires; its problems printed with their positions.
func readPlan(_ path: String, _ store: CanvassStore, tables: Bool) throws -> (plan: ConcernPlan, questionnaire: Questionnaire, bytes: Data) {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw Failure("\(path): no such file, or not UTF-8 text")
    }
    let main = try storedVersions(store, try planQuestionnaire(text)).last!.1
    let result = ConcernPlanLoader.load(text: text, questionnaire: main, tables: tables) { other in try? storedVersions(store, other).last?.1 }
    for d in result.diagnostics { Console.diagnostic(d.formatted(file: path)) }
    guard let plan = result.plan else { throw Failure("\(path) has errors; fix them and try again") }
    return (plan, main, data)
}
