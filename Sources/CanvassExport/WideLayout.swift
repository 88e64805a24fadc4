import CanvassCore
import CanvassFiles

/// The columns of the wide CSV (one row per interview) and how each interview fills them.
public struct WideLayout: Sendable {
    public enum Column: Hashable, Sendable {
        case interviewID, key, version, status, respondent, interviewer, startedAt, completedAt
        /// Repeat files: the KEY of the row this instance belongs to (the interview, or the enclosing instance).
        case parentKey
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

    /// The repeat whose instances are the rows (nil: one row per interview, questions outside repeats).
    public let repeatName: String?
    /// What each question's column holds (numbers, dates, text), over every version.
    let questionKinds: [String: TypedColumn.Kind]

    /// Columns for every question of every version given (oldest first); identifiers left out unless asked.
    /// With `repeat`, the columns of that repeat's file: its own questions, linked to its parent by PARENT_KEY (as ODK Central writes them).
    public init(versions: [Questionnaire], includeIdentifiers: Bool, includeStatus: Bool, repeat repeatName: String? = nil) {
        self.includeIdentifiers = includeIdentifiers
        self.repeatName = repeatName
        questionKinds = Self.kinds(versions)
        if repeatName != nil {
            columns = [.interviewID, .parentKey, .key, .version]
        } else {
            columns = [.interviewID, .key, .version]
            if includeStatus { columns.append(.status) }
            if includeIdentifiers { columns.append(.respondent) }
            columns += [.interviewer, .startedAt, .completedAt]
        }
        var seen = Set<String>()
        var seenChoices = Set<String>()
        for q in versions {
            let scope: [Question]
            if let repeatName {
                guard let g = q.group(named: repeatName), q.groups[g].isRepeat else { continue }
                scope = q.questions(directlyIn: g)
            } else {
                scope = q.topLevelQuestions
            }
            for question in scope where question.type != .note && (includeIdentifiers || !question.identifier) {
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
            ordered.append(c)
            placed.insert(c)
            if case .question(let name) = c {
                for s in columns {
                    if case .choice(name, _) = s {
                        ordered.append(s)
                        placed.insert(s)
                    }
                }
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
            case .parentKey: return "PARENT_KEY"
            case .question(let n): return n
            case .choice(let n, let code): return n + "/" + code
            }
        }
    }

    /// Refuses versions whose answers to one question cannot share a column.
    public static func checkCompatible(_ versions: QuestionnaireVersions) throws {
        guard let c = QuestionnaireDiff.incompatibleTypes(versions.all) else { return }
        throw OutputError(
            "question \(c.question) is \(c.oldType) in version \(c.oldVersion) but \(c.newType) in version \(c.newVersion); its answers "
                + "cannot share one column. Rename it in the newer version (e.g. \(c.question)_v2)")
    }

    /// The repeats of `versions`, after checking that `name` (when given) is one of them.
    public static func repeatNames(_ versions: [Questionnaire], checking name: String?, of questionnaire: String) throws -> [String] {
        let repeats = repeatNames(versions)
        guard let name, !repeats.contains(name) else { return repeats }
        let near = Suggestion.nearest(to: name, among: repeats).map { "; did you mean \($0)?" } ?? ""
        throw OutputError(
            repeats.isEmpty
                ? "\(questionnaire) has no repeats"
                : "\(questionnaire) has no repeat \(name)\(near) (its repeats: \(repeats.joined(separator: ", ")))")
    }

    /// The repeats a questionnaire's export folder holds, one file each, outer repeats first.
    public static func repeatNames(_ versions: [Questionnaire]) -> [String] {
        var names: [String] = []
        for q in versions { for g in q.groups where g.isRepeat && !names.contains(g.name) { names.append(g.name) } }
        return names
    }

    /// One interview's row: relevant answers only; dk/rf as the questionnaire's codes.
    public func row(_ data: ExportedInterview, questionnaire q: Questionnaire) -> [String] {
        typedRow(data, questionnaire: q).map(\.text)
    }

    /// The rows of an interview as CSV text: one for the main file, one per instance reached for a repeat's file.
    public func rows(_ data: ExportedInterview, questionnaire q: Questionnaire) -> [[String]] {
        typedRows(data, questionnaire: q).map { $0.map(\.text) }
    }

    /// One interview's row, typed.
    public func typedRow(_ data: ExportedInterview, questionnaire q: Questionnaire) -> [TypedCell] {
        let reading = StoredInterview(q, answers: data.answers)
        let key = pseudonym?(data.key) ?? data.key
        return cells(data, q, key: key, parentKey: "") { name in
            guard let i = q.index(of: name), reading.isRelevant(question: i), let a = data.answers[name] else { return nil }
            return (q.questions[i], a)
        }
    }

    /// The rows of an interview, typed: one for the main file, one per instance reached for a repeat's file.
    public func typedRows(_ data: ExportedInterview, questionnaire q: Questionnaire) -> [[TypedCell]] {
        guard let repeatName else { return [typedRow(data, questionnaire: q)] }
        guard let g = q.group(named: repeatName), q.groups[g].isRepeat else { return [] }
        let chain = q.repeatChain(ofGroup: g)
        let depth = chain.count - 1
        var relevantKeys = Set<String>()
        var instances: [[Int]] = []
        var seenInstances = Set<[Int]>()
        for slot in StoredInterview(q, answers: data.answers).relevantSlots where slot.kind == .question {
            let questionChain = q.repeatChain(ofQuestionAt: slot.question)
            relevantKeys.insert(slot.key)
            guard questionChain.count > depth, questionChain[depth] == g, Array(questionChain.prefix(depth + 1)) == chain else { continue }
            let instance = Array(slot.instances.prefix(depth + 1))
            if seenInstances.insert(instance).inserted { instances.append(instance) }
        }
        let interviewKey = pseudonym?(data.key) ?? data.key
        return instances.map { instance in
            let path = RepeatPath.prefix(chain, instance, in: q)
            let parentPath = RepeatPath.prefix(Array(chain.dropLast()), Array(instance.dropLast()), in: q)
            let key = interviewKey + "/" + path.dropLast()
            let parentKey = parentPath.isEmpty ? interviewKey : interviewKey + "/" + parentPath.dropLast()
            return cells(data, q, key: key, parentKey: parentKey) { name in
                let k = path + name
                guard relevantKeys.contains(k), let question = q.question(named: name), let a = data.answers[k] else { return nil }
                return (question, a)
            }
        }
    }

    private func cells(
        _ data: ExportedInterview, _ q: Questionnaire, key: String, parentKey: String, answer: (String) -> (Question, Answer)?
    ) -> [TypedCell] {
        func special(_ s: SpecialAnswer) -> TypedCell { .special(s, q.specialCodes[s] ?? s.rawValue) }
        return columns.map { c in
            switch c {
            case .interviewID: return pseudonym.map { .text($0(data.key)) } ?? .number(Double(data.id), String(data.id))
            case .key: return .text(key)
            case .parentKey: return .text(parentKey)
            case .version: return .text(data.version)
            case .status: return .text(data.status)
            case .respondent: return .text(data.respondent)
            case .interviewer: return .text(data.interviewer)
            case .startedAt: return cell(data.startedAt, kind: .dateTime)
            case .completedAt: return data.completedAt.map { cell($0, kind: .dateTime) } ?? .empty
            case .question(let name):
                guard let (question, a) = answer(name) else { return .empty }
                switch a {
                case .value(let v):
                    if labels.on, question.type.isSelect || question.type == .yesNo {
                        return .text(AnswerCodec.labels(v, of: question, in: q, language: labels.language))
                    }
                    return cell(v, kind: questionKinds[name] ?? .text)
                case .special(let s): return special(s)
                case .skipped: return .empty
                }
            case .choice(let name, let code):
                guard let (question, a) = answer(name), question.choice(code: code) != nil else { return .empty }
                switch a {
                case .value(let v): return SelectedCodes.contains(v, code) ? .number(1, "1") : .number(0, "0")
                case .special(let s): return special(s)
                case .skipped: return .empty
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
    /// The revision shown and its history (revision -> parents): JSON Lines carry them so import can merge.
    public var rev = ""
    public var revisions: [String: [String]] = [:]

    /// A stored interview as every export writes it.
    public init(_ d: InterviewData, notes: [InterviewNote] = []) {
        let r = d.record
        self.init(
            id: r.id, key: r.key, questionnaire: r.questionnaire, version: r.version, status: r.status.rawValue,
            respondent: r.respondent, interviewer: r.interviewer, language: r.language,
            startedAt: r.startedAt, completedAt: r.completedAt, answers: d.answers)
        self.notes = notes
        self.rev = r.rev
    }

    public init(
        id: Int, key: String, questionnaire: String, version: String, status: String, respondent: String,
        interviewer: String, language: String?, startedAt: String, completedAt: String?, answers: [String: Answer]
    ) {
        self.id = id
        self.key = key
        self.questionnaire = questionnaire
        self.version = version
        self.status = status
        self.respondent = respondent
        self.interviewer = interviewer
        self.language = language
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.answers = answers
    }
}

extension Redaction {
    /// Raw free text (`--no-redact`) is for an export that includes identifiers anyway.
    public static func checkRaw(redact: Bool, includeIdentifiers: Bool) throws {
        guard redact || includeIdentifiers else {
            throw OutputError("--no-redact keeps names inside free text: it goes with --include-identifiers")
        }
    }
}
