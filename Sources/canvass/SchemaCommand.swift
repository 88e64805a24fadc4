import ArgumentParser
import CanvassCore
import CanvassStorage
import Foundation

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Check, show and store questionnaire files.",
        subcommands: [Check.self, Show.self, Add.self, Diff.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in questionnaire files, one line each: FILE:LINE:COL: error: MESSAGE [CODE].",
            discussion: "Exit status 0 when no file has an error (warnings allowed), 1 otherwise. Codes are explained in docs/errors.md.")
        @Argument(help: "Questionnaire files (.yaml, or .json).") var files: [String]

        func run() throws {
            var failed = 0
            for path in files {
                let file: SchemaFile
                do { file = try SchemaFile.read(path) } catch let f as Failure {
                    Console.error(f.message)
                    failed += 1
                    continue
                }
                file.printDiagnostics()
                let errors = file.result.errors.count, warnings = file.result.diagnostics.count - errors
                if errors > 0 { failed += 1 }
                let warned = warnings > 0 ? ", " + counted(warnings, "warning") : ""
                if let q = file.result.questionnaire {
                    Console.out("\(path): ok: \(q.id) \(q.version), \(q.sections.count) sections, \(q.questions.count) questions" + warned)
                } else {
                    Console.out("\(path): \(counted(errors, "error"))" + warned)
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an outline of a questionnaire: sections, questions, types, choices, skip logic.")
        @Argument(help: "A questionnaire file.") var file: String
        @Option(help: "Language of the labels (default: the questionnaire's first).") var lang: String?

        func run() throws {
            let q = try SchemaFile.read(file).questionnaire()
            try checkLanguage(lang, q)
            Console.out(QuestionnaireOutline.render(q, language: lang))
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the questions and choices added, removed and changed (type, choices, logic, labels) between two versions.")
        @Argument(help: "The older questionnaire file.") var old: String
        @Argument(help: "The newer questionnaire file.") var new: String
        @Option(help: "Language of the labels.") var lang: String?

        func run() throws {
            let a = try SchemaFile.read(old).questionnaire(), b = try SchemaFile.read(new).questionnaire()
            if a.id != b.id { Console.warn("comparing different questionnaires: \(a.id) and \(b.id)") }
            if a.version == b.version && a != b {
                Console.warn("both files say version \(a.version) but differ; give the new one its own version before using it")
            }
            let changes = QuestionnaireDiff.compare(a, b, language: lang)
            Console.out("\(a.id) \(a.version) -> \(b.id) \(b.version): \(changes.count) change\(changes.count == 1 ? "" : "s")")
            for c in changes { Console.out(c.description) }
            if let c = QuestionnaireDiff.incompatibleTypes([a, b]) {
                Console.out(
                    "note: \(c.question) changes from \(c.oldType) (\(c.oldVersion)) to \(c.newType) (\(c.newVersion)); "
                        + "exports over both versions will refuse it: rename the question instead")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a questionnaire version in the database (needed before import).")
        @Argument(help: "Questionnaire files.") var files: [String]
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loaded = try files.map { try SchemaFile.read($0) }
            let questionnaires = try loaded.map { try $0.questionnaire() }
            let store = try database.open()
            for (file, q) in zip(loaded, questionnaires) {
                let stored = try store.storeQuestionnaire(q, source: file.source, format: file.format)
                Console.out("\(q.id) \(q.version) stored (sha256 \(stored.hash.prefix(12)))")
            }
        }
    }
}
