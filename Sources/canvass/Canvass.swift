import ArgumentParser
import CanvassCore
import CanvassStorage
import CanvassTerminal
import Foundation

@main
struct Canvass: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canvass",
        abstract: "Collect interview and survey data from questionnaire files, and turn it into tables.",
        discussion: """
            The database is --db PATH, else $CANVASS_DB, else ./canvass.db.
            Quick start: canvass demo   (example questionnaires and data, tables and CSV)
            """,
        version: "0.1.0",
        subcommands: [
            SchemaCommand.self, InterviewCommand.self, ImportCommand.self, ExportCommand.self, TabCommand.self, SimulateCommand.self,
            ReportCommand.self, MergeCommand.self, DatabaseCommand.self, CodeCommand.self, StudyCommand.self, DemoCommand.self,
        ]
    )

    /// Runs the command; every failure becomes one line on stderr and an exit code, never a stack trace.
    static func main() {
        // Past a file size limit, writes must fail with an error we can report, not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        // A closed pipe is an error to report (one line, exit 1), not a silent death.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            ExportLog.finish(arguments: Array(CommandLine.arguments.dropFirst())).map(Console.warn)
        } catch let e as any UserFacingError {
            Console.error(e.message)
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

/// A failure the user can act on: printed as `canvass: error: MESSAGE`.
struct Failure: UserFacingError {
    var message: String
    init(_ message: String) { self.message = message }
}
