import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
import CanvassImport
import CanvassStorage
import CanvassTabulation
import CanvassTerminal
import Foundation

struct TabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tab", abstract: "Tables from the answers.", subcommands: [Freq.self, Concerns.self, Run.self])

    struct Freq: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Frequencies of one question (or summaries of a number), optionally crossed by another.",
            discussion: """
                Over completed interviews. Every choice in list order (zeros included), then dk, rf, no answer and not asked; \
                percentages of the valid base. select_multiple: % of respondents and % of mentions. --by gives column percentages.
                """)
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Argument(help: "Question name.") var question: String
        @Option(help: "Cross by this question (columns).") var by: String?
        @Option(help: "A third variable: one table for each of its categories.") var layer: String?
        @Flag(help: "Tidy CSV: table,row_var,row_code,row_label,col_var,col_code,col_label,statistic,value.") var csv = false
        @Option(help: "Only interviews where this expression is true, e.g. \"${nationality} = 'kr'\".") var `where`: String?
        @Option(help: "Blank the percentages of columns whose valid base is below K (marked suppressed in --csv).") var minBase = 0
        @OptionGroup var options: TableOptions

        func run() throws {
            let (store, runner) = try options.open()
            let (versions, policy) = (try store.requireVersions(of: questionnaire), SmallBasePolicy(minBase: minBase))
            let latest = versions.latest
            try latest.checkLanguage(options.lang)
            // one table, or one per category of the layer variable
            let layers = try TableLayer.layers(of: layer, in: latest, where: `where`, language: options.lang)
            let writer = CSVWriter { Console.write(String(decoding: $0, as: UTF8.self)) }
            if csv { try writer.writeRow(TidyCell.header) }
            for l in layers {
                let filter = try l.filter.map { try InterviewFilter.parse($0, for: latest, includeIdentifiers: options.includeIdentifiers) }
                let (table, _) = try runner.freq(versions, question: question, by: by, filter: filter, language: options.lang)
                if csv {
                    try writer.writeRows(TableRunner.tidy(table, name: l.tableName(table, variable: layer), policy: policy).map(\.fields))
                } else {
                    Console.out(
                        l.text(table, variable: layer, questionnaire: latest, language: options.lang, policy: policy, width: Console.width))
                }
            }
            try writer.flush()
        }
    }

    struct Concerns: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The concern matrix of a plan: incidence with Wilson 95% intervals, mean severity, top-2 %, rank; by any grouping.",
            discussion: """
                The plan (e.g. tabulations/concerns.yaml) declares the categories and items and how "experienced" and
                "severity" are read from the answers. n asked counts interviews whose answers the definition reads were
                asked and given; incidence is experienced / asked. --by sector,nationality crosses the groups.
                """)
        @Argument(help: "The plan file.") var plan: String
        @Option(help: "Group by these questions, comma-separated (their combinations form the columns).") var by: String?
        @Option(help: "Only interviews where this expression is true, e.g. \"${nationality} = 'kr'\".") var `where`: String?
        @Option(help: "Blank every statistic whose base is below K (marked suppressed); default: the plan's min_base.") var minBase: Int?
        @Flag(help: "Tidy CSV instead of the aligned table.") var csv = false
        @OptionGroup var options: TableOptions

        func run() throws {
            let (store, runner) = try options.open()
            let (plan, versions, _) = try PlanFile.checked(
                self.plan, against: store, tables: false, includeIdentifiers: options.includeIdentifiers, report: Console.diagnostic)
            let latest = versions.latest
            try latest.checkLanguage(options.lang)
            let groups = try TableRunner.groups(by, in: latest)
            let filter = try `where`.map { try InterviewFilter.parse($0, for: latest, includeIdentifiers: options.includeIdentifiers) }
            let (matrix, interviews) = try runner.concerns(versions, plan: plan, groups: groups, filter: filter, language: options.lang)
            let policy = SmallBasePolicy(minBase: minBase ?? plan.minBase)
            if csv {
                let name = "concerns" + (groups.isEmpty ? "" : "_by_" + groups.joined(separator: "_"))
                try TableFiles.tidy(matrix.tidy(table: name, language: options.lang, questionnaire: latest, policy: policy), to: nil)
                return
            }
            Console.out(
                matrix.report(
                    questionnaire: latest, interviews: interviews, filter: `where`, language: options.lang, policy: policy,
                    width: Console.width))
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a tabulation plan: one tidy CSV per table, index.csv and manifest.json (versions, hashes, filters, counts).",
            discussion: "The same plan on the same data gives byte-identical table files. A broken plan gets FILE:LINE:COL errors.")
        @Argument(help: "The plan file (e.g. tabulations/concerns.yaml).") var plan: String
        @Option(help: "Output folder.") var out: String
        @OptionGroup var options: TableOptions

        func run() throws {
            let (store, runner) = try options.open()
            let (plan, _, data) = try PlanFile.checked(
                self.plan, against: store, tables: true, includeIdentifiers: options.includeIdentifiers, report: Console.diagnostic)
            guard !plan.tables.isEmpty else { throw Failure("\(self.plan) lists no tables (tables: [...])") }
            let run = try PlanRun(plan, runner: runner, language: options.lang, versions: store.requireVersions)
            let manifest = run.manifest(
                canvass: Canvass.configuration.version, plan: self.plan, planSHA256: SHA256.hex(data), databaseID: try store.databaseID,
                includeOpen: options.includeOpen, language: options.lang, generatedAt: Timestamp.now(),
                versions: try Set(plan.tables.map(\.questionnaire)).sorted().map(store.requireVersions))
            try OutputFolder.write(out) { try TableFiles.write(run, manifest: manifest, to: $0.path) }.forEach(Console.out)
            Console.out("Wrote \(plan.tables.count) tables, index.csv and manifest.json to \(OutputFolder.name(out))/.")
        }
    }
}
