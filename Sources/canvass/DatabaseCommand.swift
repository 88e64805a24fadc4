import ArgumentParser
import CanvassCore
import CanvassStorage
import CanvassTabulation
import CanvassTerminal
import Foundation

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Back up, check and describe the database.", subcommands: [Backup.self, Check.self, Info.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A consistent copy, safe while an interview is running (mode 0600).")
        @Option(help: "The copy (default: canvass-backup-DATE-TIME-DBID.db next to the database).") var out: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let target = try out ?? store.defaultBackupPath()
            try store.backup(to: target)
            Console.out("Backed up \(store.path) to \(target).")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SQLite's integrity check plus Canvass's own rules; exit 1 with the problems listed.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let problems = try DatabaseChecks.problems(database.open(create: false, readOnly: true))
            for p in problems { Console.out(p) }
            guard problems.isEmpty else {
                Console.error("\(database.path): \(counted(problems.count, "problem"))")
                throw ExitCode(1)
            }
            Console.out("\(database.path): ok")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Database id, questionnaires, interview counts by status and interviewer, last change.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try DatabaseSummary.lines(try database.open(create: false)).forEach(Console.out)
        }
    }
}
