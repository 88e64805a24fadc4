import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
import CanvassNativeFiles
import CanvassStorage
import CanvassTerminal

extension ExportCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail as CSV: every answer change, note, status change and merge, with who, when and why.",
            discussion: "Values of identifier questions are masked unless --include-identifiers.")
        @OptionGroup var target: ExportOptions
        @Flag(help: "Show identifier values (confidential).") var includeIdentifiers = false

        func run() throws {
            let (store, versions) = try target.open()
            let interviews = try store.handOutInterviews(questionnaire: target.questionnaire)
            var count = 0
            try OutputFile.csv(target.out, privateMode: includeIdentifiers) { writer in
                count = try InterviewExports.audit(
                    try store.events(), interviews: interviews, versions, layout: .init(includeIdentifiers: includeIdentifiers), to: writer)
            }
            if let file = realFile(target.out) { Console.out("Wrote \(counted(count, "event")) to \(file).") }
        }
    }

    struct Paradata: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Timing: seconds from showing each question to accepting its answer, and per interview.",
            discussion: "Rows: level=answer per timed answer; level=instance per repeat instance (agenda[2]: a meeting's second topic), "
                + "KEY as in the repeat files; level=interview with its total seconds and answer count.")
        @OptionGroup var target: ExportOptions

        func run() throws {
            let (store, _) = try target.open()
            let interviews = try store.handOutInterviews(questionnaire: target.questionnaire)
            try OutputFile.csv(target.out, privateMode: false) { writer in
                try InterviewExports.paradata(interviews: interviews, to: writer) {
                    try store.forEachTiming(questionnaire: target.questionnaire, $0)
                }
            }
        }
    }

    struct CodebookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "Every column with its question, type, labels per language, choices, special codes, logic and identifier flag.")
        @OptionGroup var target: ExportOptions
        @Option(help: "md or csv.") var format = "md"

        func validate() throws {
            guard format == "md" || format == "csv" else { throw ValidationError("--format must be md or csv") }
        }

        func run() throws { try Codebook.write(try target.open().1.latest, markdown: format == "md", to: target.out) }
    }

    /// What `export stata|spss|r|xlsx` read and where they write: a folder, or the workbook's file.
    struct NativeTarget: ParsableArguments {
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output folder (xlsx: the .xlsx file).") var out: String
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Keep names inside free text (replaced by [question] by default); with --include-identifiers.") var noRedact = false
        @OptionGroup var database: DatabaseOptions

        func export(_ write: (CanvassStore, QuestionnaireVersions, @escaping (Int) -> Void) throws -> [String]) throws {
            let store = ExportLog.track(try database.open(create: false, readOnly: true))
            try store.requireKeyForIdentifiers(includeIdentifiers)
            let versions = try store.requireVersions(of: questionnaire)
            try versions.latest.checkLanguage(lang)
            let count = { try store.interviews(questionnaire: versions.id).count }
            try ProgressBar.around(showing: true, total: count, what: "export") { try write(store, versions, $0).forEach(Console.out) }
        }

        /// `export stata|spss|r`: native files through ReadStat (for R also a script that reads them); `syntax` adds the
        /// CSV and the package's syntax file.
        func stats(_ package: StatsSyntax.Package, _ format: StatsFile.Format, syntax: Bool) throws {
            try export {
                try NativeExport.statsFolder(
                    $0, $1, format: format, package: package, syntax: syntax, out: out, language: lang,
                    includeIdentifiers: includeIdentifiers, redact: !noRedact, progress: $2)
            }
        }
    }

    struct Stata: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stata .dta files (format 118, UTF-8): labels, dk/rf as .d/.r, codes as the questionnaire's, dates as %td/%tc.")
        @OptionGroup var target: NativeTarget
        @Flag(help: "Also write the CSV and a .do file that reads it.") var syntax = false
        func run() throws { try target.stats(.stata, .stata, syntax: syntax) }
    }

    struct SPSS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spss", abstract: "SPSS .sav files: variable and value labels, dk/rf as user-missing values, dates as dates.")
        @OptionGroup var target: NativeTarget
        @Flag(help: "Write compressed .zsav files (SPSS 21 and later).") var zsav = false
        @Flag(help: "Also write the CSV and a .sps file that reads it.") var syntax = false
        func run() throws { try target.stats(.spss, zsav ? .spssCompressed : .spss, syntax: syntax) }
    }

    struct R: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "r", abstract: "SPSS .sav files and an .R script that reads them with haven (labels and missing values included).")
        @OptionGroup var target: NativeTarget
        @Flag(help: "Write the CSV and a base-R script that reads it instead.") var syntax = false
        func run() throws { try target.stats(.r, .spss, syntax: syntax) }
    }

    struct XLSX: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xlsx", abstract: "An Excel workbook: a sheet per table (interviews, each repeat), typed cells, codebook, labels.")
        @OptionGroup var target: NativeTarget
        func run() throws {
            try target.export {
                try NativeExport.workbookFile(
                    $0, $1, language: target.lang, includeIdentifiers: target.includeIdentifiers, redact: !target.noRedact, to: target.out,
                    progress: $2)
            }
        }
    }
}
