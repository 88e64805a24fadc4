import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import CanvassTabulation
import CanvassTerminal

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML file (no network, no JavaScript) with every table of a plan and SVG charts.")
    @Argument(help: "The plan file (e.g. tabulations/concerns.yaml).") var plan: String
    @Option(help: "The HTML file to write.") var out: String
    @OptionGroup var options: TableOptions

    func run() throws {
        let (store, runner) = try options.open()
        let (plan, versions, _) = try readPlan(self.plan, store, tables: true)
        let main = versions.latest
        try checkLanguage(options.lang, main)
        var report = HTMLReport(title: main.text(plan.title, in: options.lang), language: options.lang ?? main.defaultLanguage)
        for t in plan.tables {
            let v = try store.requireVersions(of: t.questionnaire)
            let title = v.latest.text(t.title, in: options.lang)
            let policy = SmallBasePolicy(minBase: t.minBase)
            switch t.kind {
            case .concerns:
                let (matrix, _) = try runner.concerns(v, plan: plan, groups: t.by, filter: t.filter?.expression, language: options.lang)
                report.addConcerns(matrix, name: t.name, title: title, questionnaire: v.latest, policy: policy)
            case .freq:
                let (table, _) = try runner.freq(
                    v, question: t.question ?? "", by: t.by.first, filter: t.filter?.expression, language: options.lang)
                report.addFrequencies(table, name: t.name, title: title, policy: policy)
            }
        }
        let html = report.render(generatedAt: Timestamp.now(), source: "\(main.id) \(main.version), plan \(self.plan)")
        try ExportFile.write(out, privateMode: false) { try $0.write(html) }
        Console.out("Wrote \(plan.tables.count) tables to \(out).")
    }
}
