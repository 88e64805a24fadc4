import CanvassCore
import Foundation

extension CanvassStore {
    /// What the interview console makes durable, written to this store for interview `id` by `interviewer`:
    /// each answer with the calculations it changes in one transaction, completion, notes, confirmed soft
    /// checks and deleted repeat instances, every change with its audit event.
    /// `reason`: an edit of a completed interview, kept with every change it makes.
    public func persistence(interview id: Int, by interviewer: String?, reason: String? = nil) -> InterviewConsole.Persistence {
        var p = InterviewConsole.Persistence(
            save: { answers, seconds in try self.saveAnswers(interview: id, answers, by: interviewer, seconds: seconds, reason: reason) },
            complete: { try self.completeInterview(id, by: interviewer) },
            addNote: { name, text in try self.recordEvent(interview: id, kind: .note, question: name, new: text, actor: interviewer) },
            confirmWarning: { name, answer, reason in
                try self.recordEvent(
                    interview: id, kind: .warningConfirmed, question: name, new: AnswerCodec.display(answer), actor: interviewer,
                    reason: reason)
            })
        p.session = { what in try self.recordSession(id, what, reason: nil, by: interviewer) }
        p.replaceAnswers = { changes, reason in
            try self.replaceAnswers(interview: id, changes: changes.map { ($0.key, $0.answer) }, reason: reason, by: interviewer)
        }
        return p
    }
}

extension CanvassStore {
    /// The console an interview runs at: how it reads and writes, and how it looks.
    public struct ConsoleIO {
        public var readLine: () -> String?
        public var write: (String) -> Void
        /// Echo each line read (input from a pipe, so the transcript shows the answers).
        public var echo: Bool
        public var style: InterviewConsole.Style
        public var clock: () -> Double
        /// Told the language the console speaks, at the start and at each `:lang`.
        public var languageChanged: (String?) -> Void
        public init(
            readLine: @escaping () -> String?, write: @escaping (String) -> Void, echo: Bool, style: InterviewConsole.Style,
            clock: @escaping () -> Double, languageChanged: @escaping (String?) -> Void = { _ in }
        ) {
            (self.readLine, self.write, self.echo, self.style, self.clock) = (readLine, write, echo, style, clock)
            self.languageChanged = languageChanged
        }
    }

    /// Runs an interview at `io`, its answers saved as they are accepted, each change credited to `by` (else $USER, else
    /// the interview's interviewer); its sessions (started, resumed, an edit and its reason, paused, ended) in the audit
    /// trail. `editing` (a reason): a completed interview walked from its first question, staying completed, every
    /// change kept with the reason. Says the session's first sentence (started, resumed, editing) and returns its last.
    public func runInterview(
        _ record: InterviewRecord, _ questionnaire: Questionnaire, language: String?, answers: [String: Answer], by: String?,
        editing: String?, io: ConsoleIO
    ) throws -> String {
        let id = record.id
        let actor = by ?? Self.currentUser ?? record.interviewer
        try recordSession(id, editing == nil ? (answers.isEmpty ? "started" : "resumed") : "edit", reason: editing, by: actor)
        // XLSForm's metadata questions: start, today, username and deviceid at the first session, end at completion
        var answers = answers
        let filled = InterviewMetadata.answers(
            questionnaire, existing: answers, startedAt: record.startedAt, completedAt: nil, interviewer: record.interviewer,
            deviceID: try databaseID)
        if !filled.isEmpty {
            try saveAnswers(interview: id, filled, by: actor, seconds: nil)
            for (key, answer) in filled { answers[key] = answer }
        }
        var console = InterviewConsole(
            engine: InterviewEngine(questionnaire: questionnaire, answers: answers), language: language, echo: io.echo,
            persistence: persistence(interview: id, by: actor, reason: editing), readLine: io.readLine, write: io.write)
        if questionnaire.questions.contains(where: { $0.type == .end }) {
            let complete = console.persistence.complete
            console.persistence.complete = {
                let end = InterviewMetadata.answers(
                    questionnaire, existing: try self.answers(interview: id), startedAt: record.startedAt, completedAt: self.clock(),
                    interviewer: record.interviewer, deviceID: try self.databaseID
                ).filter { questionnaire.question(named: $0.key)?.type == .end }
                if !end.isEmpty { try self.saveAnswers(interview: id, end, by: actor, seconds: nil) }
                try complete()
            }
        }
        (console.style, console.clock, console.languageChanged) = (io.style, io.clock, io.languageChanged)
        io.languageChanged(console.wordsLanguage)
        (console.startAtBeginning, console.editingCompleted) = (editing != nil, editing != nil)
        // the session's first sentence, in the console's language
        let name = ConsoleWords.Value.text("\(questionnaire.id) \(questionnaire.version)")
        let opening: (ConsoleWords.Key, [ConsoleWords.Value]) =
            if let reason = editing { (.editing, [.text(String(id)), .text(reason)]) } else if answers.isEmpty {
                (.started, [.text(String(id)), name, .text(path)])
            } else {
                (.resumed, [.text(String(id)), name, .words(answers.count == 1 ? .oneAnswer : .answers, [.text(String(answers.count))])])
            }
        io.write(ConsoleWords.text(opening.0, console.wordsLanguage, opening.1) + "\n")
        // which interview this is, by the questionnaire's instance_name (identifiers shown: this is the interviewer)
        if let name = StoredInterview(questionnaire, answers: answers).instanceName(includeIdentifiers: true) { io.write("(\(name))\n") }
        let outcome = try console.run()
        // the file must still be ours at the end too: a replaced one gets no checkpoint, and the answers a rescue copy
        try checkFileStillThere()
        try recordSession(id, outcome == .paused ? "paused" : "ended", reason: nil, by: actor)
        let resume = "canvass interview resume \(id)\(path == "canvass.db" ? "" : " --db \(path)")"
        let ending: ConsoleWords.Key =
            switch (editing != nil, outcome) {
            case (true, .completed), (true, .leftOpen): .edited
            case (true, .paused): .editStopped
            case (false, .completed): .completed
            case (false, .leftOpen): .leftOpen
            case (false, .paused): .paused
            }
        return ConsoleWords.text(ending, console.wordsLanguage, [String(id), resume])
    }
}

extension CanvassStore {
    /// The names of `records` by their questionnaire's `instance_name` (only those whose questionnaire declares one).
    public func instanceNames(_ records: [InterviewRecord], includeIdentifiers: Bool) throws -> [Int: String] {
        var names: [Int: String] = [:]
        for r in records {
            let q = try questionnaire(of: r)
            guard q.instanceName != nil else { continue }
            let d = try revealed(InterviewData(record: r, answers: try answers(interview: r.id)))
            names[r.id] = StoredInterview(q, answers: d.answers).instanceName(includeIdentifiers: includeIdentifiers)
        }
        return names
    }
}

extension CanvassStore {
    /// Who runs this command ($USER), as the audit trail names them; nil when unknown.
    public static var currentUser: String? { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } }
}
