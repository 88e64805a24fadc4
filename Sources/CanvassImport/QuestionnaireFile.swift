import CanvassCore
import CanvassStorage
import Foundation

/// A questionnaire file read and checked, with its source kept for storing.
public struct QuestionnaireFile {
    public var path: String
    public var source: String
    public var format: String
    public var result: QuestionnaireLoadResult

    /// Reads `path` (.yaml, or .json); a file that cannot be read as UTF-8 text is an `ImportError`.
    public static func read(_ path: String) throws -> QuestionnaireFile {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw ImportError("\(path): no such file") }
        guard !isDir.boolValue else { throw ImportError("\(path) is a folder; give a questionnaire file (.yaml or .json)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError("\(path): cannot be read (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError("\(path): not UTF-8 text; save the questionnaire as UTF-8")
        }
        let isJSON = path.lowercased().hasSuffix(".json")
        let source = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return QuestionnaireFile(
            path: path, source: source, format: isJSON ? "json" : "yaml", result: QuestionnaireLoader.load(text: source, isJSON: isJSON))
    }

    /// Every problem as `FILE:LINE:COL: error: MESSAGE [CODE]`, in file order.
    public var diagnostics: [String] {
        result.diagnostics.map { $0.formatted(file: path) }
            + (result.diagnostics.count >= 500 ? ["\(path): stopping after 500 problems"] : [])
    }

    /// `schema check`'s line for this file: ok with what it holds, or how many errors; and its warnings.
    public var summary: String {
        let errors = result.errors.count, warnings = result.diagnostics.count - errors
        let warned = warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
        guard let q = result.questionnaire else { return "\(path): \(errors) error\(errors == 1 ? "" : "s")" + warned }
        return "\(path): ok: \(q.id) \(q.version), \(q.sections.count) sections, \(q.questions.count) questions" + warned
    }

    /// The failure to report when the file has errors.
    public var failure: ImportError {
        let n = result.errors.count
        return ImportError("\(path) has \(n) error\(n == 1 ? "" : "s"); fix them (canvass schema check \(path)) and try again")
    }
}

extension QuestionnaireFile {
    /// `schema check`: each file's problems, one line each, then its summary; a file that cannot be read is an
    /// error. Returns how many files failed.
    public static func check(
        _ paths: [String], refused: (String) -> Void, diagnostic: (String) -> Void, out: (String) -> Void
    ) -> Int {
        var failed = 0
        for path in paths {
            let file: QuestionnaireFile
            do { file = try read(path) } catch {
                refused((error as? ImportError)?.message ?? "\(path): \(error)")
                failed += 1
                continue
            }
            file.diagnostics.forEach(diagnostic)
            out(file.summary)
            if file.result.questionnaire == nil { failed += 1 }
        }
        return failed
    }
}

/// A tabulation plan file read and checked against the questionnaires stored in a database.
public struct PlanFile {
    public var path: String
    public var bytes: Data
    public var versions: QuestionnaireVersions
    public var result: ConcernPlanLoadResult

    public static func read(_ path: String, against store: CanvassStore, tables: Bool, includeIdentifiers: Bool = false) throws -> PlanFile
    {
        let (data, text) = try utf8Text(path)
        guard let id = ConcernPlanLoader.questionnaireID(in: text) else {
            throw ImportError("the plan does not say which questionnaire it is for (questionnaire: ID)")
        }
        let versions = try store.requireVersions(of: id)
        let result = ConcernPlanLoader.load(
            text: text, questionnaire: versions.latest, tables: tables, includeIdentifiers: includeIdentifiers
        ) { other in
            try? store.versions(of: other)?.latest
        }
        return PlanFile(path: path, bytes: data, versions: versions, result: result)
    }

    public var diagnostics: [String] { result.diagnostics.map { $0.formatted(file: path) } }

    /// A plan, frame or codings file's bytes and text; an `ImportError` when it is missing or not UTF-8.
    static func utf8Text(_ path: String) throws -> (data: Data, text: String) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ImportError("\(path): no such file, or not UTF-8 text")
        }
        return (data, text)
    }

    /// A tabulation plan read and checked against the stored questionnaires, its problems said through `report` (by
    /// default on standard error, control characters escaped) with their positions; an error when it has any.
    public static func checked(
        _ path: String, against store: CanvassStore, tables: Bool = true, includeIdentifiers: Bool = false,
        report: (String) -> Void = { FileHandle.standardError.write(Data((TerminalText.escaped($0, keepColour: false) + "\n").utf8)) }
    ) throws -> (plan: ConcernPlan, versions: QuestionnaireVersions, bytes: Data) {
        let file = try read(path, against: store, tables: tables, includeIdentifiers: includeIdentifiers)
        file.diagnostics.forEach(report)
        guard let plan = file.result.plan else { throw ImportError("\(path) has errors; fix them and try again") }
        return (plan, file.versions, file.bytes)
    }
}
