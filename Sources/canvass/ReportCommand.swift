import ArgumentParser
import CanvassCore
import CanvassStorage
import CanvassTabulation
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML file (no network, no JavaScript) with every table of a plan and SVG charts.")
    @Argument(help: "The plan file (e.g. tabulations/concerns.yaml).") var plan: String
    @Option(help: "The HTML file to write.") var out: String
    @Option(help: "Language of the labels.") var lang: String?
    @Flag(help: "Include interviews that are not completed.") var includeOpen = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(create: false)
        let (plan, main, _) = try readPlan(self.plan, store, tables: true)
        try checkLanguage(lang, main)
        var report = HTMLReport(title: main.text(plan.title, in: lang), language: lang ?? main.defaultLanguage)
        for t in plan.tables {
            let q = try storedVersions(store, t.questionnaire).last!.1
            let title = q.text(t.title, in: lang)
            switch t.kind {
            case .concerns:
                let (matrix, latest, _) = try Tables.concerns(store, plan: plan, groups: t.by, filter: t.filter?.expression, includeOpen: includeOpen, language: lang)
                report.addConcerns(matrix, name: t.name, title: title, questionnaire: latest, minBase: t.minBase)
            case .freq:
                let (table, _) = try Tables.freq(store, questionnaire: t.questionnaire, question: t.question!, by: t.by.first, filter: t.filter?.expression, includeOpen: includeOpen, language: lang)
                report.addFrequencies(table, name: t.name, title: title, minBase: t.minBase)
            }
        }
        let html = report.render(generatedAt: Timestamp.now(), source: "\(main.id) \(main.version), plan \(self.plan)")
        try OutputFile(out, privateMode: false).produce { try $0.write(Array(html.utf8)) }
        Console.out("Wrote \(plan.tables.count) tables to \(out).")
    }
}
