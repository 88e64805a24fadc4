import CanvassCore

extension CanvassStore {
    /// What the interview console makes durable, written to this store for interview `id` by `interviewer`:
    /// each answer with the calculations it changes in one transaction, completion, notes, confirmed soft
    /// checks and deleted repeat instances, every change with its audit event.
    public func persistence(interview id: Int, by interviewer: String?) -> InterviewConsole.Persistence {
        var p = InterviewConsole.Persistence(
            save: { answers, seconds in try self.saveAnswers(interview: id, answers, by: interviewer, seconds: seconds) },
            complete: { try self.completeInterview(id, by: interviewer) },
            addNote: { name, text in try self.recordEvent(interview: id, kind: .note, question: name, new: text, actor: interviewer) },
            confirmWarning: { name, answer, reason in
                try self.recordEvent(
                    interview: id, kind: .warningConfirmed, question: name, new: AnswerCodec.display(answer), actor: interviewer,
                    reason: reason)
            })
        p.replaceAnswers = { changes, reason in
            try self.replaceAnswers(interview: id, changes: changes.map { ($0.key, $0.answer) }, reason: reason, by: interviewer)
        }
        return p
    }
}
