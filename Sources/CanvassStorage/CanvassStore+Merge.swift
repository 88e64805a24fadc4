import CanvassCore

/// Bringing one interview in from elsewhere (another database, or an import line) by the revision rule.
extension CanvassStore {
    /// What happened to one interview brought in.
    public struct MergeResult {
        public var outcome: MergeOutcome
        public var interview: Int
        /// The interview as shown here before (nil when it was added).
        public var before: InterviewData?
        /// Their version as shown there, when it is now the other side of a conflict (or the one taken).
        public var theirs: InterviewData
    }

    /// Merges `theirs` (shown there as revision `theirs.record.rev`, with its history and the other versions standing
    /// there) into this database, inside the caller's transaction. The union of the two histories decides:
    /// nothing new (unchanged), theirs descends from ours (updated), or versions standing on both sides (conflict,
    /// every version kept, the same winner shown on every database that has seen them).
    public func merge(
        _ theirs: InterviewData, history: RevisionHistory, versions: [String: String], questionnaireRow: Int
    ) throws -> MergeResult {
        guard let ours = try interview(key: theirs.record.key) else {
            var header = try kept(theirs, questionnaireRow: questionnaireRow)
            header.record.questionnaireVersionRowID = questionnaireRow
            let id = try insertInterview(header, questionnaireVersionRowID: questionnaireRow)
            for (rev, parents) in history.parents {
                let content = try versions[rev].map { try kept(content: $0, base: theirs.record, questionnaireRow: questionnaireRow) }
                try addRevision(rev, parents: parents, interview: id, content: content)
            }
            return MergeResult(outcome: .added, interview: id, before: nil, theirs: theirs)
        }
        let id = ours.record.id
        let ourHistory = try self.history(interview: id)
        var union = ourHistory
        union.formUnion(history)
        guard union != ourHistory else { return MergeResult(outcome: .unchanged, interview: id, before: ours, theirs: theirs) }
        let ourLeaves = Set(ourHistory.leaves)
        var stored = try conflictingVersions(interview: id)
        for (rev, parents) in history.parents where !ourHistory.contains(rev) {
            try addRevision(rev, parents: parents, interview: id, content: nil)
        }
        // the content of every version standing: ours shown, theirs shown there, and the conflicts either side keeps
        var contents = stored
        contents[ours.record.rev] = InterviewCodec.encode(ours)
        if contents[theirs.record.rev] == nil {
            contents[theirs.record.rev] = InterviewCodec.encode(try kept(theirs, questionnaireRow: questionnaireRow))
        }
        for (rev, text) in versions where contents[rev] == nil {
            contents[rev] = try kept(content: text, base: theirs.record, questionnaireRow: questionnaireRow)
        }
        let leaves = union.leaves
        guard let winner = union.winner, let winning = contents[winner] else {
            throw StorageError(
                "interview \(ours.record.key): the version \(union.winner ?? "?") has no content on either side", kind: .other)
        }
        if winner != ours.record.rev {
            var shown = try InterviewCodec.decode(winning, record: ours.record)
            shown.record.rev = winner
            try replaceInterview(id, with: shown)
            try db.statement("UPDATE interview SET rev = ? WHERE id = ?").run([.text(winner), .int(id)])
        }
        // keep the content of the leaves not shown; forget it for revisions that are no longer leaves
        for leaf in leaves where leaf != winner { stored[leaf] = contents[leaf] }
        for rev in stored.keys where !leaves.contains(rev) || rev == winner { stored[rev] = nil }
        for (rev, _) in try conflictingVersions(interview: id) where stored[rev] == nil {
            try setConflictContent(rev, interview: id, content: nil)
        }
        for (rev, text) in stored { try setConflictContent(rev, interview: id, content: text) }
        let outcome: MergeOutcome =
            leaves.count > 1 ? (Set(leaves) == ourLeaves ? .unchanged : .conflict) : (winner == ours.record.rev ? .unchanged : .updated)
        return MergeResult(outcome: outcome, interview: id, before: ours, theirs: theirs)
    }

    /// The version of each interview shown, with its history and the other versions standing: what a merge sends.
    public func versionsStanding(interview id: Int) throws -> (history: RevisionHistory, versions: [String: String]) {
        (try history(interview: id), try conflictingVersions(interview: id))
    }
}
