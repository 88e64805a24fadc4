import ArgumentParser
import CanvassCore
import CanvassImport
import CanvassStorage
import CanvassTerminal
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a database from the bundled questionnaires and example interviews, print tables and write CSV.",
        discussion: "Reads schemas/*.yaml and fixtures/*.jsonl from the current folder; (re)creates canvass-demo.db.")
    @Option(help: "Folder of questionnaires.") var schemas = "schemas"
    @Option(help: "Folder of example interviews (.jsonl).") var fixtures = "fixtures"
    @Option(help: "The demo database (re-created each run).") var db = "canvass-demo.db"
    @Option(help: "Folder for the CSV files.") var outDir = "canvass-demo-out"

    func run() throws {
        let fm = FileManager.default
        let schemaFiles = try QuestionnaireFile.files(in: schemas, ending: "yaml", option: "schemas")
        if fm.fileExists(atPath: db) {
            _ = try CanvassStore(path: db, create: false)  // refuses a file that is not Canvass's
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: db + suffix) }
        }
        let options = ["--db", db]
        try SchemaCommand.Add.parse(schemaFiles + options).run()
        for f in try QuestionnaireFile.files(in: fixtures, ending: "jsonl", option: "fixtures") where !f.hasSuffix(".invalid.jsonl") {
            try ImportCommand.parse([f] + options).run()
        }
        let store = try CanvassStore(path: db, create: false)
        Console.out("\n### Concern areas experienced, by sector (firm_case)")
        try TabCommand.Freq.parse(["firm_case", "concern_areas", "--by", "sector", "--lang", "en"] + options).run()
        if FileManager.default.fileExists(atPath: "tabulations/concerns.yaml") {
            Console.out("\n### Concern matrix by sector: incidence and severity (tabulations/concerns.yaml)")
            try TabCommand.Concerns.parse(["tabulations/concerns.yaml", "--by", "sector", "--lang", "en"] + options).run()
        }
        if try store.questionnaireIDs().contains("expert_meeting") {
            Console.out("\n### Expert meetings: each participant's stance, by area of the agenda topic (one count per view)")
            try TabCommand.Freq.parse(["expert_meeting", "view_stance", "--by", "topic_area", "--lang", "en"] + options).run()
        }
        Console.out("")
        // one file per questionnaire, and one per repeat (QUESTIONNAIRE-REPEAT.csv, linked by PARENT_KEY/KEY)
        for id in try store.questionnaireIDs() { try ExportCommand.CSV.parse([id, "--out-dir", outDir] + options).run() }
        try ExportCommand.XLSX.parse(["firm_case", "--out", outDir + "/firm_case.xlsx", "--lang", "en"] + options).run()
        Console.out(
            "Done: database \(db), CSV files and firm_case.xlsx in \(outDir)/. Try: canvass tab freq firm_case tbt_items --by nationality --db \(db)"
        )
    }
}
