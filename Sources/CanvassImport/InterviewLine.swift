import CanvassCore

/// Reading one JSON Lines import line: its header, its answers checked against the questionnaire.
public enum InterviewLine {
    /// The parts of an import line before its answers are checked against a questionnaire.
    public struct Header {
        public var questionnaire: String
        public var version: String
        public var key: String?
        public var respondent: String
        public var interviewer: String
        public var language: String?
        public var status: InterviewStatus
        public var startedAt: String?
        public var completedAt: String?
        public var answers: [(key: String, value: JSONValue)]
        public var notes: [InterviewNote] = []
        /// The revision exported with the line, and its history (revision -> parents), when it came from Canvass.
        public var rev: String?
        public var revisions: [String: [String]] = [:]
        /// False in a file exported without identifiers: its answers are a redacted view of `rev`, not an edit.
        public var identifiers = true
    }

    public struct LineError: Error {
        public var message: String
        init(_ m: String) { message = m }
    }

    static let knownKeys = [
        "questionnaire", "version", "key", "respondent", "interviewer", "language", "status", "started_at", "completed_at", "answers",
        "notes", "rev", "revisions", "identifiers",
    ]

    public static func header(_ line: String) -> Result<Header, LineError> { header(Array(line.utf8)) }

    public static func header(_ bytes: [UInt8]) -> Result<Header, LineError> {
        let object: JSONValue
        do { object = try JSONReader.parse(bytes) } catch {
            return .failure(
                LineError(
                    "not valid JSON (\(error.message) at character \(error.offset + 1)); each line must be one interview object {...}"))
        }
        guard case .object(let pairs) = object else {
            return .failure(LineError("a line must be a JSON object {...}, one interview per line"))
        }
        for (k, _) in pairs where !knownKeys.contains(k) {
            let near = Suggestion.nearest(to: k, among: knownKeys).map { "; did you mean \"\($0)\"?" } ?? ""
            return .failure(LineError("unknown key \"\(k)\"\(near)"))
        }
        func text(_ k: String, required: Bool) -> Result<String?, LineError> {
            switch object[k] {
            case nil, .null?: return required ? .failure(LineError("\"\(k)\" is missing")) : .success(nil)
            case .string(let s)?:
                if required && s.allSatisfy(\.isWhitespace) { return .failure(LineError("\"\(k)\" is empty")) }
                if TerminalText.hasControlCharacters(s) { return .failure(LineError("\"\(k)\" contains control characters")) }
                return .success(s)
            default: return .failure(LineError("\"\(k)\" must be a string"))
            }
        }
        do {
            let q = try text("questionnaire", required: true).get()!
            let v = try text("version", required: true).get()!
            let key = try text("key", required: false).get()
            let respondent = try text("respondent", required: false).get() ?? ""
            let interviewer = try text("interviewer", required: true).get()!
            let language = try text("language", required: false).get()
            let statusText = try text("status", required: false).get() ?? "completed"
            guard let status = InterviewStatus(rawValue: statusText) else {
                return .failure(LineError("\"status\" must be \"open\" or \"completed\", not \"\(statusText)\""))
            }
            let startedAt = try text("started_at", required: false).get()
            let completedAt = try text("completed_at", required: false).get()
            for (k, t) in [("started_at", startedAt), ("completed_at", completedAt)] {
                if let t, !isTimestamp(t) { return .failure(LineError("\"\(k)\" is \"\(t)\", not a time like 2018-07-02T10:00:00+09:00")) }
            }
            if let key, key.isEmpty || key.count > 100 { return .failure(LineError("\"key\" must be 1 to 100 characters")) }
            let answers: [(key: String, value: JSONValue)]
            switch object["answers"] {
            case nil: answers = []
            case .object(let a)?: answers = a
            default: return .failure(LineError("\"answers\" must be an object of question names to answers"))
            }
            var notes: [InterviewNote] = []
            switch object["notes"] {
            case nil, .null?: break
            case .array(let items)?:
                for item in items {
                    guard case .string(let question)? = item["question"], case .string(let text)? = item["text"] else {
                        return .failure(LineError("each note must be {\"question\": NAME, \"text\": TEXT, \"by\": NAME, \"at\": TIME}"))
                    }
                    var by: String?
                    if case .string(let b)? = item["by"] { by = b }
                    var at = startedAt ?? ""
                    if case .string(let a)? = item["at"] { at = a }
                    if TerminalText.hasControlCharacters(text) || TerminalText.hasControlCharacters(by ?? "") {
                        return .failure(LineError("a note on \(question) contains control characters"))
                    }
                    notes.append(InterviewNote(question: question, text: text, by: by, at: at))
                }
            default: return .failure(LineError("\"notes\" must be a list of notes"))
            }
            var header = Header(
                questionnaire: q, version: v, key: key, respondent: respondent, interviewer: interviewer,
                language: language, status: status, startedAt: startedAt, completedAt: completedAt, answers: answers)
            header.notes = notes
            header.rev = try text("rev", required: false).get()
            if case .bool(false)? = object["identifiers"] { header.identifiers = false }
            switch object["revisions"] {
            case nil, .null?: break
            case .object(let pairs)?:
                for (rev, parents) in pairs {
                    guard case .array(let items) = parents else {
                        return .failure(LineError("\"revisions\" maps each revision to a list of parents"))
                    }
                    header.revisions[rev] = items.compactMap { if case .string(let p) = $0 { return p } else { return nil } }
                }
            default: return .failure(LineError("\"revisions\" must be an object {revision: [parents]}"))
            }
            if let rev = header.rev, !header.revisions.isEmpty, header.revisions[rev] == nil {
                return .failure(LineError("\"rev\" \(rev) is not one of the line's \"revisions\""))
            }
            return .success(header)
        } catch {
            return .failure(error)
        }
    }

    /// A JSON value as an answer to `question`, before checking (text form, as stored).
    public static func answer(_ value: JSONValue, for question: Question) -> Result<Answer, LineError> {
        switch value {
        case .null: return .success(.skipped)
        case .object(let pairs):
            guard pairs.count == 1, pairs[0].key == "special", case .string(let s) = pairs[0].value else {
                return .failure(LineError("\(question.name): an object answer must be {\"special\": \"dk\"} or {\"special\": \"rf\"}"))
            }
            guard let sa = SpecialAnswer(rawValue: s) else {
                return .failure(LineError("\(question.name): special answer \"\(s)\" is not dk or rf"))
            }
            return .success(.special(sa))
        case .array(let items):
            guard question.type == .selectMultiple else {
                return .failure(LineError("\(question.name) is \(question.type.rawValue); a list is only for select_multiple"))
            }
            var codes: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    return .failure(LineError("\(question.name): list items must be choice codes as strings"))
                }
                guard !s.contains(" ") else { return .failure(LineError("\(question.name): '\(s)' is not one of the choices")) }
                codes.append(s)
            }
            if codes.isEmpty { return .failure(LineError("\(question.name): an empty list; write null to leave the question empty")) }
            return .success(.value(codes.joined(separator: " ")))
        case .string(let s):
            return .success(.value(s))
        case .bool(let b):
            guard question.type == .yesNo else {
                return .failure(LineError("\(question.name) is \(question.type.rawValue); true/false is only for yes_no"))
            }
            return .success(.value(b ? "yes" : "no"))
        case .number(let n):
            guard question.type.isNumeric else {
                return .failure(LineError("\(question.name) is \(question.type.rawValue); give its answer as a string"))
            }
            guard let canonical = AnswerParser.parseDecimal(n) else {
                return .failure(LineError("\(question.name): \(n) is not a plain number (no exponents)"))
            }
            return .success(.value(canonical))
        }
    }

    /// `YYYY-MM-DD`, or that with `THH:MM:SS`, optional fraction, and `Z` or an offset `+HH:MM`.
    static func isTimestamp(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 10, AnswerParser.parseDate(String(decoding: u[0..<10], as: UTF8.self)) != nil else { return false }
        if u.count == 10 { return true }
        func digits(_ r: Range<Int>, max: Int) -> Bool {
            guard r.upperBound <= u.count else { return false }
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return false }
                v = v * 10 + Int(u[i] - 48)
            }
            return v <= max
        }
        guard u.count >= 19, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "), digits(11..<13, max: 23), u[13] == 58,
            digits(14..<16, max: 59), u[16] == 58, digits(17..<19, max: 60)
        else { return false }
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            guard i > start else { return false }
        }
        if i == u.count || (i == u.count - 1 && u[i] == UInt8(ascii: "Z")) { return true }
        guard u.count - i == 6, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), digits((i + 1)..<(i + 3), max: 14), u[i + 3] == 58,
            digits((i + 4)..<(i + 6), max: 59)
        else { return false }
        return true
    }
}

extension InterviewLine {
    /// Checks a line's answers as the interview would: known question, type, choice, special,
    /// constraint, relevance, and (for a completed interview) required questions answered.
    public static func answers(_ raw: [(key: String, value: JSONValue)], questionnaire q: Questionnaire, completed: Bool) -> Result<
        [String: Answer], LineError
    > {
        var answers: [String: Answer] = [:]
        var problems: [String] = []
        // repeats arrive as arrays of objects: flatten them to repeat paths (participant[2]/role)
        func flatten(_ pairs: [(key: String, value: JSONValue)], chain: [Int], prefix: String) {
            for (name, value) in pairs {
                if let index = q.index(of: name) {
                    let question = q.questions[index]
                    guard q.repeatChain(ofQuestionAt: index) == chain else {
                        problems.append("\(prefix)\(name) belongs \(placement(q.repeatChain(ofQuestionAt: index)))")
                        continue
                    }
                    if question.type == .note {
                        problems.append("\(prefix)\(name) is a note and takes no answer")
                        continue
                    }
                    if question.type == .calculate { continue }  // recomputed from the other answers
                    switch answer(value, for: question) {
                    case .failure(let e): problems.append(prefix.isEmpty ? e.message : prefix + e.message)
                    case .success(let a): answers[prefix + name] = a
                    }
                } else if let g = q.group(named: name), q.groups[g].isRepeat {
                    guard Array(q.repeatChain(ofGroup: g).dropLast()) == chain else {
                        problems.append("\(prefix)\(name) belongs \(placement(Array(q.repeatChain(ofGroup: g).dropLast())))")
                        continue
                    }
                    guard case .array(let items) = value else {
                        problems.append(
                            "\(prefix)\(name) is a repeat: give a list of objects, one per \(q.text(q.groups[g].label, in: "en"))")
                        continue
                    }
                    let ceiling = min(q.groups[g].repeatRule?.maximum ?? RepeatRule.ceiling, RepeatRule.ceiling)
                    guard items.count <= ceiling else {
                        problems.append("\(prefix)\(name) has \(items.count) instances; at most \(ceiling) are allowed")
                        continue
                    }
                    let rule = q.groups[g].repeatRule!
                    for (k, item) in items.enumerated() {
                        guard case .object(let inner) = item else {
                            problems.append("\(prefix)\(name)[\(k + 1)] must be an object of answers")
                            continue
                        }
                        // without repeat_count, each instance beyond the minimum was added by answering "Add another?" yes
                        if rule.count == nil, k + 1 > rule.minimum { answers["\(prefix)\(name)[\(k + 1)]"] = .value("yes") }
                        flatten(inner, chain: chain + [g], prefix: "\(prefix)\(name)[\(k + 1)]/")
                    }
                } else {
                    let known = q.questions.map(\.name) + q.groups.filter(\.isRepeat).map(\.name)
                    let near = Suggestion.nearest(to: name, among: known).map { "; did you mean \($0)?" } ?? ""
                    problems.append("\"\(prefix)\(name)\" is not a question of \(q.id) \(q.version)\(near)")
                }
            }
        }
        func placement(_ chain: [Int]) -> String {
            chain.isEmpty ? "outside every repeat" : "inside the repeat " + chain.map { q.groups[$0].name }.joined(separator: "/")
        }
        flatten(raw, chain: [], prefix: "")
        guard problems.isEmpty else { return .failure(LineError(problems.joined(separator: "; "))) }
        // Checked in interview order, so constraints and relevance see the earlier answers.
        let handed = answers
        answers = [:]  // the checked walk takes the only reference and canonicalises in place
        switch InterviewEngine.check(handed, questionnaire: q, completed: completed) {
        case .failure(let problems): return .failure(LineError(problems.messages.joined(separator: "; ")))
        case .success(let checked): return .success(checked)
        }
    }
}

extension InterviewLine {
    /// An import line, parsed and checked.
    public enum LineOutcome: Sendable {
        case blank
        case error(String)
        /// The line's questionnaire version was not among those given: load it and parse again.
        case needsQuestionnaire(id: String, version: String)
        case interview(ParsedInterview)
    }

    public struct ParsedInterview: Sendable {
        public var questionnaire, version: String
        public var key: String?
        public var respondent, interviewer: String
        public var language: String?
        public var status: InterviewStatus
        public var startedAt, completedAt: String?
        public var answers: [String: Answer]
        public var notes: [InterviewNote] = []
        public var rev: String?
        public var revisions: [String: [String]] = [:]
        /// The answers as a revision hashes them, kept when the answers themselves are released early.
        public var content = ""
        public var identifiers = true
        /// The record and history as they will be stored, worked out on a checking thread.
        public var prepared: (record: InterviewRecord, history: RevisionHistory)?
    }

    public static func questionnaireKey(_ id: String, _ version: String) -> String { id + "\u{0}" + version }

    /// Parses and checks one line against the questionnaires given (keyed by `questionnaireKey`). Pure, so lines can be checked in parallel.
    public static func parse(_ line: [UInt8], questionnaires: [String: Questionnaire]) -> LineOutcome {
        // a byte-order mark (Excel and Notepad write one at the start of a UTF-8 file) is not part of the interview
        let bytes = line.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(line.dropFirst(3)) : line
        if bytes.count > LineReader.maximumLine {
            return .error("the line is longer than \(LineReader.maximumLine >> 20) MB; one interview is never that large")
        }
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { return .blank }
        guard String(validating: bytes, as: UTF8.self) != nil else { return .error("not UTF-8 text") }
        let h: Header
        switch header(bytes) {
        case .failure(let e): return .error(e.message)
        case .success(let x): h = x
        }
        guard let q = questionnaires[questionnaireKey(h.questionnaire, h.version)] else {
            return .needsQuestionnaire(id: h.questionnaire, version: h.version)
        }
        if let lang = h.language, !q.languages.isEmpty, !q.languages.contains(lang) {
            return .error("language \"\(lang)\" is not one of \(q.id)'s languages (\(q.languages.joined(separator: ", ")))")
        }
        // XLSForm's metadata questions the line does not answer, from its own header (start, end, today, username)
        var raw = h.answers
        if q.questions.contains(where: \.type.isMetadata) {
            let given = Set(raw.map(\.key))
            let filled = InterviewMetadata.answers(
                q, existing: Dictionary(uniqueKeysWithValues: given.map { ($0, Answer.skipped) }), startedAt: h.startedAt ?? "",
                completedAt: h.status == .completed ? h.completedAt : nil, interviewer: h.interviewer, deviceID: nil)
            for (key, answer) in filled { if case .value(let v) = answer { raw.append((key, .string(v))) } }
        }
        switch answers(raw, questionnaire: q, completed: h.status == .completed) {
        case .failure(let e): return .error(e.message)
        case .success(let a):
            for n in h.notes where q.target(ofKey: n.question) == nil {
                return .error("note on \"\(n.question)\", which is not a question of \(q.id) \(q.version)")
            }
            var parsed = ParsedInterview(
                questionnaire: h.questionnaire, version: h.version, key: h.key, respondent: h.respondent,
                interviewer: h.interviewer, language: h.language, status: h.status,
                startedAt: h.startedAt, completedAt: h.completedAt, answers: a)
            parsed.notes = h.notes
            parsed.rev = h.rev
            parsed.revisions = h.revisions
            parsed.identifiers = h.identifiers
            return .interview(parsed)
        }
    }
}
