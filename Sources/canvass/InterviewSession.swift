import CanvassCore
import CanvassStorage
import CanvassTerminal
import Foundation

/// Runs an interview at this terminal or pipe (see `CanvassStore.runInterview`); Ctrl-C at a prompt ends the line read,
/// which pauses like :quit, and answers already saved stay saved.
func runInterview(
    _ store: CanvassStore, _ record: InterviewRecord, _ questionnaire: Questionnaire, language: String?, answers: [String: Answer],
    by: String? = nil, editing: String? = nil
) throws {
    Console.interruptReads()
    let coloured = Console.outputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    let io = CanvassStore.ConsoleIO(
        readLine: Console.readLine, write: Console.write, echo: !Console.inputIsTerminal, style: coloured ? .terminal : .plain,
        clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }, languageChanged: { Console.wordsLanguage = $0 })
    do {
        Console.out(try store.runInterview(record, questionnaire, language: language, answers: answers, by: by, editing: editing, io: io))
    } catch let e as StorageError where e.kind != .replaced {
        throw Failure(
            "the last answer could NOT be saved: \(e.message). Answers saved before it are safe; resume with: canvass interview resume \(record.id)"
        )
    }
}
