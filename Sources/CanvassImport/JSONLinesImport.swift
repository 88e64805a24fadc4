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
        public var imported = 0
        public var errors = 0
        /// Were the interviews kept (no bad line)?
        public var kept: Bool { errors == 0 }
    }

    let file: String
    let store: CanvassStore
    /// Called for each bad line: (line number, message).
    let report: (Int, String) -> Void
    /// Called as the file is read: (bytes read, bytes in the file).
    let progress: (Int, Int) -> Void
    let now: String
    /// Only the first this many bad lines are reported (all are counted).
    let reportLimit: Int

    public init(
        file: String, into store: CanvassStore, now: String, reportLimit: Int = .max, report: @escaping (Int, String) -> Void,
        progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) {
        self.file = file
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
            let first = known.questionnaires
            var next = ParallelBatch(pendingLines) { Self.prepare($0, first) }
            while true {
                let batch = pendingLines
                var outcomes = next.wait()
                if batch.isEmpty { break }
                progress(lines.consumed, size)
                pendingLines = readBatch()
                let current = known.questionnaires
                next = ParallelBatch(pendingLines) { Self.prepare($0, current) }
                for offset in outcomes.indices {
                    lineNumber += 1
                    var (outcome, rows) = outcomes[offset]
                    outcomes[offset] = (.blank, [])  // release the answers early
                    if case .needsQuestionnaire(let id, let version) = outcome {
                        guard try load(id, version, into: &known) else {
                            bad(
                                "questionnaire \(id) version \(version) is not in \(store.path); store it first with canvass schema add FILE"
                            )
                            continue
                        }
                        (outcome, rows) = Self.prepare(batch[offset], known.questionnaires)
                    }
                    switch outcome {
                    case .blank, .needsQuestionnaire: continue
                    case .error(let message): bad(message)
                    case .interview(let p):
                        let key = p.key ?? UUID().uuidString.lowercased()
                        if !keys.insert(key).inserted {
                            bad("key \(key) appears twice in the file")
                            continue
                        }
                        // while writing, the unique index finds a key already in the database; once an error stops the
                        // writing, a query does
                        if summary.errors > 0 {
                            if try store.keyExists(key) { bad("an interview with key \(key) is already in \(store.path)") }
                            continue  // keep checking, stop writing
                        }
                        guard let s = known.stored[InterviewLine.questionnaireKey(p.questionnaire, p.version)] else { continue }
                        let newID: Int
                        do {
                            newID = try insert(record(p, key: key, version: s), rows, [:])
                        } catch let e as StorageError where e.kind == .duplicateKey {
                            bad("an interview with key \(key) is already in \(store.path)")
                            continue
                        }
                        for n in p.notes {
                            try store.recordEvent(interview: newID, kind: .note, question: n.question, new: n.text, actor: n.by, at: n.at)
                        }
                        summary.imported += 1
                    }
                }
            }
            return summary.errors == 0
        }
        if !summary.kept { summary.imported = 0 }
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

    private func record(_ p: InterviewLine.ParsedInterview, key: String, version s: StoredQuestionnaire) -> InterviewRecord {
        let started = p.startedAt ?? now
        let completed = p.status == .completed ? (p.completedAt ?? started) : nil
        return InterviewRecord(
            key: key, questionnaireVersionRowID: s.rowID, questionnaire: p.questionnaire, version: p.version,
            respondent: p.respondent, interviewer: p.interviewer, language: p.language, status: p.status, startedAt: started,
            updatedAt: completed ?? started, completedAt: completed)
    }

    /// Parses and checks a line and turns its answers into table rows, on a checking thread.
    @Sendable static func prepare(_ line: [UInt8], _ questionnaires: [String: Questionnaire]) -> (InterviewLine.LineOutcome, [AnswerRow]) {
        let outcome = InterviewLine.parse(line, questionnaires: questionnaires)
        guard case .interview(var p) = outcome else { return (outcome, []) }
        let rows = AnswerRow.rows(p.answers)
        p.answers = [:]
        return (.interview(p), rows)
    }
}
