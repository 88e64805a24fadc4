import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import interviews from JSON Lines, all or nothing.",
        discussion: """
            One interview per line: {"questionnaire":"firm_case","version":"2018.1","respondent":"...","interviewer":"kim",
            "status":"completed","started_at":"2018-07-02T10:00:00+09:00","answers":{"sector":"ai","concerns":["csl"],
            "employees":{"special":"dk"}}}. The questionnaire version must be stored first (canvass schema add FILE).
            Every answer is checked as the interview checks it; one bad line imports nothing, and every bad line is reported.
            """)
    @Argument(help: "A .jsonl file.") var file: String
    static let batchSize = 256
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else { throw Failure("\(file): no such file") }
        guard !isDir.boolValue, var lines = LineReader(path: file) else { throw Failure("\(file) cannot be read as a file") }
        let store = try database.open()
        var stored: [String: StoredQuestionnaire] = [:]
        var questionnaires: [String: Questionnaire] = [:]
        var missing = Set<String>()
        var errors = 0
        var imported = 0
        var keys = Set<String>()
        func report(_ line: Int, _ message: String) {
            errors += 1
            if errors <= 200 { Console.diagnostic("\(file):\(line): error: \(message)") }
        }
        // Every stored version, read once, so that lines can be checked in parallel from the first batch.
        for id in try store.questionnaireIDs() {
            for v in try store.questionnaireVersions(id: id) {
                guard let q = try? v.load() else { continue }
                stored[InterviewJSON.questionnaireKey(v.id, v.version)] = v
                questionnaires[InterviewJSON.questionnaireKey(v.id, v.version)] = q
            }
        }
        let now = Timestamp.now()
        let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
        let progress = ProgressBar(total: size, what: "import")
        defer { progress.finish() }
        var lineNumber = 0
        let kept = try store.importInterviews { insert in
            func readBatch() -> [[UInt8]] {
                var batch: [[UInt8]] = []
                batch.reserveCapacity(Self.batchSize)
                while batch.count < Self.batchSize, let l = lines.next() { batch.append(l) }
                return batch
            }
            // Lines are parsed and checked in parallel, the next batch while this one is written; SQLite stays on this thread.
            // the checking threads also turn each interview's answers into table rows, so this thread only binds and steps
            @Sendable func prepare(_ line: [UInt8], _ questionnaires: [String: Questionnaire]) -> (InterviewJSON.LineOutcome, [AnswerRow]) {
                let outcome = InterviewJSON.parse(line, questionnaires: questionnaires)
                guard case .interview(var p) = outcome else { return (outcome, []) }
                let rows = CanvassStore.rows(p.answers)
                p.answers = [:]
                return (.interview(p), rows)
            }
            let snapshot = questionnaires
            var pendingLines = readBatch()
            var next = ParallelBatch(pendingLines) { prepare($0, snapshot) }
            while true {
                let batch = pendingLines
                var outcomes = next.wait()
                if batch.isEmpty { break }
                progress.update(lines.consumed)
                pendingLines = readBatch()
                let current = questionnaires
                next = ParallelBatch(pendingLines) { prepare($0, current) }
                for (offset, prepared) in outcomes.enumerated() {
                    lineNumber += 1
                    var (outcome, rows) = prepared
                    if case let .needsQuestionnaire(id, version) = outcome {
                        let k = InterviewJSON.questionnaireKey(id, version)
                        if questionnaires[k] != nil {
                            (outcome, rows) = prepare(batch[offset], questionnaires)
                        } else if !missing.contains(k), let s = try store.questionnaire(id: id, version: version) {
                            stored[k] = s
                            questionnaires[k] = try s.load()
                            (outcome, rows) = prepare(batch[offset], questionnaires)
                        } else {
                            missing.insert(k)
                            report(lineNumber, "questionnaire \(id) version \(version) is not in \(store.path); store it first with canvass schema add FILE")
                            continue
                        }
                    }
                    switch outcome {
                    case .blank, .needsQuestionnaire: continue
                    case .error(let message): report(lineNumber, message)
                    case .interview(let p):
                        let key = p.key ?? UUID().uuidString.lowercased()
                        if !keys.insert(key).inserted { report(lineNumber, "key \(key) appears twice in the file"); continue }
                        // while writing, the unique index finds a key already in the database; once an error stops the writing, a query does
                        if errors > 0 {
                            if try store.keyExists(key) { report(lineNumber, "an interview with key \(key) is already in \(store.path)") }
                            continue   // keep checking, stop writing
                        }
                        guard let s = stored[InterviewJSON.questionnaireKey(p.questionnaire, p.version)] else { continue }
                        let started = p.startedAt ?? now
                        let completed = p.status == "completed" ? (p.completedAt ?? started) : nil
                        let record = InterviewRecord(
                            key: key, questionnaireVersionRowID: s.rowID, questionnaire: p.questionnaire, version: p.version,
                            respondent: p.respondent, interviewer: p.interviewer, language: p.language,
                            status: p.status == "completed" ? .completed : .open, startedAt: started,
                            updatedAt: completed ?? started, completedAt: completed)
                        let newID: Int
                        do {
                            var data = InterviewData(record: record, answers: [:])
                            data.rows = rows
                            newID = try insert(data)
                        } catch {
                            guard (error as? StorageError)?.code == 2067 else { throw error }
                            report(lineNumber, "an interview with key \(key) is already in \(store.path)")
                            continue
                        }
                        for n in p.notes {
                            try store.recordEvent(interview: newID, kind: "note", question: n.question, new: n.text, actor: n.by, at: n.at)
                        }
                        imported += 1
                    }
                    outcomes[offset] = (.blank, [])   // release the answers early
                }
            }
            return errors == 0
        }
        progress.finish()
        if !kept {
            if errors > 200 { Console.diagnostic("\(file): ... and \(errors - 200) more errors") }
            throw Failure("\(file): \(errors) bad line\(errors == 1 ? "" : "s"); nothing was imported")
        }
        Console.out("Imported \(imported) interview\(imported == 1 ? "" : "s") from \(file) into \(store.path).")
    }
}

