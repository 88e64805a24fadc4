import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
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

    /// `export stata|spss|r`: the CSV with names valid in the package, plus the syntax file that reads and labels it.
    struct StatsOptions: ParsableArguments {
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func run(_ package: StatsSyntax.Package) throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            try checkLanguage(lang, versions.latest)
            try WideLayout.checkCompatible(versions)
            let written = try OutputFolder.write(out) {
                try InterviewExports.stats(
                    store, versions, package: package, folder: $0.path, language: lang, includeIdentifiers: includeIdentifiers)
            }
            Console.out("Wrote \(written.joined(separator: ", ")) to \(OutputFolder.name(out)).")
        }
    }

    struct Stata: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "CSV plus a .do file: variable and value labels, dk/rf as .d/.r.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.stata) }
    }

    struct SPSS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spss", abstract: "CSV plus a .sps file: variable and value labels, dk/rf as MISSING VALUES.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.spss) }
    }

    struct R: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "r", abstract: "CSV plus an .R file: labelled factors, dk/rf as NA with the reason in NAME_missing.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.r) }
    }
}
