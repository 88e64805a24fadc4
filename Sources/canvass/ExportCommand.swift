import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
import CanvassImport
import CanvassNativeFiles
import CanvassStorage
import CanvassTerminal
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Interviews as CSV, Stata, SPSS, R, Excel or JSON Lines; audit trail, paradata, codebook.",
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
        @Flag(help: "Keep names inside free text (they are replaced by [question] by default); with --include-identifiers.")
        var noRedact = false
        @Flag(help: "Include interviews that are not completed (adds a status column).") var includeOpen = false
        @Option(help: "A plan: blank its grouping variables where their combination has fewer than its min_base interviews.") var safe:
            String?
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
            try store.requireKeyForIdentifiers(includeIdentifiers)
            try versions.latest.checkLanguage(lang)
            let pseudonym = pseudonymize ? Pseudonyms(key: try store.pseudonymKey()).function : nil
            if long {
                let layout = LongLayout(includeIdentifiers: includeIdentifiers, language: lang, pseudonym: pseudonym)
                let count = try InterviewExports.longFile(
                    store, versions, layout: layout, includeOpen: includeOpen, excel: excel, redact: !noRedact, to: target.out)
                if let file = realFile(target.out) { Console.out("Wrote \(count) answers to \(file).") }
                return
            }
            let options = WideExport.Options(
                includeIdentifiers: includeIdentifiers, includeOpen: includeOpen, excel: excel, labels: labels, language: lang,
                pseudonym: pseudonym, redact: !noRedact,
                suppression: try safe.map {
                    try SmallCellSuppression(plan: PlanFile.checked($0, against: store).plan, questionnaire: versions.latest)
                })
            let count = { try store.interviews(questionnaire: versions.id).count }
            try WideExport.files(store, versions, options: options, repeat: repeatName, out: target.out, outDir: outDir) {
                try ProgressBar.around(showing: realFile($0) != nil, total: count, what: "export", $1)
            }.forEach(Console.out)
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
            try store.requireKeyForIdentifiers(includeIdentifiers)
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
