import CanvassCore
import Foundation

/// The export log: every export of data out of the database, who ran it and when, its command line (the files it
/// wrote, whether identifiers were included) and the interviews it held, as REDCap logs data exports. An export
/// reads through a read-only connection; the log is written afterwards through a short write of its own.
extension CanvassStore {
    /// Every interview of `questionnaire` by id, handed out (the audit and paradata exports hold them all).
    public func handOutInterviews(questionnaire: String) throws -> [Int: InterviewRecord] {
        let records = try interviews(questionnaire: questionnaire)
        handedOut.formUnion(records.map(\.id))
        return Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
    }

    /// Records in the log an export just finished by a command that read through this store: `command` is its
    /// command line after the program's name, `identifiers` whether it included identifiers. Returns the entry's id.
    @discardableResult
    public func logExport(command: String, identifiers: Bool, by actor: String? = CanvassStore.currentUser ?? NSUserName()) throws -> Int {
        let writer = try CanvassStore(path: path, create: false)
        return try writer.db.transaction {
            try writer.db.statement("INSERT INTO export_log (at, actor, command, identifiers) VALUES (?, ?, ?, ?)").run([
                .text(writer.clock()), .optional(actor), .text(command), .int(identifiers ? 1 : 0),
            ])
            let id = writer.db.lastInsertRowID
            let insert = try writer.db.statement("INSERT OR IGNORE INTO export_interview (interview_id, export_id) VALUES (?, ?)")
            for interview in handedOut.sorted() { try insert.run([.int(interview), .int(id)]) }
            return id
        }
    }

    /// Interview `id`'s whole trail, oldest first: its changes, notes and status, and the exports that held it.
    public func trail(interview id: Int) throws -> [AuditEvent] {
        (try events(interview: id) + exportEvents(interview: id)).sorted { $0.at < $1.at }
    }

    /// The exports that held interview `id`, as events of its audit trail (kind `export`: the command, and whether
    /// identifiers were in it).
    public func exportEvents(interview id: Int) throws -> [AuditEvent] {
        let s = try db.statement(
            """
            SELECT e.at, e.actor, e.command, e.identifiers FROM export_interview x JOIN export_log e ON e.id = x.export_id
            WHERE x.interview_id = ? ORDER BY e.id
            """)
        defer { s.reset() }
        s.bind([.int(id)])
        var out: [AuditEvent] = []
        while try s.step() {
            out.append(
                AuditEvent(
                    interviewID: id, kind: .exported, new: s.text(2), actor: s.text(1),
                    reason: s.int(3) == 1 ? "identifiers included" : "identifiers masked", at: s.text(0) ?? ""))
        }
        return out
    }

    /// How many exports the log holds, and the latest: for `db info`.
    public func lastExport() throws -> (count: Int, at: String, actor: String?, command: String)? {
        let count = try db.scalarInt("SELECT count(*) FROM export_log")
        let s = try db.statement("SELECT at, actor, command FROM export_log ORDER BY id DESC LIMIT 1")
        defer { s.reset() }
        guard count > 0, try s.step() else { return nil }
        return (count, s.text(0) ?? "", s.text(1), s.text(2) ?? "")
    }
}

/// The store an export command reads through, kept until the command has finished so that the export is logged
/// then, once, whatever the command (CSV, JSON Lines, Stata, SPSS, R, Excel, audit, paradata, codebook).
public enum ExportLog {
    /// Set and read on the main thread only: the command's own store.
    nonisolated(unsafe) static var current: CanvassStore?

    /// `store`, remembered as the one this command exports from.
    public static func track(_ store: CanvassStore) -> CanvassStore {
        current = store
        return store
    }

    /// Logs the finished export, if the command was one: `arguments` its command line after the program's name.
    /// Returns a warning when the log cannot be written (a read-only folder): the export itself stands.
    public static func finish(arguments: [String]) -> String? {
        guard let store = current else { return nil }
        current = nil
        let command = arguments.map { $0.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "'\($0)'" : $0 }
        do {
            try store.logExport(command: command.joined(separator: " "), identifiers: arguments.contains("--include-identifiers"))
            return nil
        } catch {
            return "the export was written but could not be recorded in the export log of \(store.path): \(error)"
        }
    }
}
