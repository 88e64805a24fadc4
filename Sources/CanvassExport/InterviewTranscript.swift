import CanvassCore
import Foundation

/// `interview show`: a stored interview as a readable transcript, in any of its languages; identifiers masked
/// (and taken out of free text) unless asked for.
public enum InterviewTranscript {
    public static func lines(_ r: InterviewRecord, _ reading: StoredInterview, language: String?, includeIdentifiers: Bool) -> [String] {
        let q = reading.questionnaire
        // names masked are names taken out of the free text too
        let reading =
            includeIdentifiers
            ? reading : StoredInterview(q, answers: Redaction.redacted(reading.answers, respondent: r.respondent, questionnaire: q))
        let engine = InterviewEngine(reading: reading)
        let answers = reading.answers
        var out = [
            "Interview \(r.id) (\(q.id) \(q.version), \(r.status.rawValue)) by \(r.interviewer), started \(r.startedAt)"
                + (r.completedAt.map { ", completed \($0)" } ?? ""),
            "Respondent: \(includeIdentifiers ? r.respondent : "(confidential)")   key \(r.key)",
        ]
        var shown = -1
        var shownTrail = ""
        for i in 0..<engine.slotCount where engine.isRelevant(i) {
            let question = engine.question(at: i)
            guard question.type != .note, !engine.slots[i].isAddInstance else { continue }
            let s = engine.sectionIndex(at: i)
            if s != shown {
                shown = s
                shownTrail = ""
                out += ["", "== \(q.text(q.sections[s].title, in: language)) =="]
            }
            let trail = engine.instanceTrail(at: i, language: language).map { "\($0.label) \($0.instance) of \($0.count)" }
                .joined(separator: " > ")
            if trail != shownTrail {
                shownTrail = trail
                if !trail.isEmpty { out.append("-- \(trail) --") }
            }
            let label = engine.piped(q.text(question.label, in: language), language: language, at: i, maskIdentifiers: !includeIdentifiers)
            out.append("\(i + 1). \(label)")
            out.append(
                "   \(answerText(answers[engine.key(at: i)], question, q, language: language, includeIdentifiers: includeIdentifiers))")
        }
        return out
    }

    static func answerText(_ a: Answer?, _ question: Question, _ q: Questionnaire, language: String?, includeIdentifiers: Bool) -> String {
        switch a {
        case .value(let v)?:
            if question.identifier && !includeIdentifiers { return "(confidential)" }
            if question.type.isSelect || question.type == .yesNo {
                return v.split(separator: " ").map { code in
                    question.choice(code: String(code)).map { "\($0.code) (\(q.text($0.label, in: language)))" } ?? String(code)
                }.joined(separator: ", ")
            }
            return v.replacingOccurrences(of: "\n", with: "\n      ")
        case .special(let sp)?: return ":\(sp.rawValue) \(sp.englishLabel)"
        case .skipped?: return "(left empty)"
        case nil: return "-"
        }
    }
}
