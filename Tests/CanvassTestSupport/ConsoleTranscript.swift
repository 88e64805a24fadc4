import CanvassCore

/// The console run on lines given as strings (as CPython's cmd is tested): what it wrote and what it saved.
public final class ConsoleTranscript {
    public var lines: [String]
    public var output = ""
    /// Every answer saved, in order, one entry per answer (calculations included).
    public var saved: [(String, Answer)] = []
    /// The transactions: the keys saved together in each.
    public var transactions: [[String]] = []
    public var notes: [(String, String)] = []
    public var completed = false

    public init(_ lines: [String]) { self.lines = lines }

    /// The persistence the console writes to: it records into this transcript.
    public var persistence: InterviewConsole.Persistence {
        var p = InterviewConsole.Persistence(
            save: { [unowned self] answers, _ in
                self.saved += answers.map { ($0.key, $0.answer) }
                self.transactions.append(answers.map(\.key))
            },
            complete: { [unowned self] in self.completed = true },
            addNote: { [unowned self] in self.notes.append(($0, $1)) })
        p.replaceAnswers = { [unowned self] changes, _ in
            self.transactions.append(changes.map(\.key))
        }
        return p
    }

    /// A console over `engine` reading this transcript's lines.
    public func console(_ engine: InterviewEngine, language: String? = nil, echo: Bool = true) -> InterviewConsole {
        InterviewConsole(
            engine: engine, language: language, echo: echo, persistence: persistence,
            readLine: { [unowned self] in self.lines.isEmpty ? nil : self.lines.removeFirst() },
            write: { [unowned self] in self.output += $0 })
    }

    /// Runs a console over `questionnaire` on `input`.
    public static func run(
        _ questionnaire: Questionnaire, _ input: [String], answers: [String: Answer] = [:], language: String? = nil
    ) throws -> (InterviewConsole.Outcome, ConsoleTranscript) {
        let t = ConsoleTranscript(input)
        var console = t.console(InterviewEngine(questionnaire: questionnaire, answers: answers), language: language)
        return (try console.run(), t)
    }
}
