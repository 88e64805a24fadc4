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
        @Option(help: "A third variable: one table for each of its categories.") var layer: String?
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
            // one table, or one per category of the layer variable
            var layers: [(code: String?, label: String, filter: String?)] = [(nil, "", `where`)]
            if let layer {
                guard let lq = latest.question(named: layer) else { throw Failure("\(questionnaire) has no question '\(layer)' to layer by") }
                guard lq.type.isCategorical else { throw Failure("--layer \(layer) is \(lq.type.rawValue); layer by a select_one, yes_no or scale question") }
                layers = lq.categoryCodes.map { code in
                    let label = lq.choice(code: code).map { latest.text($0.label, in: lang) } ?? code
                    let condition = "${\(layer)} = '\(code)'"
                    return (code, label, `where`.map { "(\($0)) and \(condition)" } ?? condition)
                }
            }
            let writer = CSVWriter { FileHandle.standardOutput.write(Data($0)) }
            if csv { try writer.writeRow(TidyCell.header) }
            for l in layers {
                let filter = try whereExpression(l.filter, latest)
                let (table, _) = try Tables.freq(store, questionnaire: questionnaire, question: question, by: by, filter: filter, includeOpen: includeOpen, language: lang)
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
}
