import ArgumentParser
import CanvassCore
import CanvassStorage
import Foundation

/// `--db PATH`, else `$CANVASS_DB`, else `./canvass.db`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $CANVASS_DB, else ./canvass.db).")
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["CANVASS_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "canvass.db"
    }

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
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure("\(path): not UTF-8 text; save the questionnaire as UTF-8")
        }
        let isJSON = path.lowercased().hasSuffix(".json")
        let source = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return SchemaFile(
            path: path, source: source, format: isJSON ? "json" : "yaml", result: QuestionnaireLoader.load(text: source, isJSON: isJSON))
    }

    func printDiagnostics() {
        for d in result.diagnostics { Console.diagnostic(d.formatted(file: path)) }
        if result.diagnostics.count >= 500 { Console.diagnostic("\(path): stopping after 500 problems") }
    }

    /// The questionnaire, or a failure after printing every problem.
    func questionnaire() throws -> Questionnaire {
        guard let q = result.questionnaire else {
            printDiagnostics()
            let n = result.errors.count
            throw Failure("\(path) has \(n) error\(n == 1 ? "" : "s"); fix them (canvass schema check \(path)) and try again")
        }
        return q
    }
}

func checkLanguage(_ lang: String?, _ q: Questionnaire) throws {
    guard let lang, !q.languages.isEmpty, !q.languages.contains(lang) else { return }
    throw Failure("language '\(lang)' is not one of \(q.id)'s languages (\(q.languages.joined(separator: ", ")))")
}

/// A tabulation plan read and checked against the stored questionnaires; its problems printed with their positions.
func readPlan(_ path: String, _ store: CanvassStore, tables: Bool) throws -> (
    plan: ConcernPlan, versions: QuestionnaireVersions, bytes: Data
) {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw Failure("\(path): no such file, or not UTF-8 text")
    }
    guard let id = ConcernPlanLoader.questionnaireID(in: text) else {
        throw Failure("the plan does not say which questionnaire it is for (questionnaire: ID)")
    }
    let versions = try store.requireVersions(of: id)
    let result = ConcernPlanLoader.load(text: text, questionnaire: versions.latest, tables: tables) { other in
        try? store.versions(of: other)?.latest
    }
    for d in result.diagnostics { Console.diagnostic(d.formatted(file: path)) }
    guard let plan = result.plan else { throw Failure("\(path) has errors; fix them and try again") }
    return (plan, versions, data)
}

/// A few words with a count: "1 interview", "3 interviews".
func counted(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

/// The path of an output file that is a real file (not standard output).
func realFile(_ out: String?) -> String? { out.flatMap { $0 == "-" ? nil : $0 } }
