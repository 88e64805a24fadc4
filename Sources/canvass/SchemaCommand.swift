import ArgumentParser
import CanvassCore
import CanvassImport
import CanvassNativeFiles
import CanvassStorage
import CanvassTerminal
import Foundation

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Check, show, compare, store, import and export questionnaire files (XLSForm in and out).",
        subcommands: [Check.self, Show.self, Add.self, Diff.self, Import.self, Export.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in questionnaire files, one line each: FILE:LINE:COL: error: MESSAGE [CODE].",
            discussion: "Exit status 0 when no file has an error (warnings allowed), 1 otherwise. Codes are explained in docs/errors.md.")
        @Argument(help: "Questionnaire files (.yaml, or .json).") var files: [String]

        func run() throws {
            if QuestionnaireFile.check(files, refused: Console.error, diagnostic: Console.diagnostic, out: Console.out) > 0 {
                throw ExitCode(1)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an outline of a questionnaire: sections, questions, types, choices, skip logic.")
        @Argument(help: "A questionnaire file.") var file: String
        @Option(help: "Language of the labels (default: the questionnaire's first).") var lang: String?

        func run() throws {
            let q = try QuestionnaireFile.read(file).questionnaire()
            try q.checkLanguage(lang)
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
            let a = try QuestionnaireFile.read(old).questionnaire(), b = try QuestionnaireFile.read(new).questionnaire()
            let report = QuestionnaireDiff.report(a, b, language: lang)
            report.warnings.forEach(Console.warn)
            report.lines.forEach(Console.out)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn an XLSForm (.xlsx, or pyxform's one-file .csv) into a questionnaire YAML file.",
            discussion: "Problems are located as FORM:SHEET:ROW:COLUMN; what a text prompt cannot carry is listed once per kind.")
        @Argument(help: "The XLSForm.") var form: String
        @Option(help: "The YAML file to write (default: standard output).") var out: String?

        func run() throws {
            try QuestionnaireFile.importXLSForm(form, out: out, diagnostic: Console.diagnostic).forEach(
                out == nil ? Console.diagnostic : Console.out)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a questionnaire as an XLSForm (survey, choices, settings) for ODK, KoboToolbox or SurveyCTO.",
            discussion: "What XLSForm cannot carry (dk/rf, soft checks, identifiers, scales) is mapped to its nearest form and listed.")
        @Argument(help: "A questionnaire file.") var file: String
        @Option(help: "The XLSForm workbook to write (.xlsx).") var xlsform: String

        func run() throws { try XLSFormFile.write(try QuestionnaireFile.read(file).questionnaire(), to: xlsform).forEach(Console.out) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a questionnaire version in the database (needed before import).")
        @Argument(help: "Questionnaire files.") var files: [String]
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loaded = try files.map { try QuestionnaireFile.read($0) }
            let questionnaires = try loaded.map { try $0.questionnaire() }
            let store = try database.open()
            for (file, q) in zip(loaded, questionnaires) {
                let stored = try store.storeQuestionnaire(q, source: file.source, format: file.format)
                Console.out("\(q.id) \(q.version) stored (sha256 \(stored.hash.prefix(12)))")
            }
        }
    }
}
