import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassImport
import CanvassStorage
import CanvassTabulation
import CanvassTerminal
import Foundation

struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview", abstract: "Run, resume and list interviews.",
        subcommands: [New.self, Resume.self, List.self, Show.self, Log.self, Edit.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start an interview: one question at a time; every answer is saved as it is entered.",
            discussion: "Works the same from a terminal and from a pipe: canvass interview new FILE ... < answers.txt\n\n"
                + InterviewConsole.helpText)
        @Argument(help: "The questionnaire file.") var file: String
        @Option(help: "Who or what is interviewed (kept confidential: exported only with --include-identifiers).") var respondent: String
        @Option(help: "The interviewer's name.") var interviewer: String
        @Option(help: "Language of the labels (default: the questionnaire's first).") var lang: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try checkTyped(respondent, "--respondent", "--respondent must not be empty")
            try checkTyped(interviewer, "--interviewer", "--interviewer must not be empty")
        }

        func run() throws {
            let file = try QuestionnaireFile.read(file)
            let q = try file.questionnaire()
            try q.checkLanguage(lang)
            let store = try database.open(waiting: true)
            let stored = try store.storeQuestionnaire(q, source: file.source, format: file.format)
            let id = try store.startInterview(questionnaire: stored, respondent: respondent, interviewer: interviewer, language: lang)
            try runInterview(store, try store.requireInterview(id), q, language: lang, answers: [:], by: interviewer)
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Continue an interview at its first relevant unanswered question.")
        @OptionGroup var interview: InterviewOptions
        @Option(help: "Language of the labels (default: the one the interview started with).") var lang: String?
        @Option(help: "Who continues it (default: $USER, else the interviewer who started it); recorded with each change.") var interviewer:
            String?

        func run() throws {
            let (store, record, q) = try interview.open(language: lang)
            guard record.status == .open else {
                throw Failure("interview \(record.id) is already completed; change it with canvass interview edit \(record.id)")
            }
            try runInterview(
                store, record, q, language: lang ?? record.language, answers: try store.answers(interview: record.id), by: interviewer)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change answers of a completed interview (:review, :jump); it stays completed, each change kept with the reason.")
        @OptionGroup var interview: InterviewOptions
        @Option(help: "Why it is changed (required; kept with every change in the audit trail).") var reason: String
        @Option(help: "Language of the labels.") var lang: String?
        @Option(help: "Who changes it (default: $USER, else the interviewer who took it); recorded with each change.") var interviewer:
            String?

        func validate() throws { try checkTyped(reason, "--reason", "--reason must say why the interview is changed") }

        func run() throws {
            let (store, record, q) = try interview.open(language: lang)
            guard record.status == .completed else {
                throw Failure("interview \(record.id) is still open; continue it with canvass interview resume \(record.id)")
            }
            try runInterview(
                store, record, q, language: lang ?? record.language, answers: try store.answers(interview: record.id), by: interviewer,
                editing: reason)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List interviews.")
        @Option(help: "Only this questionnaire.") var questionnaire: String?
        @Option(help: "Only open or completed interviews.") var status: String?
        @Flag(help: "Show the respondent, and names that read identifiers (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let status, InterviewStatus(rawValue: status) == nil {
                throw ValidationError("--status must be open or completed, not '\(status)'")
            }
        }

        func run() throws {
            let store = try database.open(create: false, readOnly: true)
            try store.requireKeyForIdentifiers(includeIdentifiers)
            let rows = try store.interviews(questionnaire: questionnaire, status: status.flatMap(InterviewStatus.init)).map(store.revealed)
            let names = try store.instanceNames(rows, includeIdentifiers: includeIdentifiers)
            AuditLayout.list(rows, names: names, respondents: includeIdentifiers).forEach(Console.out)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an interview as a readable transcript, in any of its languages.")
        @OptionGroup var interview: InterviewOptions
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Show identifier answers and the respondent (confidential).") var includeIdentifiers = false

        func run() throws {
            let (store, stored, q) = try interview.open(language: lang)
            try store.requireKeyForIdentifiers(includeIdentifiers)
            let d = try store.revealed(InterviewData(record: stored, answers: try store.answers(interview: stored.id)))
            let (r, reading) = (d.record, StoredInterview(q, answers: d.answers))
            InterviewTranscript.lines(r, reading, language: lang ?? r.language, includeIdentifiers: includeIdentifiers).forEach(Console.out)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail of an interview: every change, note and status, with who and when.")
        @OptionGroup var interview: InterviewOptions
        @Flag(help: "Show identifier values (confidential).") var includeIdentifiers = false

        func run() throws {
            let (store, r, q) = try interview.open(language: nil)
            let trail = AuditLayout(includeIdentifiers: includeIdentifiers)
            trail.log(try store.trail(interview: r.id), questionnaire: q, respondent: r.respondent).forEach(Console.out)
        }
    }
}
