import ArgumentParser
import CanvassCore
import CanvassImport
import CanvassSealing
import CanvassStorage
import CanvassTabulation
import CanvassTerminal
import Foundation

/// `--db PATH`, else `$CANVASS_DB`, else `./canvass.db`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $CANVASS_DB, else ./canvass.db).")
    var db: String?
    @Option(help: "The study's private key file: opens the identifiers sealed in the database (docs/sealing.md).") var key: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["CANVASS_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "canvass.db"
    }

    /// The store; `waiting` (interviews) makes every write wait for other writers, with a line saying for whom.
    func open(create: Bool = true, waiting: Bool = false, readOnly: Bool = false) throws -> CanvassStore {
        let store = readOnly ? try CanvassStore.forReading(path: path) : try CanvassStore(path: path, create: create)
        if waiting { store.waitForOtherWriters { Console.diagnostic("    (\($0))") } }
        if let key { try store.openSealed(with: StudyKey.Private.read(key)) }
        return store
    }
}

extension QuestionnaireFile {
    /// The questionnaire, or a failure after printing every problem.
    func questionnaire() throws -> Questionnaire {
        guard let q = result.questionnaire else {
            diagnostics.forEach(Console.diagnostic)
            throw failure
        }
        return q
    }
}

/// What every table takes: the labels' language, whether open interviews count, the database.
struct TableOptions: ParsableArguments {
    @Option(help: "Language of the labels.") var lang: String?
    @Flag(help: "Include interviews that are not completed.") var includeOpen = false
    @Flag(help: "Allow identifier questions in --where and the plan's expressions (they single out respondents).") var includeIdentifiers =
        false
    @OptionGroup var database: DatabaseOptions

    /// The store and a runner over its interviews.
    func open() throws -> (CanvassStore, TableRunner) {
        let store = try database.open(create: false, readOnly: true)
        try store.requireKeyForIdentifiers(includeIdentifiers)
        return (store, TableRunner(store, includeOpen: includeOpen))
    }
}

/// An interview named by its number, in the database.
struct InterviewOptions: ParsableArguments {
    @Argument(help: "The interview number.") var id: Int
    @OptionGroup var database: DatabaseOptions

    /// The store, the interview and the questionnaire version it was taken with; `lang` checked against it.
    func open(language lang: String?) throws -> (store: CanvassStore, record: InterviewRecord, questionnaire: Questionnaire) {
        let store = try database.open(create: false, waiting: true)
        let record = try store.requireInterview(id)
        let q = try store.questionnaire(of: record)
        try q.checkLanguage(lang)
        return (store, record, q)
    }
}

/// What every export of one questionnaire takes: its id, the output file, the database.
struct ExportOptions: ParsableArguments {
    @Argument(help: "Questionnaire id.") var questionnaire: String
    @Option(help: "Output file (default: standard output).") var out: String?
    @OptionGroup var database: DatabaseOptions

    /// The store (read-only unless the export writes, e.g. a first pseudonym key) and the questionnaire's versions.
    func open(writing: Bool = false) throws -> (CanvassStore, QuestionnaireVersions) {
        let store = ExportLog.track(try database.open(create: false, readOnly: !writing))
        return (store, try store.requireVersions(of: questionnaire))
    }
}

/// Refuses an option typed empty, or with control characters (they would act on every terminal that shows it later).
func checkTyped(_ value: String, _ option: String, _ empty: String) throws {
    if value.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError(empty) }
    if TerminalText.hasControlCharacters(value) { throw ValidationError("\(option) contains control characters; type plain text") }
}
