import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
import CanvassImport
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
        let (plan, versions, _) = try PlanFile.checked(
            self.plan, against: store, tables: true, includeIdentifiers: options.includeIdentifiers, report: Console.diagnostic)
        let main = versions.latest
        try main.checkLanguage(options.lang)
        var report = HTMLReport(title: main.text(plan.title, in: options.lang), language: options.lang ?? main.defaultLanguage)
        try PlanRun(plan, runner: runner, language: options.lang, versions: store.requireVersions).tables.forEach { report.add($0) }
        let html = report.render(generatedAt: Timestamp.now(), source: "\(main.id) \(main.version), plan \(self.plan)")
        try OutputFile.write(out, privateMode: false) { try $0.write(html) }
        Console.out("Wrote \(plan.tables.count) tables to \(out).")
    }
}
