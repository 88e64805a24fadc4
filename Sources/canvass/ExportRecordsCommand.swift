import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage

extension ExportCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail as CSV: every answer change, note, status change and merge, with who, when and why.",
            discussion: "Values of identifier questions are masked unless --include-identifiers.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Show identifier values (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            let interviews = Dictionary(uniqueKeysWithValues: try store.interviews(questionnaire: questionnaire).map { ($0.id, $0) })
            let layout = AuditLayout(includeIdentifiers: includeIdentifiers)
            var count = 0
            try ExportFile.csv(out, privateMode: includeIdentifiers) { writer in
                try writer.writeRow(AuditLayout.header)
                for e in try store.events() {
                    guard let r = interviews[e.interviewID] else { continue }
                    try writer.writeRow(
                        layout.row(e, interview: r, questionnaire: versions.questionnaire(row: r.questionnaireVersionRowID)))
                    count += 1
                }
            }
            if let file = realFile(out) { Console.out("Wrote \(counted(count, "event")) to \(file).") }
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
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            _ = try store.requireVersions(of: questionnaire)
            let interviews = Dictionary(uniqueKeysWithValues: try store.interviews(questionnaire: questionnaire).map { ($0.id, $0) })
            var layout = ParadataLayout()
            try ExportFile.csv(out, privateMode: false) { writer in
                try writer.writeRow(ParadataLayout.header)
                try store.forEachTiming(questionnaire: questionnaire) { id, question, seconds, at in
                    guard let r = interviews[id] else { return }
                    try writer.writeRow(layout.answer(r, question: question, seconds: seconds, at: at))
                }
                for row in layout.summary(interviews) { try writer.writeRow(row) }
            }
        }
    }

    struct CodebookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "Every column with its question, type, labels per language, choices, special codes, logic and identifier flag.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "md or csv.") var format = "md"
        @Option(help: "Output file (default: standard output).") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard format == "md" || format == "csv" else { throw ValidationError("--format must be md or csv") }
        }

        func run() throws {
            let q = try database.open(create: false).requireVersions(of: questionnaire).latest
            if format == "md" {
                try ExportFile.write(out, privateMode: false) { try $0.write(Codebook.markdown(q, languages: q.languages)) }
                return
            }
            try ExportFile.csv(out, privateMode: false) { writer in
                try writer.writeRow(Codebook.csvHeader)
                for row in Codebook.rows(q, languages: q.languages) { try writer.writeRow(row) }
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
            let out = try ExportFile.folder(self.out)
            var written: [String] = []
            // the interviews, then one table per repeat (rows = instances, linked by PARENT_KEY/KEY)
            for table in StatsSyntax.tables(versions, includeIdentifiers: includeIdentifiers) {
                try ExportFile.csv(out + "/" + table.csvName, privateMode: includeIdentifiers) { writer in
                    try writer.writeRow(StatsSyntax.names(table.layout.header))
                    try store.forEachInterview(questionnaire: questionnaire, includeOpen: false) { d in
                        guard let q = versions.questionnaire(row: d.record.questionnaireVersionRowID) else { return }
                        for row in table.layout.rows(ExportedInterview(d), questionnaire: q) { try writer.writeRow(row) }
                    }
                }
                let syntax = StatsSyntax.file(
                    package, csvName: table.csvName, layout: table.layout, header: table.layout.header, questionnaire: versions.latest,
                    language: lang)
                let syntaxName = table.base + "." + package.fileExtension
                try ExportFile.write(out + "/" + syntaxName, privateMode: false) { try $0.write(syntax) }
                written += [table.csvName, syntaxName]
            }
            Console.out("Wrote \(written.joined(separator: ", ")) to \(out).")
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
