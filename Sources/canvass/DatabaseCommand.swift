import ArgumentParser
import CanvassCore
import CanvassStorage
import CanvassTabulation
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
            let store = try database.open(create: false)
            let problems = try DatabaseChecks.problems(store)
            for p in problems { Console.out(p) }
            guard problems.isEmpty else {
                Console.error("\(store.path): \(counted(problems.count, "problem"))")
                throw ExitCode(1)
            }
            Console.out("\(store.path): ok")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Database id, questionnaires, interview counts by status and interviewer, last change.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            Console.out("database \(store.path)")
            Console.out("id       \(try store.databaseID)")
            Console.out("created  \(try store.createdAt)")
            Console.out("")
            var grid = [["questionnaire", "version", "sha256"]]
            for id in try store.questionnaireIDs() {
                for v in try store.questionnaireVersions(id: id) { grid.append([v.id, v.version, String(v.hash.prefix(12))]) }
            }
            Console.out(DisplayWidth.grid(grid, rightAligned: []))
            Console.out("")
            let counts = try store.interviewCounts()
            var rows = [["questionnaire", "version", "interviewer", "status", "interviews", "last change"]]
            for c in counts { rows.append([c.questionnaire, c.version, c.interviewer, c.status.rawValue, String(c.count), c.lastChange]) }
            Console.out(DisplayWidth.grid(rows, rightAligned: []))
            let total = counts.reduce(0) { $0 + $1.count }
            let open = counts.filter { $0.status == .open }.reduce(0) { $0 + $1.count }
            let last = counts.map(\.lastChange).max() ?? "never"
            Console.out("\(total) interviews (\(total - open) completed, \(open) open); last change \(last)")
            let conflicts = try store.conflicts()
            if !conflicts.isEmpty { Console.out("\(counted(conflicts.count, "merge conflict")) to settle (canvass merge resolve)") }
        }
    }
}
