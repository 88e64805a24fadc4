import CanvassCore
import CanvassFiles
import CanvassStorage
import Foundation

/// A questionnaire file read and checked, with its source kept for storing.
public struct QuestionnaireFile {
    public var path: String
    public var source: String
    public var format: String
    public var result: QuestionnaireLoadResult
    /// For an XLSForm: what its sheets became (the YAML is `source`), with problems located by sheet, row and column.
    public var xlsform: XLSFormImport?

    /// Reads `path` (.yaml, or .json; or an XLSForm, .xlsx or .csv, turned into the same questionnaire YAML); a file
    /// that cannot be read is an `ImportError`.
    public static func read(_ path: String) throws -> QuestionnaireFile {
        if XLSFormFileReader.isXLSForm(path) {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            var id = String(stem.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
            if id.first.map({ !$0.isLetter }) ?? true { id = "form_" + id }
            // pulldata's CSV files, next to the form
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let form = XLSFormImport(try XLSFormFileReader.read(path), fallbackID: id) { table in
                let file = folder.appendingPathComponent(table + ".csv").path
                guard table.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
                    let data = FileManager.default.contents(atPath: file),
                    data.count <= 16 << 20
                else { return nil }
                return String(data: data, encoding: .utf8)
            }
            var result = QuestionnaireLoader.load(text: form.yaml)
            if form.hasErrors { result.questionnaire = nil }
            return QuestionnaireFile(path: path, source: form.yaml, format: "yaml", result: result, xlsform: form)
        }
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

    /// Every problem as `FILE:LINE:COL: error: MESSAGE [CODE]` (an XLSForm's as `FILE:SHEET:ROW:COLUMN: ...`), in file
    /// order.
    public var diagnostics: [String] {
        if let xlsform { return xlsform.problems.map { $0.formatted(file: path) } }
        return result.diagnostics.map { $0.formatted(file: path) }
            + (result.diagnostics.count >= 500 ? ["\(path): stopping after 500 problems"] : [])
    }

    var errorCount: Int { xlsform.map { $0.problems.filter { $0.severity == .error }.count } ?? result.errors.count }

    /// `schema check`'s line for this file: ok with what it holds, or how many errors; and its warnings.
    public var summary: String {
        let errors = errorCount, warnings = (xlsform?.problems.count ?? result.diagnostics.count) - errors
        let warned = warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
        guard let q = result.questionnaire else { return "\(path): \(errors) error\(errors == 1 ? "" : "s")" + warned }
        return "\(path): ok: \(q.id) \(q.version), \(q.sections.count) sections, \(q.questions.count) questions" + warned
    }

    /// The files of folder `dir` ending in `.ext`, in name order (the demo's questionnaires and fixtures); `option` names
    /// the flag that picks another folder.
    public static func files(in dir: String, ending ext: String, option: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw ImportError("no folder \(dir) here; run canvass demo from the Canvass folder, or pass --\(option) DIR")
        }
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir + "/" + $0 }
    }

    /// For an XLSForm: how many survey rows came over, and what did not as it is, one line per kind.
    public var xlsformReport: [String] {
        guard let x = xlsform else { return [] }
        var lines = ["\(path): \(x.importedRows) of \(x.surveyRows) survey rows carried over"]
        if !x.leftOut.isEmpty { lines += ["Not carried over as in the XLSForm:"] + x.leftOut.map { "  " + $0 } }
        return lines
    }

    /// `schema import FORM [--out FILE]`: the XLSForm as questionnaire YAML, written to `out` (standard output when
    /// nil) only when it has no error; returns what to tell the user, on standard error when the YAML goes to
    /// standard output.
    public static func importXLSForm(_ path: String, out: String?, diagnostic: (String) -> Void) throws -> [String] {
        guard XLSFormFileReader.isXLSForm(path) else {
            throw ImportError("\(path): give an XLSForm (.xlsx, or pyxform's one-file .csv); a YAML questionnaire needs no import")
        }
        let file = try read(path)
        file.diagnostics.forEach(diagnostic)
        guard let q = file.result.questionnaire else { throw file.failure }
        try OutputFile.write(out, privateMode: false) { try $0.write(file.source) }
        return file.xlsformReport
            + (out.map { ["Wrote \($0): \(q.id) \(q.version), \(q.sections.count) sections, \(q.questions.count) questions."] } ?? [])
    }

    /// The failure to report when the file has errors.
    public var failure: ImportError {
        let n = errorCount
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
            file.xlsformReport.dropFirst().forEach(out)
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
