import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import CanvassTabulation
import Foundation

extension TabCommand {
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
            let (plan, latest, _) = try readPlan(self.plan, store, tables: false)
            let id = latest.id
            try checkLanguage(lang, latest)
            let groups = (by ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for g in groups {
                guard let q = latest.question(named: g) else { throw Failure("\(id) has no question '\(g)' to group by") }
                guard q.type.isCategorical else { throw Failure("--by \(g) is \(q.type.rawValue); group by select_one, yes_no or scale questions") }
            }
            let filter = try whereExpression(`where`, latest)
            let (matrix, _, interviews) = try Tables.concerns(store, plan: plan, groups: groups, filter: filter, includeOpen: includeOpen, language: lang)
            let k = minBase ?? plan.minBase
            let cells = matrix.tidy(table: "concerns" + (groups.isEmpty ? "" : "_by_" + groups.joined(separator: "_")), language: lang, questionnaire: latest, minBase: k)
            if csv {
                let writer = CSVWriter { FileHandle.standardOutput.write(Data($0)) }
                try writer.writeRow(TidyCell.header)
                for (cell, suppressed) in cells { try writer.writeRow(suppressed ? Array(cell.fields.dropLast()) + [""] : cell.fields) }
                try writer.flush()
                return
            }
            Console.out("\(latest.text(plan.title, in: lang)) (\(id), \(interviews) interviews\(`where`.map { ", where \($0)" } ?? ""); bases below \(k) suppressed)")
            Console.out("")
            let columns = [""] + matrix.groupOrder
            var grid: [[String]] = [["", ""] + columns.flatMap { [$0.isEmpty ? "Total" : (matrix.groupLabels[$0] ?? $0), "", ""] }]
            grid.append(["", ""] + columns.flatMap { _ in ["%", "sev", "n"] })
            for concern in plan.concerns {
                var line = [concern.category == nil ? concern.code : "  " + concern.code, (concern.category == nil ? "" : "  ") + latest.text(concern.label, in: lang)]
                for g in columns {
                    let c = matrix.cell(g, concern.code)
                    if c.asked < k { line += ["·", "", String(c.asked)]; continue }
                    let pct = c.asked > 0 ? Double(c.experienced) * 100 / Double(c.asked) : 0
                    let sev = c.severities.isEmpty ? "" : String(format: "%.1f", c.severities.reduce(0, +) / Double(c.severities.count))
                    line += [String(format: "%.0f", pct), sev, String(c.asked)]
                }
                grid.append(line)
            }
            Console.out(DisplayWidth.grid(grid, rightAligned: Set(2..<(2 + 3 * columns.count))))
            Console.out("")
            Console.out("% = experienced among those asked (n); sev = mean severity (1-5) among those who experienced it; · = base below \(k). --csv adds Wilson 95% intervals, top-2 % and ranks.")
        }
    }
}

/// The questionnaire a plan names, read before the plan is checked against it.
func planQuestionnaire(_ text: String) throws -> String {
    for line in text.split(separator: "\n") where line.hasPrefix("questionnaire:") {
        return line.dropFirst("questionnaire:".count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
    throw Failure("the plan does not say which questionnaire it is for (questionnaire: ID)")
}

/// `--where EXPR`, checked: valid syntax and only questions of the questionnaire.
func whereExpression(_ text: String?, _ q: Questionnaire) throws -> CanvassCore.Expression? {
    guard let text else { return nil }
    let e: CanvassCore.Expression
    do { e = try ExpressionParser.parse(text) } catch {
        let problem = error as? ExpressionError
        throw Failure("--where: \(problem?.message ?? "cannot be read") (at character \((problem?.offset ?? 0) + 1) of \(text))")
    }
    for (name, _) in e.references where q.index(of: name) == nil {
        let near = Suggestion.nearest(to: name, among: q.questions.map(\.name)).map { "; did you mean ${\($0)}?" } ?? ""
        throw Failure("--where: ${\(name)} is not a question of \(q.id)\(near)")
    }
    return e
}
