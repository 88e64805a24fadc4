import CanvassCore
import CanvassStorage
import Foundation

/// An interview at the console, its answers saved in the store as they are accepted.
struct InterviewSession {
    let store: CanvassStore
    let id: Int
    let questionnaire: Questionnaire
    let language: String?
    /// Walk from the first question (editing a completed interview), not from the first unanswered one.
    var fromStart = false

    init(store: CanvassStore, id: Int, questionnaire: Questionnaire, language: String?) {
        self.store = store
        self.id = id
        self.questionnaire = questionnaire
        self.language = language
    }

    func run(answers: [String: Answer]) throws {
        let (store, id) = (self.store, self.id)
        let interviewer = try store.interview(id)?.interviewer
        var persistence = InterviewConsole.Persistence(
            save: { answers, seconds in try store.saveAnswers(interview: id, answers, by: interviewer, seconds: seconds) },
            complete: { try store.completeInterview(id, by: interviewer) },
            addNote: { name, text in try store.recordEvent(interview: id, kind: .note, question: name, new: text, actor: interviewer) },
            confirmWarning: { name, answer, reason in
                try store.recordEvent(
                    interview: id, kind: .warningConfirmed, question: name, new: AnswerCodec.display(answer), actor: interviewer,
                    reason: reason)
            })
        persistence.replaceAnswers = { changes, reason in
            try store.replaceAnswers(interview: id, changes: changes.map { ($0.key, $0.answer) }, reason: reason, by: interviewer)
        }
        var console = InterviewConsole(
            engine: InterviewEngine(questionnaire: questionnaire, answers: answers), language: language, echo: !Console.inputIsTerminal,
            persistence: persistence, readLine: Console.readLine, write: Console.write)
        if Console.outputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil { console.style = .terminal }
        console.startAtBeginning = fromStart
        console.clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        // Ctrl-C at a prompt ends the line read, which pauses like :quit; answers already saved stay saved.
        Console.interruptReads()
        let outcome: InterviewConsole.Outcome
        do {
            outcome = try console.run()
        } catch let e as StorageError {
            throw Failure(
                "the last answer could NOT be saved: \(e.message). Answers saved before it are safe; resume with: canvass interview resume \(id)"
            )
        }
        let resume = "canvass interview resume \(id)\(store.path == "canvass.db" ? "" : " --db \(store.path)")"
        switch outcome {
        case .completed: Console.out("Interview \(id) completed.")
        case .leftOpen: Console.out("Interview \(id) left open; resume with: \(resume)")
        case .paused: Console.out("Interview \(id) paused; resume with: \(resume)")
        }
    }
}
