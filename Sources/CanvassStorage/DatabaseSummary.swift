import CanvassCore

/// `db info`: what a database holds, as lines: its id, questionnaire versions, interviews by questionnaire,
/// interviewer and status, conflicts left to settle, and the export log's latest entry.
public enum DatabaseSummary {
    public static func lines(_ store: CanvassStore) throws -> [String] {
        var out = ["database \(store.path)", "id       \(try store.databaseID)", "created  \(try store.createdAt)", ""]
        var versions = [["questionnaire", "version", "sha256"]]
        for id in try store.questionnaireIDs() {
            for v in try store.questionnaireVersions(id: id) { versions.append([v.id, v.version, String(v.hash.prefix(12))]) }
        }
        out += [DisplayWidth.grid(versions, rightAligned: []), ""]
        let counts = try store.interviewCounts()
        var rows = [["questionnaire", "version", "interviewer", "status", "interviews", "last change"]]
        for c in counts { rows.append([c.questionnaire, c.version, c.interviewer, c.status.rawValue, String(c.count), c.lastChange]) }
        out.append(DisplayWidth.grid(rows, rightAligned: []))
        let total = counts.reduce(0) { $0 + $1.count }
        let open = counts.filter { $0.status == .open }.reduce(0) { $0 + $1.count }
        out.append(
            "\(total) interviews (\(total - open) completed, \(open) open); last change \(counts.map(\.lastChange).max() ?? "never")")
        let conflicts = try store.conflicts().count
        if conflicts > 0 { out.append("\(conflicts) merge conflict\(conflicts == 1 ? "" : "s") to settle (canvass merge resolve)") }
        if let e = try store.lastExport() {
            out.append(
                "\(e.count) export\(e.count == 1 ? "" : "s") logged; the last \(e.at) by \(e.actor ?? "unknown"): canvass \(e.command) "
                    + "(each interview's exports: canvass interview log ID)")
        }
        return out
    }
}
