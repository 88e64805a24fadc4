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
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else { throw Failure("\(file): no such file") }
        guard !isDir.boolValue, let lines = LineReader(path: file) else { throw Failure("\(file) cannot be read as a file") }
        let store = try database.open()
        var known: [String: (StoredQuestionnaire, Questionnaire)] = [:]
        var missing = Set<String>()
        var errors = 0
        var imported = 0
        var keys = Set<String>()
        func report(_ line: Int, _ message: String) {
            errors += 1
            if errors <= 200 { Console.diagnostic("\(file):\(line): error: \(message)") }
        }
        let now = Timestamp.now()
        let kept = try store.importInterviews { insert in
            var lineNumber = 0
            for rawLine in lines {
                lineNumber += 1
                guard let line = String(validating: rawLine, as: UTF8.self) else { report(lineNumber, "not UTF-8 text"); continue }
                if line.allSatisfy(\.isWhitespace) { continue }
                let header: InterviewJSON.Header
                switch InterviewJSON.header(line) {
                case .failure(let e): report(lineNumber, e.message); continue
                case .success(let h): header = h
                }
                let cacheKey = header.questionnaire + "\u{0}" + header.version
                if known[cacheKey] == nil, !missing.contains(cacheKey) {
                    if let stored = try store.questionnaire(id: header.questionnaire, version: header.version) {
                        known[cacheKey] = (stored, try stored.load())
                    } else {
                        missing.insert(cacheKey)
                    }
                }
                guard let (stored, q) = known[cacheKey] else {
                    report(lineNumber, "questionnaire \(header.questionnaire) version \(header.version) is not in \(store.path); store it first with canvass schema add FILE")
                    continue
                }
                if let lang = header.language, !q.languages.isEmpty, !q.languages.contains(lang) {
                    report(lineNumber, "language \"\(lang)\" is not one of \(q.id)'s languages (\(q.languages.joined(separator: ", ")))"); continue
                }
                let answers: [String: Answer]
                switch InterviewJSON.answers(header.answers, questionnaire: q, completed: header.status == "completed") {
                case .failure(let e): report(lineNumber, e.message); continue
                case .success(let a): answers = a
                }
                let key = header.key ?? UUID().uuidString.lowercased()
                if !keys.insert(key).inserted { report(lineNumber, "key \(key) appears twice in the file"); continue }
                if try store.keyExists(key) { report(lineNumber, "an interview with key \(key) is already in \(store.path)"); continue }
                guard errors == 0 else { continue }   // keep checking, stop writing
                let started = header.startedAt ?? now
                let completed = header.status == "completed" ? (header.completedAt ?? started) : nil
                let record = InterviewRecord(
                    key: key, questionnaireVersionRowID: stored.rowID, questionnaire: q.id, version: q.version,
                    respondent: header.respondent, interviewer: header.interviewer, language: header.language,
                    status: header.status == "completed" ? .completed : .open, startedAt: started,
                    updatedAt: completed ?? started, completedAt: completed)
                _ = try insert(InterviewData(record: record, answers: answers))
                imported += 1
            }
            return errors == 0
        }
        if !kept {
            if errors > 200 { Console.diagnostic("\(file): ... and \(errors - 200) more errors") }
            throw Failure("\(file): \(errors) bad line\(errors == 1 ? "" : "s"); nothing was imported")
        }
        Console.out("Imported \(imported) interview\(imported == 1 ? "" : "s") from \(file) into \(store.path).")
    }
}
