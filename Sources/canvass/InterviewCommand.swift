import ArgumentParser
import CanvassCore
import CanvassStorage
import Foundation

struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview", abstract: "Run, resume and list interviews.",
        subcommands: [New.self, Resume.self, List.self, Show.self, Log.self, Edit.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start an interview: one question at a time; every answer is saved as it is entered.",
            discussion: "Works the same from a terminal and from a pipe: canvass interview new FILE ... < answers.txt\n\n" + InterviewConsole.helpText)
        @Argument(help: "The questionnaire file.") var file: String
        @Option(help: "Who or what is interviewed (kept confidential: exported only with --include-identifiers).") var respondent: String
        @Option(help: "The interviewer's name.") var interviewer: String
        @Option(help: "Language of the labels (default: the questionnaire's first).") var lang: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if respondent.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--respondent must not be empty") }
            if interviewer.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--interviewer must not be empty") }
        }

        func run() throws {
            let file = try SchemaFile.read(file)
            let q = try file.questionnaire()
            try checkLanguage(lang, q)
            let store = try database.open()
            let stored = try store.storeQuestionnaire(q, source: file.source, format: file.format)
            let id = try store.startInterview(questionnaire: stored, respondent: respondent, interviewer: interviewer, language: lang)
            Console.out("Interview \(id) started (\(q.id) \(q.version), database \(store.path)). Type :help for commands.")
            try runConsole(store: store, id: id, questionnaire: q, answers: [:], language: lang)
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Continue an interview at its first relevant unanswered question.")
        @Argument(help: "The interview number.") var id: Int
        @Option(help: "Language of the labels (default: the one the interview started with).") var lang: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            guard let record = try store.interview(id) else { throw Failure("there is no interview \(id) in \(store.path); see canvass interview list") }
            guard record.status == .open else { throw Failure("interview \(id) is already completed") }
            guard let stored = try store.questionnaire(rowID: record.questionnaireVersionRowID) else { throw Failure("the questionnaire of interview \(id) is missing from \(store.path)") }
            let q = try stored.load()
            try checkLanguage(lang, q)
            let answers = try store.answers(interview: id)
            Console.out("Interview \(id) resumed (\(q.id) \(q.version), \(answers.count) answers so far).")
            try runConsole(store: store, id: id, questionnaire: q, answers: answers, language: lang ?? record.language)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List interviews.")
        @Option(help: "Only this questionnaire.") var questionnaire: String?
        @Option(help: "Only open or completed interviews.") var status: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let status, InterviewStatus(rawValue: status) == nil { throw ValidationError("--status must be open or completed, not '\(status)'") }
        }

        func run() throws {
            let store = try database.open(create: false)
            let rows = try store.interviews(questionnaire: questionnaire, status: status.flatMap(InterviewStatus.init))
            var grid = [["id", "questionnaire", "version", "status", "interviewer", "answers", "started", "updated"]]
            for r in rows {
                grid.append([String(r.id), r.questionnaire, r.version, r.status.rawValue, r.interviewer, String(r.answerCount), r.startedAt, r.updatedAt])
            }
            Console.out(TextGrid.render(grid))
            Console.out("\(rows.count) interview\(rows.count == 1 ? "" : "s")")
        }
    }
}

extension InterviewCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an interview as a readable transcript, in any of its languages.")
        @Argument(help: "The interview number.") var id: Int
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Show identifier answers and the respondent (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            guard let r = try store.interview(id) else { throw Failure("there is no interview \(id) in \(store.path); see canvass interview list") }
            guard let stored = try store.questionnaire(rowID: r.questionnaireVersionRowID) else { throw Failure("the questionnaire of interview \(id) is missing") }
            let q = try stored.load()
            try checkLanguage(lang, q)
            let language = lang ?? r.language
            let answers = try store.answers(interview: id)
            let engine = InterviewEngine(questionnaire: q, answers: answers)
            Console.out("Interview \(id) (\(q.id) \(q.version), \(r.status.rawValue)) by \(r.interviewer), started \(r.startedAt)\(r.completedAt.map { ", completed \($0)" } ?? "")")
            Console.out("Respondent: \(includeIdentifiers ? r.respondent : "(confidential)")   key \(r.key)")
            var shown = -1
            var shownTrail = ""
            for i in 0..<engine.slotCount where engine.isRelevant(i) {
                let question = engine.question(at: i)
                let key = engine.key(at: i)
                guard question.type != .note, !engine.slots[i].isAddInstance else { continue }
                let s = engine.sectionIndex(at: i)
                if s != shown { shown = s; shownTrail = ""; Console.out(""); Console.out("== \(q.text(q.sections[s].title, in: language)) ==") }
                let trail = engine.instanceTrail(at: i, language: language).map { "\($0.label) \($0.instance) of \($0.count)" }.joined(separator: " > ")
                if trail != shownTrail { shownTrail = trail; if !trail.isEmpty { Console.out("-- \(trail) --") } }
                var answer = "-"
                switch answers[key] {
                case .value(let v)?:
                    if question.identifier && !includeIdentifiers { answer = "(confidential)"; break }
                    if question.type.isSelect || question.type == .yesNo {
                        answer = v.split(separator: " ").map { code in question.choice(code: String(code)).map { "\($0.code) (\(q.text($0.label, in: language)))" } ?? String(code) }.joined(separator: ", ")
                    } else { answer = v.replacingOccurrences(of: "\n", with: "\n      ") }
                case .special(let sp)?: answer = ":\(sp.rawValue) \(sp.englishLabel)"
                case .skipped?: answer = "(left empty)"
                case nil: answer = "-"
                }
                Console.out("\(i + 1). \(engine.piped(q.text(question.label, in: language), language: language, at: i, maskIdentifiers: !includeIdentifiers))")
                Console.out("   \(answer)")
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reopen a completed interview to change answers (:review, :jump); completion is asked again.")
        @Argument(help: "The interview number.") var id: Int
        @Option(help: "Why it is reopened (required; kept in the audit trail).") var reason: String
        @Option(help: "Language of the labels.") var lang: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why the interview is reopened") }
        }

        func run() throws {
            let store = try database.open(create: false)
            guard let record = try store.interview(id) else { throw Failure("there is no interview \(id) in \(store.path); see canvass interview list") }
            guard record.status == .completed else { throw Failure("interview \(id) is still open; continue it with canvass interview resume \(id)") }
            guard let stored = try store.questionnaire(rowID: record.questionnaireVersionRowID) else { throw Failure("the questionnaire of interview \(id) is missing") }
            let q = try stored.load()
            try checkLanguage(lang, q)
            try store.reopenInterview(id, reason: reason, by: record.interviewer)
            Console.out("Interview \(id) reopened (\(reason)). Every question is shown with its current answer: Enter keeps it.")
            try runConsole(store: store, id: id, questionnaire: q, answers: try store.answers(interview: id), language: lang ?? record.language, fromStart: true)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The audit trail of an interview: every change, note and status, with who and when.")
        @Argument(help: "The interview number.") var id: Int
        @Flag(help: "Show identifier values (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            guard let r = try store.interview(id) else { throw Failure("there is no interview \(id) in \(store.path); see canvass interview list") }
            let q = try store.questionnaire(rowID: r.questionnaireVersionRowID).map { try $0.load() }
            var grid = [["at", "by", "what", "question", "from", "to", "reason"]]
            for e in try store.events(interview: id) {
                let secret = !includeIdentifiers && (e.question.flatMap { q?.question(forKey: $0)?.identifier } ?? false)
                grid.append([e.at, e.actor ?? "", e.kind, e.question ?? "", mask(e.old, secret), mask(e.new, secret), e.reason ?? ""])
            }
            Console.out(TextGrid.render(grid))
            Console.out("\(grid.count - 1) event\(grid.count == 2 ? "" : "s")")
        }

        /// An identifier's value hidden; an empty one stays empty (nothing to hide, and the change reads clearly).
        func mask(_ value: String?, _ secret: Bool) -> String {
            guard let value, !value.isEmpty else { return "" }
            return secret ? "(confidential)" : value
        }
    }
}

func runConsole(store: CanvassStore, id: Int, questionnaire q: Questionnaire, answers: [String: Answer], language: String?, fromStart: Bool = false) throws {
    let interviewer = try store.interview(id)?.interviewer
    let persistence = InterviewConsole.Persistence(
        saveAnswer: { name, answer in try store.saveAnswer(interview: id, question: name, answer: answer, by: interviewer) },
        complete: { try store.completeInterview(id, by: interviewer) },
        addNote: { name, text in try store.recordEvent(interview: id, kind: "note", question: name, new: text, actor: interviewer) },
        confirmWarning: { name, answer, reason in
            try store.recordEvent(interview: id, kind: "warning-confirmed", question: name, new: CanvassStore.display(answer), actor: interviewer, reason: reason)
        })
    var console = InterviewConsole(
        engine: InterviewEngine(questionnaire: q, answers: answers), language: language, echo: !Console.inputIsTerminal,
        persistence: persistence, readLine: Console.readLine, write: Console.write)
    if Console.outputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil { console.style = .terminal }
    if fromStart { console.startAtBeginning = true }
    console.clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    console.persistence.replaceAnswers = { changes, reason in
        try store.replaceAnswers(interview: id, changes: changes.map { ($0.key, $0.answer) }, reason: reason, by: interviewer)
    }
    console.persistence.saveTimedAnswer = { name, answer, seconds in
        try store.saveAnswer(interview: id, question: name, answer: answer, by: interviewer, seconds: seconds)
    }
    // Ctrl-C at a prompt ends the line read, which pauses like :quit; answers already saved stay saved.
    Console.interruptReads()
    let outcome: InterviewConsole.Outcome
    do {
        outcome = try console.run()
    } catch let e as StorageError {
        throw Failure("the last answer could NOT be saved: \(e.message). Answers saved before it are safe; resume with: canvass interview resume \(id)")
    }
    switch outcome {
    case .completed: Console.out("Interview \(id) completed.")
    case .leftOpen: Console.out("Interview \(id) left open; resume with: canvass interview resume \(id)\(store.path == "canvass.db" ? "" : " --db \(store.path)")")
    case .paused: Console.out("Interview \(id) paused; resume with: canvass interview resume \(id)\(store.path == "canvass.db" ? "" : " --db \(store.path)")")
    }
}

enum TextGrid {
    static func render(_ rows: [[String]]) -> String {
        let n = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: n)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            var line = ""
            for (i, c) in r.enumerated() { line += (i > 0 ? "  " : "") + c + String(repeating: " ", count: widths[i] - c.count) }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
