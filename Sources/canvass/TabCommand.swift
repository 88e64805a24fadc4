import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import CanvassTabulation
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
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Tidy CSV: table,row_var,row_code,row_label,col_var,col_code,col_label,statistic,value.") var csv = false
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @Option(help: "Only interviews where this expression is true, e.g. \"${nationality} = 'kr'\".") var `where`: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            let latest = versions.latest
            try checkLanguage(lang, latest)
            // one table, or one per category of the layer variable
            var layers: [(code: String?, label: String, filter: String?)] = [(nil, "", `where`)]
            if let layer {
                guard let lq = latest.question(named: layer) else {
                    throw Failure("\(questionnaire) has no question '\(layer)' to layer by")
                }
                guard lq.type.isCategorical else {
                    throw Failure("--layer \(layer) is \(lq.type.rawValue); layer by a select_one, yes_no or scale question")
                }
                layers = lq.categoryCodes.map { code in
                    let label = lq.choice(code: code).map { latest.text($0.label, in: lang) } ?? code
                    return (code, label, InterviewFilter.layer(layer, code: code, and: `where`))
                }
            }
            let runner = TableRunner(store, includeOpen: includeOpen)
            let writer = CSVWriter { FileHandle.standardOutput.write(Data($0)) }
            if csv { try writer.writeRow(TidyCell.header) }
            for l in layers {
                let filter = try l.filter.map { try InterviewFilter.parse($0, for: latest) }
                let (table, _) = try runner.freq(versions, question: question, by: by, filter: filter, language: lang)
                var name = table.by.map { "\(table.question.name)_by_\($0.name)" } ?? table.question.name
                if let code = l.code, let layer { name += "_layer_\(layer)_\(code)" }
                if csv {
                    for cell in TableOutput.tidy(table, table: name) { try writer.writeRow(cell.fields) }
                } else {
                    if let code = l.code, let layer { Console.out("\n=== \(layer) = \(code) (\(l.label)) ===") }
                    Console.out(TableOutput.text(table, questionnaire: latest, language: lang))
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
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Tidy CSV instead of the aligned table.") var csv = false
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let (plan, versions, _) = try readPlan(self.plan, store, tables: false)
            let latest = versions.latest
            try checkLanguage(lang, latest)
            let groups = (by ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for g in groups {
                guard let q = latest.question(named: g) else { throw Failure("\(latest.id) has no question '\(g)' to group by") }
                guard q.type.isCategorical else {
                    throw Failure("--by \(g) is \(q.type.rawValue); group by select_one, yes_no or scale questions")
                }
            }
            let filter = try `where`.map { try InterviewFilter.parse($0, for: latest) }
            let runner = TableRunner(store, includeOpen: includeOpen)
            let (matrix, interviews) = try runner.concerns(versions, plan: plan, groups: groups, filter: filter, language: lang)
            let policy = SmallBasePolicy(minBase: minBase ?? plan.minBase)
            if csv {
                let name = "concerns" + (groups.isEmpty ? "" : "_by_" + groups.joined(separator: "_"))
                try ExportFile.csv(nil, privateMode: false) { writer in
                    try writer.writeRow(TidyCell.header)
                    for row in matrix.tidy(table: name, language: lang, questionnaire: latest, policy: policy) {
                        try writer.writeRow(row.fields)
                    }
                }
                return
            }
            let filtered = `where`.map { ", where \($0)" } ?? ""
            Console.out(
                "\(latest.text(plan.title, in: lang)) (\(latest.id), \(interviews) interviews\(filtered); bases below \(policy.minBase) suppressed)"
            )
            Console.out("")
            Console.out(matrix.text(questionnaire: latest, language: lang, policy: policy))
            Console.out("")
            Console.out(
                "% = experienced among those asked (n); sev = mean severity (1-5) among those who experienced it; · = base below "
                    + "\(policy.minBase). --csv adds Wilson 95% intervals, top-2 % and ranks.")
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a tabulation plan: one tidy CSV per table, index.csv and manifest.json (versions, hashes, filters, counts).",
            discussion: "The same plan on the same data gives byte-identical table files. A broken plan gets FILE:LINE:COL errors.")
        @Argument(help: "The plan file (e.g. tabulations/concerns.yaml).") var plan: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let (plan, _, data) = try readPlan(self.plan, store, tables: true)
            guard !plan.tables.isEmpty else { throw Failure("\(self.plan) lists no tables (tables: [...])") }
            let out = try ExportFile.folder(self.out)
            let run = try PlanRun(
                plan, runner: TableRunner(store, includeOpen: includeOpen), language: lang, versions: store.requireVersions)
            for t in run.tables {
                try ExportFile.csv(out + "/" + t.fileName, privateMode: false) { writer in
                    try writer.writeRow(TidyCell.header)
                    for row in t.rows { try writer.writeRow(row.fields) }
                }
                Console.out("\(t.spec.name): \(t.count) \(t.unit), \(t.rows.count) cells")
            }
            try ExportFile.csv(out + "/index.csv", privateMode: false) { writer in
                for row in run.index { try writer.writeRow(row) }
            }
            let manifest = run.manifest(
                canvass: Canvass.configuration.version, plan: self.plan, planSHA256: SHA256.hex(data), databaseID: try store.databaseID,
                includeOpen: includeOpen, language: lang, generatedAt: Timestamp.now(),
                versions: try Set(plan.tables.map(\.questionnaire)).sorted().map(store.requireVersions))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = Array(try encoder.encode(manifest)) + [10]
            try ExportFile.write(out + "/manifest.json", privateMode: false) { try $0.write(json) }
            Console.out("Wrote \(plan.tables.count) tables, index.csv and manifest.json to \(out)/.")
        }
    }
}
