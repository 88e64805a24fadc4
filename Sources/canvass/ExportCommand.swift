import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
import CanvassNativeFiles
import CanvassStorage
import CanvassTerminal
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write interviews as CSV (one row per interview) or JSON Lines.",
        subcommands: [CSV.self, JSONL.self, Audit.self, Paradata.self, CodebookCommand.self, Stata.self, SPSS.self, R.self, XLSX.self])

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per completed interview, one column per question; select_multiple also as 0/1 columns.",
            discussion: """
                Identifier questions and the respondent are left out unless --include-identifiers. dk/rf are written as the \
                questionnaire's special codes (default -98/-99).
                """)
        @OptionGroup var target: ExportOptions
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

        func run() throws {
            let (store, versions) = try target.open(writing: pseudonymize)
            try checkLanguage(lang, versions.latest)
            let pseudonym = pseudonymize ? Pseudonyms(key: try store.pseudonymKey()).function : nil
            if long {
                let layout = LongLayout(includeIdentifiers: includeIdentifiers, language: lang, pseudonym: pseudonym)
                var count = 0
                try OutputFile.csv(target.out, privateMode: includeIdentifiers, excel: excel) { writer in
                    count = try InterviewExports.long(store, versions, layout: layout, includeOpen: includeOpen, to: writer)
                }
                if let file = realFile(target.out) { Console.out("Wrote \(count) answers to \(file).") }
                return
            }
            try WideLayout.checkCompatible(versions)
            let repeats = try WideLayout.repeatNames(versions.all, checking: repeatName, of: target.questionnaire)
            let options = WideExport.Options(
                includeIdentifiers: includeIdentifiers, includeOpen: includeOpen, excel: excel, labels: labels, language: lang,
                pseudonym: pseudonym)
            func write(_ name: String?, to file: String?) throws -> Int {
                // counting the interviews costs a scan: only when a terminal shows the bar
                let total = realFile(file) == nil || !Console.errorIsTerminal ? 0 : try store.interviews(questionnaire: versions.id).count
                let progress = ProgressBar(total: total, what: "export")
                defer { progress.finish() }
                return try WideExport.file(store, versions, options: options, repeat: name, to: file, progress: progress.update)
            }
            if let outDir {
                guard target.out == nil, repeatName == nil else {
                    throw Failure("--out-dir writes every file; leave out --out and --repeat")
                }
                let files = try OutputFolder.write(outDir) { folder in
                    try ([nil] + repeats.map(Optional.some)).map { name in
                        let file = target.questionnaire + (name.map { "-" + $0 } ?? "") + ".csv"
                        return "\(file) (\(counted(try write(name, to: folder.file(file)), "row")))"
                    }
                }
                Console.out("Wrote \(files.joined(separator: ", ")) to \(OutputFolder.name(outDir)).")
                return
            }
            let n = try write(repeatName, to: target.out)
            if let file = realFile(target.out) {
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
        @OptionGroup var target: ExportOptions
        @Flag(help: "Include identifier answers and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @Flag(help: "Replace interview keys by stable keyed hashes (the key stays in the database).") var pseudonymize = false

        func run() throws {
            let (store, versions) = try target.open(writing: pseudonymize)
            let pseudonym = pseudonymize ? Pseudonyms(key: try store.pseudonymKey()).function : nil
            let notes = try store.notes()
            var count = 0
            try OutputFile.write(target.out, privateMode: includeIdentifiers) { output in
                count = try InterviewExports.jsonLines(
                    store, versions, notes: notes, includeIdentifiers: includeIdentifiers, includeOpen: includeOpen, pseudonym: pseudonym,
                    histories: { try store.history(interview: $0) }, to: output)
            }
            if let file = realFile(target.out) { Console.out("Wrote \(counted(count, "interview")) to \(file).") }
        }
    }
}
