import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write interviews as CSV (one row per interview) or JSON Lines.",
        subcommands: [CSV.self, JSONL.self, Audit.self, Paradata.self, CodebookCommand.self, Stata.self, SPSS.self, R.self])

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per completed interview, one column per question; select_multiple also as 0/1 columns.",
            discussion: """
                Identifier questions and the respondent are left out unless --include-identifiers. dk/rf are written as the \
                questionnaire's special codes (default -98/-99).
                """)
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Include interviews that are not completed (adds a status column).") var includeOpen = false
        @Flag(help: "Write a UTF-8 byte-order mark and CRLF line ends for Excel.") var excel = false
        @Flag(help: "Choice labels instead of codes (in --lang).") var labels = false
        @Option(help: "Language of --labels.") var lang: String?
        @Flag(help: "One row per answer (interview, question, value, label, special) instead of one per interview.") var long = false
        @Flag(help: "Replace interview numbers and keys by stable keyed hashes (the key stays in the database).") var pseudonymize = false
        @Option(
            name: .customLong("repeat"),
            help: "Write the rows of this repeat (one per instance, with PARENT_KEY and KEY) instead of the interviews.")
        var repeatName: String?
        @Option(help: "Write a folder: QUESTIONNAIRE.csv and QUESTIONNAIRE-REPEAT.csv for each repeat, linked by PARENT_KEY/KEY.")
        var outDir: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            try checkLanguage(lang, versions.latest)
            let pseudonym = pseudonymize ? Pseudonyms(key: try store.pseudonymKey()).function : nil
            if long {
                let layout = LongLayout(includeIdentifiers: includeIdentifiers, language: lang, pseudonym: pseudonym)
                var count = 0
                try ExportFile.csv(out, privateMode: includeIdentifiers, excel: excel) { writer in
                    try writer.writeRow(LongLayout.header)
                    try store.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen) { d in
                        guard let q = versions.questionnaire(row: d.record.questionnaireVersionRowID) else { return }
                        let rows = layout.rows(d, questionnaire: q)
                        for row in rows { try writer.writeRow(row) }
                        count += rows.count
                    }
                }
                if let file = realFile(out) { Console.out("Wrote \(count) answers to \(file).") }
                return
            }
            try WideLayout.checkCompatible(versions)
            let repeats = WideLayout.repeatNames(versions.all)
            if let name = repeatName, !repeats.contains(name) {
                let near = Suggestion.nearest(to: name, among: repeats).map { "; did you mean \($0)?" } ?? ""
                throw Failure(
                    repeats.isEmpty
                        ? "\(questionnaire) has no repeats"
                        : "\(questionnaire) has no repeat \(name)\(near) (its repeats: \(repeats.joined(separator: ", ")))")
            }
            func write(_ name: String?, to file: String?) throws -> Int {
                var layout = WideLayout(
                    versions: versions.all, includeIdentifiers: includeIdentifiers, includeStatus: includeOpen, repeat: name)
                layout.labels = (lang, labels)
                layout.pseudonym = pseudonym
                // counting the interviews costs a scan: only when a terminal shows the bar
                let total = realFile(file) == nil || !Console.errorIsTerminal ? 0 : try store.interviews(questionnaire: questionnaire).count
                let progress = ProgressBar(total: total, what: "export")
                defer { progress.finish() }
                var n = 0
                try ExportFile.write(file, privateMode: includeIdentifiers) { output in
                    n = try WideExport.write(
                        store, versions, layout: layout, includeOpen: includeOpen, excel: excel, to: output, progress: progress.update)
                }
                return n
            }
            if let outDir {
                guard out == nil, repeatName == nil else { throw Failure("--out-dir writes every file; leave out --out and --repeat") }
                let dir = try ExportFile.folder(outDir)
                var files: [String] = []
                for name in [nil] + repeats.map(Optional.some) {
                    let file = questionnaire + (name.map { "-" + $0 } ?? "") + ".csv"
                    files.append("\(file) (\(counted(try write(name, to: dir + "/" + file), "row")))")
                }
                Console.out("Wrote \(files.joined(separator: ", ")) to \(dir).")
                return
            }
            let n = try write(repeatName, to: out)
            if let file = realFile(out) {
                Console.out("Wrote \(counted(n, repeatName.map { "\($0) row" } ?? "interview")) to \(file).")
                if repeatName == nil && !repeats.isEmpty {
                    Console.out(
                        "The repeats (\(repeats.joined(separator: ", "))) have their own files: --out-dir DIR writes all of them, --repeat NAME one."
                    )
                }
            }
        }
    }

    struct JSONL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jsonl", abstract: "Interviews in the import format (round trip); identifiers only with --include-identifiers.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Include identifier answers and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @Flag(help: "Replace interview keys by stable keyed hashes (the key stays in the database).") var pseudonymize = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try store.requireVersions(of: questionnaire)
            let pseudonym = pseudonymize ? Pseudonyms(key: try store.pseudonymKey()).function : nil
            let notes = try store.notes()
            var count = 0
            try ExportFile.write(out, privateMode: includeIdentifiers) { output in
                try store.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen) { data in
                    guard let q = versions.questionnaire(row: data.record.questionnaireVersionRowID) else { return }
                    let attached = (notes[data.record.id] ?? []).map {
                        InterviewNote(question: $0.question ?? "", text: $0.new ?? "", by: $0.actor, at: $0.at)
                    }
                    var e = ExportedInterview(data, notes: attached)
                    if let pseudonym { e.key = pseudonym(e.key) }
                    try output.writeLine(InterviewJSON.line(e, questionnaire: q, includeIdentifiers: includeIdentifiers))
                    count += 1
                }
            }
            if let file = realFile(out) { Console.out("Wrote \(counted(count, "interview")) to \(file).") }
        }
    }
}
