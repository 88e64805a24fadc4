import CanvassCore

/// The columns of the wide CSV (one row per interview) and how each interview fills them.
public struct WideLayout: Sendable {
    public enum Column: Hashable, Sendable {
        case interviewID, key, version, status, respondent, interviewer, startedAt, completedAt
        case question(String)
        /// One 0/1 column per choice of a select_multiple question.
        case choice(question: String, code: String)
    }

    public private(set) var columns: [Column] = []
    public let includeIdentifiers: Bool
    /// Labels instead of codes for choices, in this language (`--labels`).
    public var labels: (language: String?, on: Bool) = (nil, false)
    /// Replaces interview numbers and keys (`--pseudonymize`).
    public var pseudonym: (@Sendable (String) -> String)?

    /// Columns for every question of every version given (oldest first); identifiers left out unless asked.
    public init(versions: [Questionnaire], includeIdentifiers: Bool, includeStatus: Bool) {
        self.includeIdentifiers = includeIdentifiers
        columns = [.interviewID, .key, .version]
        if includeStatus { columns.append(.status) }
        if includeIdentifiers { columns.append(.respondent) }
        columns += [.interviewer, .startedAt, .completedAt]
        var seen = Set<String>()
        var seenChoices = Set<String>()
        for q in versions {
            for question in q.questions where question.type != .note && (includeIdentifiers || !question.identifier) {
                if seen.insert(question.name).inserted { columns.append(.question(question.name)) }
                if question.type == .selectMultiple {
                    for c in question.choices where seenChoices.insert(question.name + "/" + c.code).inserted {
                        columns.append(.choice(question: question.name, code: c.code))
                    }
                }
            }
        }
        // Keep each question's split columns right after it, even when a later version added choices.
        var ordered: [Column] = []
        var placed = Set<Column>()
        for c in columns where !placed.contains(c) {
            if case .choice = c { continue }
            ordered.append(c); placed.insert(c)
            if case .question(let name) = c {
                for s in columns { if case .choice(name, _) = s { ordered.append(s); placed.insert(s) } }
            }
        }
        columns = ordered
    }

    public var header: [String] {
        columns.map { c in
            switch c {
            case .interviewID: return "interview_id"
            case .key: return "KEY"
            case .version: return "version"
            case .status: return "status"
            case .respondent: return "respondent"
            case .interviewer: return "interviewer"
            case .startedAt: return "started_at"
            case .completedAt: return "completed_at"
            case .question(let n): return n
            case .choice(let n, let code): return n + "/" + code
            }
        }
    }

    /// One interview's row: relevant answers only; dk/rf as the questionnaire's codes.
    public func row(_ data: ExportedInterview, questionnaire q: Questionnaire) -> [String] {
        let relevance = InterviewEngine.relevance(of: q, answers: data.answers)
        func answer(_ name: String) -> (Question, Answer)? {
            guard let i = q.index(of: name), relevance[i], let a = data.answers[name] else { return nil }
            return (q.questions[i], a)
        }
        return columns.map { c in
            switch c {
            case .interviewID: return pseudonym?(data.key) ?? String(data.id)
            case .key: return pseudonym?(data.key) ?? data.key
            case .version: return data.version
            case .status: return data.status
            case .respondent: return data.respondent
            case .interviewer: return data.interviewer
            case .startedAt: return data.startedAt
            case .completedAt: return data.completedAt ?? ""
            case .question(let name):
                guard let (question, a) = answer(name) else { return "" }
                switch a {
                case .value(let v):
                    if labels.on, question.type.isSelect || question.type == .yesNo {
                        return v.split(separator: " ").map { code in question.choice(code: String(code)).map { q.text($0.label, in: labels.language) } ?? String(code) }.joined(separator: "; ")
                    }
                    return v
                case .special(let s): return q.specialCodes[s] ?? s.rawValue
                case .skipped: return ""
                }
            case .choice(let name, let code):
                guard let (question, a) = answer(name), question.choice(code: code) != nil else { return "" }
                switch a {
                case .value(let v): return SelectedCodes.contains(v, code) ? "1" : "0"
                case .special(let s): return q.specialCodes[s] ?? s.rawValue
                case .skipped: return ""
                }
            }
        }
    }
}

/// An interview as the exporters see it: plain values, no storage types.
public struct ExportedInterview: Sendable {
    public var id: Int
    public var key: String
    public var questionnaire: String
    public var version: String
    public var status: String
    public var respondent: String
    public var interviewer: String
    public var language: String?
    public var startedAt: String
    public var completedAt: String?
    public var answers: [String: Answer]
    /// Interviewer notes attached to questions (`:note`), carried by JSON Lines.
    public var notes: [InterviewNote] = []

    public init(id: Int, key: String, questionnaire: String, version: String, status: String, respondent: String,
                interviewer: String, language: String?, startedAt: String, completedAt: String?, answers: [String: Answer]) {
        self.id = id; self.key = key; self.questionnaire = questionnaire; self.version = version; self.status = status
        self.respondent = respondent; self.interviewer = interviewer; self.language = language
        self.startedAt = startedAt; self.completedAt = completedAt; self.answers = answers
    }
}

/// A note an interviewer attached to a question.
public struct InterviewNote: Sendable, Equatable {
    public var question: String
    public var text: String
    public var by: String?
    public var at: String
    public init(question: String, text: String, by: String?, at: String) { self.question = question; self.text = text; self.by = by; self.at = at }
}
