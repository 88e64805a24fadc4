import CSQLite
import CanvassCore

/// Revision histories in the store: each committed change of an interview is a revision on its local branch; merges
/// and imports add the revisions of the other side (see `RevisionHistory` and docs/revisions.md).
extension CanvassStore {
    /// The revisions of an interview with their parents.
    public func history(interview id: Int) throws -> RevisionHistory {
        let s = try db.statement("SELECT rev, parents FROM revision WHERE interview_id = ?")
        defer { s.reset() }
        s.bind([.int(id)])
        var parents: [String: [String]] = [:]
        while try s.step() { parents[s.text(0) ?? ""] = (s.text(1) ?? "").split(separator: " ").map(String.init) }
        return RevisionHistory(parents)
    }

    /// The content (as InterviewCodec JSON) of each leaf of an interview other than the one shown: its conflicts.
    public func conflictingVersions(interview id: Int) throws -> [String: String] {
        let s = try db.statement("SELECT rev, content FROM revision WHERE interview_id = ? AND content IS NOT NULL")
        defer { s.reset() }
        s.bind([.int(id)])
        var out: [String: String] = [:]
        while try s.step() { out[s.text(0) ?? ""] = s.text(1) ?? "" }
        return out
    }

    func currentRevision(_ id: Int) throws -> String {
        let s = try db.statement("SELECT rev FROM interview WHERE id = ?")
        defer { s.reset() }
        s.bind([.int(id)])
        return try s.step() ? (s.text(0) ?? "") : ""
    }

    /// Makes the interview's current content a new revision on top of `parents` (its current revision when nil), inside
    /// the caller's transaction; returns it.
    @discardableResult
    func advanceRevision(_ id: Int, parents given: [String]? = nil) throws -> String {
        guard let record = try interview(id) else { throw StorageError("interview \(id) is no longer in \(path)") }
        let content = InterviewFingerprint.content(InterviewData(record: record, answers: try answers(interview: id)))
        let current = try currentRevision(id)
        let parents = given ?? (current.isEmpty ? [] : [current])
        let rev = RevisionHistory.revision(parents: parents, content: content)
        guard rev != current else { return rev }
        try addRevision(rev, parents: parents, interview: id, content: nil)
        try db.statement("UPDATE interview SET rev = ? WHERE id = ?").run([.text(rev), .int(id)])
        return rev
    }

    func addRevision(_ rev: String, parents: [String], interview id: Int, content: String?) throws {
        try db.statement("INSERT OR IGNORE INTO revision (interview_id, rev, parents, content) VALUES (?, ?, ?, ?)").run([
            .int(id), .text(rev), .text(parents.joined(separator: " ")), .optional(content),
        ])
    }

    func setConflictContent(_ rev: String, interview id: Int, content: String?) throws {
        try db.statement("UPDATE revision SET content = ? WHERE interview_id = ? AND rev = ?").run([
            .optional(content), .int(id), .text(rev),
        ])
    }

    /// Gives every interview without a revision its first one (databases written before revisions existed).
    func backfillRevisions() throws {
        let s = try Statement(connection: db, sql: "SELECT id FROM interview WHERE rev = ''")
        var ids: [Int] = []
        while try s.step() { ids.append(s.int(0)) }
        for id in ids { try advanceRevision(id, parents: []) }
    }

    /// Interviews with more than one version standing, and how many.
    public func conflicts() throws -> [(interview: Int, versions: Int)] {
        let s = try db.statement(
            "SELECT interview_id, count(*) + 1 FROM revision WHERE content IS NOT NULL GROUP BY interview_id ORDER BY 1")
        defer { s.reset() }
        var out: [(Int, Int)] = []
        while try s.step() { out.append((s.int(0), s.int(1))) }
        return out.map { (interview: $0.0, versions: $0.1) }
    }

    /// Bytes the revision table takes (for the storage figure per interview).
    public func revisionBytes() throws -> Int {
        try db.scalarInt("SELECT coalesce(sum(length(rev) + length(parents) + coalesce(length(content), 0) + 8), 0) FROM revision")
    }
}
