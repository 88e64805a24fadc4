import ArgumentParser
import CanvassCore
import CanvassStorage
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
            let target = try out ?? {
                var t = time(nil); var tm = tm(); localtime_r(&t, &tm)
                var buffer = [Int8](repeating: 0, count: 32)
                strftime(&buffer, 32, "%Y%m%d-%H%M%S", &tm)
                let stamp = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let dir = (store.path as NSString).deletingLastPathComponent
                return (dir.isEmpty ? "" : dir + "/") + "canvass-backup-\(stamp)-\(try store.databaseID.prefix(8)).db"
            }()
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
            if problems.isEmpty {
                Console.out("\(store.path): ok")
            } else {
                Console.error("\(store.path): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Database id, questionnaires, interview counts by status and interviewer, last change.")
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
            Console.out(TextGrid.render(grid))
            Console.out("")
            let counts = try store.interviewCounts()
            var rows = [["questionnaire", "version", "interviewer", "status", "interviews", "last change"]]
            for c in counts { rows.append([c.questionnaire, c.version, c.interviewer, c.status, String(c.count), c.lastChange]) }
            Console.out(TextGrid.render(rows))
            let total = counts.reduce(0) { $0 + $1.count }
            let open = counts.filter { $0.status == "open" }.reduce(0) { $0 + $1.count }
            Console.out("\(total) interviews (\(total - open) completed, \(open) open); last change \(counts.map(\.lastChange).max() ?? "never")")
            let conflicts = try store.conflicts()
            if !conflicts.isEmpty { Console.out("\(conflicts.count) merge conflict\(conflicts.count == 1 ? "" : "s") to settle (canvass merge resolve)") }
        }
    }
}

/// Canvass's own rules on a database, beyond SQLite's integrity check.
enum DatabaseChecks {
    static func problems(_ store: CanvassStore) throws -> [String] {
        var out = try store.integrityProblems().map { "sqlite: \($0)" }
        guard out.isEmpty else { return out }
        var lastEvent: [String: String?] = [:]
        for e in try store.events() where ["answer", "merge-update", "merge-resolve"].contains(e.kind) && e.question != nil && !(e.question!.hasPrefix("(")) {
            lastEvent["\(e.interviewID)\u{0}\(e.question!)"] = e.new
        }
        for id in try store.questionnaireIDs() {
            var byRow: [Int: Questionnaire] = [:]
            for v in try store.questionnaireVersions(id: id) {
                do { byRow[v.rowID] = try v.load() } catch { out.append("questionnaire \(v.id) \(v.version): stored source no longer reads") }
            }
            try store.forEachInterview(questionnaire: id, includeOpen: true) { d in
                let r = d.record
                guard let q = byRow[r.questionnaireVersionRowID] else { return }
                if r.status == .completed && r.completedAt == nil { out.append("interview \(r.id): completed without a completion time") }
                if r.status == .open && r.completedAt != nil { out.append("interview \(r.id): open but has a completion time") }
                for (name, answer) in d.answers.sorted(by: { $0.key < $1.key }) {
                    guard let target = q.target(ofKey: name) else { out.append("interview \(r.id): answer to \(name), which is not a question of \(q.id) \(q.version)"); continue }
                    let question: Question
                    switch target {
                    case .question(let i): question = q.questions[i]
                    case .addInstance(let g): question = .addInstance(key: name, group: q.groups[g], instance: 2)
                    }
                    if question.type == .note { out.append("interview \(r.id): answer to the note \(name)"); continue }
                    if case .value(let v) = answer, case .failure(let why) = AnswerParser.parse(v, for: question, strict: true) {
                        out.append("interview \(r.id): \(name) holds '\(v)', which is not a valid answer (\(why.reason))")
                    }
                    if let expected = lastEvent["\(r.id)\u{0}\(name)"], expected != DatabaseMerge.display(answer) {
                        out.append("interview \(r.id): \(name) is '\(DatabaseMerge.display(answer))' but the audit trail last set it to '\(expected ?? "(none)")'")
                    }
                }
            }
        }
        return out
    }
}
