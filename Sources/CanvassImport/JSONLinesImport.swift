import CanvassCore
import CanvassStorage
import Foundation

/// A file that cannot be imported at all, with the sentence that says why.
public struct ImportError: UserFacingError {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// `import FILE.jsonl`: every line checked as the interview checks it; all or nothing.
/// Lines are parsed and checked on every core, the next batch while this one is written; SQLite stays on the
/// calling thread.
public struct JSONLinesImport {
    public static let batchSize = 256

    /// What an import did.
    public struct Summary: Sendable {
        /// Interviews new to the database.
        public var imported = 0
        /// Interviews already here with this version or a later one (a re-import changes nothing).
        public var unchanged = 0
        /// Interviews here that the file brings a later version of.
        public var updated = 0
        /// Interviews whose version in the file and here both changed: both kept (canvass merge resolve).
        public var conflicts = 0
        public var errors = 0
        /// Likely duplicates (the same respondent interviewed twice), as merge reports them.
        public var duplicates: [String] = []
        /// Were the interviews kept (no bad line)?
        public var kept: Bool { errors == 0 }

        /// What `import` prints: the counts, then the first 20 likely duplicates.
        public func lines(file: String, database: String) -> [String] {
            let others = [(unchanged, "unchanged"), (updated, "updated"), (conflicts, "in conflict (canvass merge resolve)")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            let more = others.isEmpty ? "" : "; " + others.joined(separator: ", ")
            var out = ["Imported \(imported) interview\(imported == 1 ? "" : "s") from \(file) into \(database)\(more)."]
            out += duplicates.prefix(20).map { "  likely duplicate: \($0)" }
            if duplicates.count > 20 {
                out.append("  ... and \(duplicates.count - 20) more likely duplicates (canvass merge --report lists them all)")
            }
            return out
        }
    }

    let file: String
    let store: CanvassStore
    /// Called for each bad line: (line number, message).
    let report: (Int, String) -> Void
    /// Called as the file is read: (bytes read, bytes in the file).
    let progress: (Int, Int) -> Void
    let now: String
    /// Who runs the import: named in the `import` event of each interview it adds or changes.
    let actor: String?
    /// Only the first this many bad lines are reported (all are counted).
    let reportLimit: Int

    public init(
        file: String, into store: CanvassStore, now: String, actor: String? = CanvassStore.currentUser ?? NSUserName(),
        reportLimit: Int = .max,
        report: @escaping (Int, String) -> Void, progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) {
        self.file = file
        self.actor = actor
        self.store = store
        self.now = now
        self.report = report
        self.reportLimit = reportLimit
        self.progress = progress
    }

    /// The questionnaires of the store, by `questionnaireKey`, parsed once.
    private struct Known {
        var stored: [String: StoredQuestionnaire] = [:]
        var questionnaires: [String: Questionnaire] = [:]
        var missing = Set<String>()
        func byRow() -> [Int: Questionnaire] {
            Dictionary(stored.compactMap { k, v in questionnaires[k].map { (v.rowID, $0) } }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func run() throws -> Summary {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else { throw ImportError("\(file): no such file") }
        guard !isDir.boolValue, var lines = LineReader(path: file) else { throw ImportError("\(file) cannot be read as a file") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
        var known = Known()
        // Every stored version, read once, so that lines can be checked in parallel from the first batch.
        for id in try store.questionnaireIDs() {
            for v in try store.questionnaireVersions(id: id) {
                guard let q = try? store.parse(v) else { continue }
                let k = InterviewLine.questionnaireKey(v.id, v.version)
                known.stored[k] = v
                known.questionnaires[k] = q
            }
        }
        var summary = Summary()
        var keys = Set<String>()
        var added = Set<String>()
        var lineNumber = 0
        func bad(_ message: String) {
            summary.errors += 1
            if summary.errors <= reportLimit { report(lineNumber, message) }
        }
        _ = try store.importInterviews { insert in
            func readBatch() -> [[UInt8]] {
                var batch: [[UInt8]] = []
                batch.reserveCapacity(Self.batchSize)
                while batch.count < Self.batchSize, let l = lines.next() { batch.append(l) }
                return batch
            }
            var pendingLines = readBatch()
            let first = known.questionnaires, now = self.now
            var next = ParallelBatch(pendingLines) { Self.prepare($0, first, now) }
            while true {
                let batch = pendingLines
                let outcomes = next.wait()
                if batch.isEmpty { break }
                progress(lines.consumed, size)
                pendingLines = readBatch()
                let current = known.questionnaires
                next = ParallelBatch(pendingLines) { Self.prepare($0, current, now) }
                for offset in outcomes.indices {
                    lineNumber += 1
                    var (outcome, rows) = outcomes[offset]
                    if case .needsQuestionnaire(let id, let version) = outcome {
                        guard try load(id, version, into: &known) else {
                            bad(
                                "questionnaire \(id) version \(version) is not in \(store.path); store it first with canvass schema add FILE"
                            )
                            continue
                        }
                        (outcome, rows) = Self.prepare(batch[offset], known.questionnaires, now)
                    }
                    switch outcome {
                    case .blank, .needsQuestionnaire: continue
                    case .error(let message): bad(message)
                    case .interview(let p):
                        let key = p.key ?? p.derivedKey  // set on the checking thread
                        if !keys.insert(key).inserted {
                            bad("key \(key) appears twice in the file")
                            continue
                        }
                        if summary.errors > 0 { continue }  // keep checking, stop writing
                        guard let s = known.stored[InterviewLine.questionnaireKey(p.questionnaire, p.version)] else { continue }
                        var revision = p.prepared ?? p.revision(key: key, now: now)
                        revision.record.questionnaireVersionRowID = s.rowID
                        do {
                            let newID = try insert(revision.record, rows, revision.history)
                            try store.recordEvent(
                                interview: newID, kind: .imported, actor: actor, reason: "added from \(file) line \(lineNumber)", at: now)
                            for n in p.notes {
                                try store.recordEvent(
                                    interview: newID, kind: .note, question: n.question, new: n.text, actor: n.by, at: n.at)
                            }
                            summary.imported += 1
                            added.insert(key)
                        } catch let e as StorageError where e.kind == .duplicateKey {
                            // already here: a merge of the two histories decides
                            let existing = try store.interview(key: key)
                            if p.startedAt == nil, let existing {
                                revision = p.revision(key: key, now: now, startedAt: existing.record.startedAt)
                            }
                            revision.record.questionnaireVersionRowID = s.rowID
                            let answers = Dictionary(
                                uniqueKeysWithValues: rows.compactMap { r in
                                    AnswerCodec.answer(value: r.value, special: r.special).map { (r.question, $0) }
                                })
                            let result = try store.merge(
                                InterviewData(record: revision.record, answers: answers), history: revision.history, versions: [:],
                                questionnaireRow: s.rowID)
                            switch result.outcome {
                            case .updated: summary.updated += 1
                            case .conflict: summary.conflicts += 1
                            default: summary.unchanged += 1
                            }
                            if result.outcome == .updated || result.outcome == .conflict {
                                try store.recordEvent(
                                    interview: result.interview, kind: .imported, actor: actor,
                                    reason: "\(result.outcome == .updated ? "updated" : "in conflict") from \(file) line \(lineNumber)",
                                    at: now)
                            }
                        }

                    }
                }
                // the batch is freed on another core: the writing thread goes on with the next one
                DispatchQueue.global().async { withExtendedLifetime((batch, outcomes)) {} }
            }
            guard summary.errors == 0 else { return false }
            // the same respondent twice, found as merge finds them
            var report = MergeReport()
            try DatabaseMerge.reportDuplicates(in: store, added: added, questionnaires: known.byRow(), source: file, report: &report)
            summary.duplicates = report.rows.map { "interview \($0.interview ?? 0): \($0.note)" }
            return true
        }
        if !summary.kept { summary = Summary(errors: summary.errors) }
        return summary
    }

    /// Loads a questionnaire version a line names that was not known yet; false when the store lacks it.
    private func load(_ id: String, _ version: String, into known: inout Known) throws -> Bool {
        let k = InterviewLine.questionnaireKey(id, version)
        if known.questionnaires[k] != nil { return true }
        guard !known.missing.contains(k), let s = try store.questionnaire(id: id, version: version) else {
            known.missing.insert(k)
            return false
        }
        known.stored[k] = s
        known.questionnaires[k] = try store.parse(s)
        return true
    }

    /// Parses and checks a line and turns its answers into table rows, on a checking thread.
    @Sendable static func prepare(_ line: [UInt8], _ questionnaires: [String: Questionnaire], _ now: String) -> (
        InterviewLine.LineOutcome, [AnswerRow]
    ) {
        let outcome = InterviewLine.parse(line, questionnaires: questionnaires)
        guard case .interview(var p) = outcome else { return (outcome, []) }
        let rows = AnswerRow.rows(p.answers)
        p.content = InterviewFingerprint.answers(rows)
        p.answers = [:]
        // the key and the revision hash on this checking thread, not on the one that writes
        let key = p.key ?? p.derivedKey
        p.key = key
        p.prepared = p.revision(key: key, now: now)
        return (.interview(p), rows)
    }
}

extension InterviewLine.ParsedInterview {
    /// The interview as stored, with its history: the line's own revision when its content is that revision's (an
    /// export of Canvass), a revision on top of it when the line was edited since, or a first revision.
    func revision(key: String, now: String, startedAt existing: String? = nil) -> (record: InterviewRecord, history: RevisionHistory) {
        let started = startedAt ?? existing ?? now
        let completed = status == .completed ? (completedAt ?? started) : nil
        var record = InterviewRecord(
            key: key, questionnaire: questionnaire, version: version, respondent: respondent, interviewer: interviewer,
            language: language, status: status, startedAt: started, updatedAt: completed ?? started, completedAt: completed)
        let text = InterviewFingerprint.header(record) + content
        var history = RevisionHistory(revisions)
        if let rev, history.contains(rev) {
            let again = RevisionHistory.revision(parents: history.parents[rev] ?? [], content: text)
            // a file exported without identifiers shows `rev` with names left out: the same version, not an edit
            if again == rev || !identifiers {
                record.rev = rev
            } else {
                record.rev = RevisionHistory.revision(parents: [rev], content: text)
                history.add(record.rev, parents: [rev])
            }
        } else {
            record.rev = RevisionHistory.revision(parents: [], content: text)
            history = RevisionHistory([record.rev: []])
        }
        return (record, history)
    }

    /// A key made from the line's content, so a file without keys imports the same interviews each time.
    var derivedKey: String {
        let h = SHA256.hex(
            [questionnaire, version, respondent, interviewer, startedAt ?? "", completedAt ?? "", content].joined(separator: "\u{1F}").utf8)
        let c = Array(h)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-5\(String(c[13..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}
