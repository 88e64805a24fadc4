import CanvassCore
import CanvassStorage
import CanvassTerminal
import Foundation

/// Runs an interview at the console, its answers saved in the store as they are accepted; `fromStart` walks from the
/// first question (editing a completed interview), not from the first unanswered one.
func runInterview(
    _ store: CanvassStore, _ id: Int, _ questionnaire: Questionnaire, language: String?, answers: [String: Answer], fromStart: Bool = false
) throws {
    let persistence = store.persistence(interview: id, by: try store.interview(id)?.interviewer)
    var console = InterviewConsole(
        engine: InterviewEngine(questionnaire: questionnaire, answers: answers), language: language, echo: !Console.inputIsTerminal,
        persistence: persistence, readLine: Console.readLine, write: Console.write)
    if Console.outputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil { console.style = .terminal }
    console.startAtBeginning = fromStart
    console.clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    // Ctrl-C at a prompt ends the line read, which pauses like :quit; answers already saved stay saved.
    Console.interruptReads()
    let outcome: InterviewConsole.Outcome
    do { outcome = try console.run() } catch let e as StorageError where e.kind != .replaced {
        throw Failure(
            "the last answer could NOT be saved: \(e.message). Answers saved before it are safe; resume with: canvass interview resume \(id)"
        )
    }
    // the file must still be ours at the end too: a replaced one gets no checkpoint, and the answers a rescue copy
    try store.checkFileStillThere()
    let resume = "; resume with: canvass interview resume \(id)\(store.path == "canvass.db" ? "" : " --db \(store.path)")"
    let said: [InterviewConsole.Outcome: String] = [.completed: "completed.", .leftOpen: "left open" + resume, .paused: "paused" + resume]
    Console.out("Interview \(id) \(said[outcome] ?? "")")
}
