import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import CanvassTabulation
import Foundation

struct TabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tab", abstract: "Tables from the answers.", subcommands: [Freq.self, Concerns.self])

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
            let filter = try whereExpression(`where`, versions.last!.1)
            let latest = versions.last!.1
            try checkLanguage(lang, latest)
            func find(_ name: String) throws -> Question {
                for (_, q) in versions.reversed() { if let x = q.question(named: name) { return x } }
                let near = Suggestion.nearest(to: name, among: latest.questions.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                throw Failure("\(questionnaire) has no question '\(name)'\(near)")
            }
            let question = try find(self.question)
            let byQuestion = try by.map(find)
            var table: Tabulation
            do { table = try Tabulation(question: question, by: byQuestion, questionnaire: latest, language: lang) }
            catch let e as Tabulation.TabulationError { throw Failure(e.description) }
            let byRow = Dictionary(uniqueKeysWithValues: versions.map { ($0.0.rowID, $0.1) })
            // Read only the answers the table needs: its questions and those their skip logic depends on.
            let names = [question.name] + (byQuestion.map { [$0.name] } ?? []) + (filter?.references.map(\.name) ?? [])
            var needed = Set<String>()
            var neededIndices: [Int: Set<Int>] = [:]
            for (s, q) in versions {
                let deps = InterviewEngine.dependencies(of: names, in: q)
                needed.formUnion(deps)
                neededIndices[s.rowID] = Set(deps.compactMap { q.index(of: $0) })
            }
            try store.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen, questions: needed) { data in
                guard let q = byRow[data.record.questionnaireVersionRowID] else { return }
                let relevance = InterviewEngine.relevance(of: q, answers: data.answers, only: neededIndices[data.record.questionnaireVersionRowID])
                func get(_ name: String) -> (Answer?, Bool) {
                    guard let i = q.index(of: name) else { return (nil, false) }
                    return relevance[i] ? (data.answers[name], true) : (nil, false)
                }
                if let filter {
                    let visible = ExpressionEvaluator { name in
                        let (a, relevant) = get(name)
                        return relevant ? (a?.expressionValue ?? "") : ""
                    }
                    guard visible.isTrue(filter) else { return }
                }
                let (a, relevant) = get(question.name)
                let b = byQuestion.map { get($0.name).0 } ?? nil
                table.add(answer: a, relevant: relevant, byAnswer: b)
            }
            if csv {
                let writer = CSVWriter { FileHandle.standardOutput.write(Data($0)) }
                try writer.writeRow(TidyCell.header)
                let name = byQuestion.map { "\(question.name)_by_\($0.name)" } ?? question.name
                for cell in TableOutput.tidy(table, table: name) { try writer.writeRow(cell.fields) }
                try writer.flush()
            } else {
                Console.out(TableOutput.text(table, questionnaire: latest, language: lang))
            }
        }
    }
}
