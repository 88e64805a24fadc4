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
            discussion: "Over completed interviews. Every choice in list order (zeros included), then dk, rf, no answer and not asked; percentages of the valid base. select_multiple: % of respondents and % of mentions. --by gives column percentages.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Argument(help: "Question name.") var question: String
        @Option(help: "Cross by this question (columns).") var by: String?
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Tidy CSV: table,row_var,row_code,row_label,col_var,col_code,col_label,statistic,value.") var csv = false
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @Option(help: "Only interviews where this expression is true, e.g. \"${nationality} = 'kr'\".") var `where`: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try storedVersions(store, questionnaire)
            let latest = versions.last!.1
            try checkLanguage(lang, latest)
            let filter = try whereExpression(`where`, latest)
            let (table, _) = try Tables.freq(store, questionnaire: questionnaire, question: question, by: by, filter: filter, includeOpen: includeOpen, language: lang)
            let byQuestion = table.by
            if csv {
                let writer = CSVWriter { FileHandle.standardOutput.write(Data($0)) }
                try writer.writeRow(TidyCell.header)
                let name = byQuestion.map { "\(table.question.name)_by_\($0.name)" } ?? table.question.name
                for cell in TableOutput.tidy(table, table: name) { try writer.writeRow(cell.fields) }
                try writer.flush()
            } else {
                Console.out(TableOutput.text(table, questionnaire: latest, language: lang))
            }
        }
    }
}
