import ArgumentParser
import CanvassCore
import CanvassImport
import CanvassStorage
import CanvassTerminal

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import interviews from JSON Lines, all or nothing.",
        discussion: """
            One interview per line: {"questionnaire":"firm_case","version":"2018.1","key":"...","respondent":"...","interviewer":"kim",
            "started_at":"2018-07-02T10:00:00+09:00","answers":{"sector":"ai","concerns":["csl"],"employees":{"special":"dk"}}};
            "status" is open or completed (the default). The questionnaire version must be stored first (canvass schema add FILE).
            Every answer is checked as the interview checks it; one bad line imports nothing, and every bad line is reported.
            An interview already here is merged by its revisions (docs/revisions.md): importing a file again changes
            nothing; a line without a key gets one made from its content.
            """)
    @Argument(help: "A .jsonl file.") var file: String
    @OptionGroup var database: DatabaseOptions

    static let shownErrors = 200

    func run() throws {
        let store = try database.open()
        let progress = ProgressBar(total: 1, what: "import")
        defer { progress.finish() }
        let file = self.file
        let summary = try JSONLinesImport(
            file: file, into: store, now: Timestamp.now(),
            reportLimit: Self.shownErrors,
            report: { line, message in
                progress.finish()
                Console.diagnostic("\(file):\(line): error: \(message)")
            },
            progress: { done, total in progress.update(done, of: total) }
        ).run()
        progress.finish()
        guard summary.kept else {
            if summary.errors > Self.shownErrors { Console.diagnostic("\(file): ... and \(summary.errors - Self.shownErrors) more errors") }
            throw Failure("\(file): \(counted(summary.errors, "bad line")); nothing was imported")
        }
        summary.lines(file: file, database: store.path).forEach(Console.out)
    }
}
