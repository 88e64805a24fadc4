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
            let interviews = Dictionary(uniqueKeysWithValues: try store.interviews(questionnaire: target.questionnaire).map { ($0.id, $0) })
            var count = 0
            try OutputFile.csv(target.out, privateMode: includeIdentifiers) { writer in
                let layout = AuditLayout(includeIdentifiers: includeIdentifiers)
                count = try InterviewExports.audit(try store.events(), interviews: interviews, versions, layout: layout, to: writer)
            }
            if let file = realFile(target.out) { Console.out("Wrote \(counted(count, "event")) to \(file).") }
        }
    }

    struct Paradata: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Timing: seconds from showing each question to accepting its answer, and per interview.",
            discussion: """
                Rows with level=answer, one per timed answer; level=instance, one per repeat instance (e.g. agenda[2]: the time \
                spent on a meeting's second topic), KEY as in the repeat files; then level=interview with the interview's total \
                seconds and answer count.
                """)
        @OptionGroup var target: ExportOptions

        func run() throws {
            let (store, _) = try target.open()
            let interviews = Dictionary(uniqueKeysWithValues: try store.interviews(questionnaire: target.questionnaire).map { ($0.id, $0) })
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

        func run() throws {
            let q = try target.open().1.latest
            if format == "md" {
                try OutputFile.write(target.out, privateMode: false) { try $0.write(Codebook.markdown(q, languages: q.languages)) }
                return
            }
            try OutputFile.csv(target.out, privateMode: false) {
                try $0.writeRows([Codebook.csvHeader] + Codebook.rows(q, languages: q.languages))
            }
        }
    }

    /// `export stata|spss|r`: native files through ReadStat (and for R a script that reads them); `--syntax` adds the CSV
    /// and the package's syntax file.
    struct StatsOptions: ParsableArguments {
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Also write the CSV and a syntax file that reads it (for those who keep syntax).") var syntax = false
        @OptionGroup var database: DatabaseOptions

        func run(_ package: StatsSyntax.Package, _ format: StatsFile.Format) throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            try checkLanguage(lang, versions.latest)
            try WideLayout.checkCompatible(versions)
            let progress = ProgressBar(total: Console.errorIsTerminal ? try store.interviews(questionnaire: versions.id).count : 0, what: "export")
            let written = try OutputFolder.write(out) {
                try NativeExport.statsFolder(
                    store, versions, format: format, package: package, syntax: syntax, folder: $0.path, language: lang,
                    includeIdentifiers: includeIdentifiers, progress: progress.update)
            }
            progress.finish()
            Console.out("Wrote \(written.files.joined(separator: ", ")) to \(OutputFolder.name(out)).")
            if let note = written.note { Console.out(note) }
        }
    }

    struct Stata: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stata .dta files (format 118, UTF-8): labels, dk/rf as .d/.r, codes as the questionnaire's, dates as %td/%tc.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.stata, .stata) }
    }

    struct SPSS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spss", abstract: "SPSS .sav files: variable and value labels, dk/rf as user-missing values, dates as dates.")
        @OptionGroup var options: StatsOptions
        @Flag(help: "Write compressed .zsav files (SPSS 21 and later).") var zsav = false
        func run() throws { try options.run(.spss, zsav ? .spssCompressed : .spss) }
    }

    struct R: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "r", abstract: "SPSS .sav files and an .R script that reads them with haven (labels and missing values included).")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.r, .spss) }
    }

    struct XLSX: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xlsx",
            abstract: "An Excel workbook: a sheet per table (interviews, each repeat) with typed cells, a codebook and the value labels.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "The .xlsx file to write.") var out: String
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            try checkLanguage(lang, versions.latest)
            try WideLayout.checkCompatible(versions)
            let tables = try NativeExport.spool(store, versions, includeIdentifiers: includeIdentifiers, language: lang)
            let shortened = try NativeExport.workbook(tables, questionnaire: versions.latest, to: out, privateMode: includeIdentifiers)
            let rows = tables.map { "\($0.repeatName ?? $0.base) (\(counted($0.spool.rowCount, "row")))" }
            Console.out("Wrote \(out): \(rows.joined(separator: ", ")), codebook, labels.")
            if shortened > 0 { Console.out("\(shortened) texts were longer than Excel holds (32,767 characters) and were shortened.") }
        }
    }
}
