import CanvassCore
import Foundation

/// What a merge did, line by line, for the printed summary and `--report FILE.csv`.
public struct MergeReport: Sendable {
    public struct Row: Sendable {
        public var source: String
        public var outcome: MergeOutcome
        public var interview: Int?
        public var key, question, ours, theirs, oursBy, oursAt, theirsBy, theirsAt, note: String

        /// The row as `--report` writes it, in the order of `header`.
        public var fields: [String] {
            [
                source, outcome.rawValue, interview.map(String.init) ?? "", key, question, ours, theirs, oursBy, oursAt, theirsBy, theirsAt,
                note,
            ]
        }
    }
    public var rows: [Row] = []
    public var counts: [MergeOutcome: Int] = [:]
    /// Things worth saying once (e.g. the source is a copy of this database).
    public var notes: [String] = []
    public init() {}
    public static let header = [
        "source", "kind", "interview", "key", "question", "ours", "theirs", "ours_by", "ours_at", "theirs_by", "theirs_at", "note",
    ]

    /// What a merge of one file did, as the lines `merge` prints: the counts, then each conflict and duplicate.
    public func lines(source: String, dryRun: Bool) -> [String] {
        let words: [MergeOutcome: String] = [.conflict: "conflicts", .duplicate: "likely duplicates"]
        let summary = MergeOutcome.allCases.map { "\(counts[$0] ?? 0) \(words[$0] ?? $0.rawValue)" }.joined(separator: ", ")
        var out = notes.map { "  note: \($0)" }
        out.insert("\(dryRun ? "[dry run] " : "")\(source): \(summary)", at: 0)
        if counts.values.reduce(0, +) == (counts[.unchanged] ?? 0) { out.append("  nothing new: every interview was already here") }
        func quoted(_ s: String) -> String {
            switch s {
            case "": return "no answer"
            case "(left empty)": return "left empty"
            case ":dk": return "don't know"
            case ":rf": return "refused"
            default: return "'\(s.count > 40 ? String(s.prefix(40)) + "..." : s)'"
            }
        }
        for row in rows where row.outcome == .conflict {
            out.append(
                "  conflict: interview \(row.interview ?? 0) \(row.question): here \(quoted(row.ours)) (\(row.oursBy), \(row.oursAt)), "
                    + "there \(quoted(row.theirs)) (\(row.theirsBy), \(row.theirsAt))")
        }
        for row in rows where row.outcome == .duplicate { out.append("  duplicate: interview \(row.interview ?? 0): \(row.note)") }
        return out
    }

    public mutating func add(_ other: MergeReport) {
        rows += other.rows
        for (k, v) in other.counts { counts[k, default: 0] += v }
    }
}

/// What a merge did with one interview.
public enum MergeOutcome: String, Sendable, CaseIterable {
    case added, unchanged, updated, conflict, duplicate
}

/// Brings interviews from other Canvass databases into this one: nothing lost, nothing doubled,
/// nothing silently overwritten. One transaction per source file.
public enum DatabaseMerge {
    public static func merge(into target: CanvassStore, from sourcePath: String, dryRun: Bool, report: inout MergeReport) throws {
        let source = try CanvassStore.forReading(path: sourcePath)
        let peer = try source.databaseID
        var local = report
        if peer == (try target.databaseID) {
            // a copy shares the id: fine (histories decide, not ids); said once, as a note
            local.notes.append("\(sourcePath) has this database's id (a copy of it, or itself); merged by revision histories as any other")
        }
        _ = try target.inTransaction {
            if let note = try target.adoptStudyKey(of: source, sourcePath: sourcePath) { local.notes.append(note) }
            let versionRow = try copyQuestionnaires(from: source, path: sourcePath, into: target)
            var added: [String] = []
            try source.forEveryInterview { theirs in
                guard let row = versionRow[theirs.record.questionnaireVersionRowID] else { return }
                let (history, versions) = try source.versionsStanding(interview: theirs.record.id)
                let result = try target.merge(theirs, history: history, versions: versions, questionnaireRow: row)
                local.counts[result.outcome, default: 0] += 1
                if result.outcome != .unchanged || result.before == nil {
                    try copyEvents(from: source, interview: theirs.record.id, to: target, interview: result.interview)
                }
                try record(result, source: sourcePath, peer: peer, in: target, report: &local)
                if result.outcome != .unchanged {
                    try reconcileAudit(target, interview: result.interview, reason: "merged from database \(peer)")
                }
                if result.outcome == .added { added.append(theirs.record.key) }
            }
            let questionnaires = try Dictionary(
                uniqueKeysWithValues: Set(versionRow.values).map { row in (row, try target.questionnaire(rowID: row).map(target.parse)!) })
            try reportDuplicates(in: target, added: Set(added), questionnaires: questionnaires, source: sourcePath, report: &local)
            return !dryRun
        }
        report = local
    }

    /// Questionnaire versions: the same id and version must have the same source. Returns their rows by theirs.
    static func copyQuestionnaires(from source: CanvassStore, path sourcePath: String, into target: CanvassStore) throws -> [Int: Int] {
        var versionRow: [Int: Int] = [:]
        for id in try source.questionnaireIDs() {
            for theirs in try source.questionnaireVersions(id: id) {
                if let ours = try target.questionnaire(id: theirs.id, version: theirs.version) {
                    guard ours.hash == theirs.hash else {
                        throw StorageError(
                            "questionnaire \(theirs.id) version \(theirs.version) differs: here sha256 \(ours.hash), in "
                                + "\(sourcePath) sha256 \(theirs.hash); give one of them a new version and merge again")
                    }
                    versionRow[theirs.rowID] = ours.rowID
                } else {
                    let stored = try target.storeQuestionnaire(try theirs.load(), source: theirs.source, format: theirs.format)
                    versionRow[theirs.rowID] = stored.rowID
                }
            }
        }
        return versionRow
    }

    /// After a merge the audit trail must end on what is shown: where the last event of a question (theirs, copied in)
    /// says otherwise, one event records the value shown and why.
    static func reconcileAudit(_ store: CanvassStore, interview id: Int, reason: String) throws {
        var last: [String: String?] = [:]
        for e in try store.events(interview: id) where e.kind.setsAnswer {
            if let q = e.question, !q.hasPrefix("(") { last[q] = e.new }
        }
        let shown = try store.answers(interview: id)
        for (q, value) in last.sorted(by: { $0.key < $1.key }) {
            let now = shown[q].map(AnswerCodec.display)
            guard now != value else { continue }
            try store.recordEvent(
                interview: id, kind: .mergeUpdate, question: q, old: value ?? nil, new: now, actor: "canvass", reason: reason)
        }
    }

    /// The audit events and report rows of one interview merged in.
    static func record(_ result: CanvassStore.MergeResult, source: String, peer: String, in target: CanvassStore, report: inout MergeReport)
        throws
    {
        let theirs = result.theirs
        func line(_ note: String = "") -> MergeReport.Row {
            MergeReport.Row(
                source: source, outcome: result.outcome, interview: result.interview, key: theirs.record.key, question: "", ours: "",
                theirs: "", oursBy: "", oursAt: "", theirsBy: theirs.record.interviewer, theirsAt: theirs.record.updatedAt, note: note)
        }
        switch result.outcome {
        case .added:
            try target.recordEvent(
                interview: result.interview, kind: .mergeAdd, actor: theirs.record.interviewer, reason: "from database \(peer)")
            report.rows.append(line())
        case .updated:
            guard let ours = result.before else { return }
            for (q, old, new) in differences(ours, theirs) {
                try target.recordEvent(
                    interview: result.interview, kind: .mergeUpdate, question: q, old: old, new: new, actor: theirs.record.interviewer,
                    reason: "from database \(peer)")
            }
            report.rows.append(line())
        case .conflict:
            guard let ours = result.before else { return }
            // what the report shows goes through the masking: identifier values hidden, names out of free text
            let questionnaire = try? target.questionnaire(of: theirs.record)
            for (q, o, t) in differences(ours, theirs) {
                let (o, t) = masked(q, o, t, ours, theirs, questionnaire)
                report.rows.append(
                    MergeReport.Row(
                        source: source, outcome: .conflict, interview: result.interview, key: theirs.record.key, question: q,
                        ours: o ?? "", theirs: t ?? "", oursBy: ours.record.interviewer,
                        oursAt: ours.answeredAt[q] ?? ours.record.updatedAt,
                        theirsBy: theirs.record.interviewer, theirsAt: theirs.answeredAt[q] ?? theirs.record.updatedAt,
                        note:
                            "both kept; settle with: canvass merge resolve \(result.interview) --take ours|theirs|QUESTION=VALUE --reason TEXT"
                    ))
            }
        case .unchanged, .duplicate: break
        }
    }

    /// The other database's audit events of an interview that this one does not hold yet.
    static func copyEvents(from source: CanvassStore, interview theirID: Int, to target: CanvassStore, interview ourID: Int) throws {
        let theirs = try source.events(interview: theirID)
        guard !theirs.isEmpty else { return }
        func signature(_ e: AuditEvent) -> String {
            [e.kind.rawValue, e.question ?? "", e.old ?? "", e.new ?? "", e.actor ?? "", e.reason ?? "", e.at].joined(separator: "\u{1F}")
        }
        let known = Set(try target.events(interview: ourID).map(signature))
        for e in theirs where !known.contains(signature(e)) {
            try target.recordEvent(
                interview: ourID, kind: e.kind, question: e.question, old: e.old, new: e.new, actor: e.actor, reason: e.reason, at: e.at)
        }
    }

    /// Each question whose answer differs, with both values in display form (nil when absent).
    static func differences(_ ours: InterviewData, _ theirs: InterviewData) -> [(String, String?, String?)] {
        var out: [(String, String?, String?)] = []
        for (field, a, b) in [
            ("status", ours.record.status.rawValue, theirs.record.status.rawValue),
            ("respondent", ours.record.respondent, theirs.record.respondent),
            ("interviewer", ours.record.interviewer, theirs.record.interviewer),
        ] where a != b {
            out.append(("(\(field))", a, b))
        }
        for name in Set(ours.answers.keys).union(theirs.answers.keys).sorted() where ours.answers[name] != theirs.answers[name] {
            out.append((name, ours.answers[name].map(display), theirs.answers[name].map(display)))
        }
        return out
    }

    /// `merge A B ...`: each file merged in turn (each in one transaction), what it did said through `say`, then how
    /// to settle the conflicts; returns the merged report of all.
    public static func merge(into target: CanvassStore, from others: [String], dryRun: Bool, say: (String) -> Void) throws -> MergeReport {
        var merged = MergeReport()
        for other in others {
            guard FileManager.default.fileExists(atPath: other) else { throw StorageError("\(other): no such file") }
            var one = MergeReport()
            try merge(into: target, from: other, dryRun: dryRun, report: &one)
            one.lines(source: other, dryRun: dryRun).forEach(say)
            merged.add(one)
        }
        if merged.counts[.conflict, default: 0] > 0 && !dryRun {
            say("Settle each conflict with: canvass merge resolve N --take ours|theirs|QUESTION=VALUE... --reason TEXT")
        }
        return merged
    }

    public static func display(_ a: Answer) -> String { AnswerCodec.display(a) }

    /// A conflict's two values as a report may show them: an identifier's as `(confidential)` (it is settled by
    /// its question name: `merge resolve N --take firm_name=...`, the values seen with `interview show N
    /// --include-identifiers`), free text with both sides' names taken out.
    static func masked(
        _ key: String, _ ours: String?, _ theirs: String?, _ a: InterviewData, _ b: InterviewData, _ q: Questionnaire?
    ) -> (String?, String?) {
        let confidential = key == "(respondent)" || q?.question(forKey: key)?.identifier == true
        guard let q, confidential || q.question(forKey: key) != nil else { return (ours, theirs) }
        if confidential {
            return (ours.map { $0.isEmpty ? $0 : "(confidential)" }, theirs.map { $0.isEmpty ? $0 : "(confidential)" })
        }
        let names = [a, b].flatMap { d in
            d.answers.compactMap { k, v -> (String, String)? in
                guard q.question(forKey: k)?.identifier == true, case .value(let s) = v else { return nil }
                return (s, Redaction.placeholder(k))
            } + [(d.record.respondent, "[respondent]")]
        }
        let r = Redaction(q, answers: [:], respondent: nil, extra: names + q.redactWords.map { ($0, "[redacted]") })
        return (ours.map(r.apply), theirs.map(r.apply))
    }

    /// The same respondent interviewed twice: an identifier answer (firm name, e-mail...) equal to another
    /// interview's once case, spacing and full-width forms are normalised; without identifiers, the respondent.
    public static func reportDuplicates(
        in store: CanvassStore, added: Set<String>, questionnaires: [Int: Questionnaire], source: String, report: inout MergeReport
    ) throws {
        guard !added.isEmpty else { return }
        for id in Set(questionnaires.values.map(\.id)).sorted() {
            var groups: [String: [Int]] = [:]
            var keyOf: [Int: String] = [:]
            guard let versions = try store.versions(of: id) else { continue }
            // only the identifier answers are read: the check costs a scan of a few columns, not of every answer
            let identifiers = Set(versions.all.flatMap { $0.questions.filter(\.identifier).map(\.name) })
            try store.forEachInterview(questionnaire: id, includeOpen: true, questions: identifiers, withTimes: false, revealed: false) {
                d in
                guard let q = versions.questionnaire(row: d.record.questionnaireVersionRowID) else { return }
                keyOf[d.record.id] = d.record.key
                var identities = q.questions.filter(\.identifier).compactMap { question in
                    d.answers[question.name]?.value.map { question.name + "\u{1F}" + identity($0) }
                }.filter { !$0.hasSuffix("\u{1F}") }
                if identities.isEmpty, !identity(d.record.respondent).isEmpty { identities = ["\u{1F}" + identity(d.record.respondent)] }
                for identity in identities { groups[identity, default: []].append(d.record.id) }
            }
            var others: [Int: Set<Int>] = [:]
            for (_, members) in groups where members.count > 1 {
                for m in members where added.contains(keyOf[m] ?? "") { others[m, default: []].formUnion(members.filter { $0 != m }) }
            }
            var reported = Set<[Int]>()
            for (m, rest) in others.sorted(by: { $0.key < $1.key }) {
                // each group of the same respondent once, whichever of its members came in
                guard reported.insert(([m] + rest).sorted()).inserted else { continue }
                let ids = ([m] + rest).sorted().map(String.init).joined(separator: ", ")
                report.counts[.duplicate, default: 0] += 1
                report.rows.append(
                    MergeReport.Row(
                        source: source, outcome: .duplicate, interview: m, key: keyOf[m] ?? "", question: "", ours: "", theirs: "",
                        oursBy: "", oursAt: "", theirsBy: "", theirsAt: "",
                        note: "same respondent as interviews \(ids) of \(id); both kept, check and remove one if it is a repeat"))
            }
        }
    }

    /// What makes two names the same: the blind index of a sealed one (its keyed hash, folded as `Redaction` folds),
    /// the normalised text of one in clear.
    static func identity(_ s: String) -> String {
        if SealedValue.isSealed(s) { return SealedValue(s)?.identity.map { "#" + $0 } ?? "" }
        return normalise(s)
    }

    /// Case, spacing and full-width forms folded: "ＡＣＭＥ  Ltd" and "acme ltd" are the same name.
    public static func normalise(_ s: String) -> String {
        s.precomposedStringWithCompatibilityMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Settling a conflict

    public enum Resolution: Sendable, Equatable {
        case ours, theirs
        case values([String: String])

        /// `--take ours`, `--take theirs`, or `--take QUESTION=VALUE...`; nil with the reason when the words are off.
        public static func parse(_ take: [String]) -> Result<Resolution, StorageError> {
            if take.isEmpty { return .failure(StorageError("--take needs ours, theirs or QUESTION=VALUE", kind: .other)) }
            if take == ["ours"] { return .success(.ours) }
            if take == ["theirs"] { return .success(.theirs) }
            if take.contains("ours") || take.contains("theirs") {
                return .failure(StorageError("--take ours or --take theirs stands alone", kind: .other))
            }
            var values: [String: String] = [:]
            for t in take {
                let parts = t.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else {
                    return .failure(StorageError("--take \(t): write ours, theirs, or QUESTION=VALUE", kind: .other))
                }
                values[parts[0]] = parts[1]
            }
            return .success(.values(values))
        }
    }

    /// Settles the conflict of interview `id` (`peer`: a prefix of the other version's revision, when several stand):
    /// a new revision whose parents are every version standing, so the settlement wins wherever it travels.
    public static func resolve(
        _ store: CanvassStore, interview id: Int, peer: String?, resolution: Resolution, reason: String, actor: String
    ) throws -> String {
        guard let record = try store.interview(id) else { throw StorageError("there is no interview \(id)") }
        var others = try store.conflictingVersions(interview: id)
        guard !others.isEmpty else { throw StorageError("interview \(id) has no merge conflict") }
        if let peer { others = others.filter { $0.key.hasPrefix(peer) || $0.key.split(separator: "-").last?.hasPrefix(peer) == true } }
        let ours = InterviewData(
            record: record, answers: try store.answers(interview: id), answeredAt: try store.answerTimes(interview: id))
        var result = ours
        switch resolution {
        case .ours: break
        case .theirs:
            guard others.count == 1, let text = others.first?.value else {
                throw StorageError(
                    "interview \(id) has \(others.count) other versions (\(others.keys.sorted().joined(separator: ", "))); "
                        + "name one with --peer REV")
            }
            result = try InterviewCodec.decode(text, record: record)
        case .values(let values):
            let q = try store.questionnaire(of: record)
            var engine = InterviewEngine(questionnaire: q, answers: ours.answers)
            for (name, text) in values.sorted(by: { $0.key < $1.key }) {
                guard let index = engine.slotIndex(forKey: name), engine.question(at: index).type != .note else {
                    throw StorageError("\(name) is not a question of \(q.id) \(q.version) reached in this interview")
                }
                let given: Answer =
                    text == ":dk" ? .special(.dontKnow) : text == ":rf" ? .special(.refused) : text.isEmpty ? .skipped : .value(text)
                let answer: Answer
                switch engine.check(given, at: index, strict: false) {
                case .failure(let r): throw StorageError("\(name)=\(text): \(r.reason)")
                case .success(let a): answer = a
                }
                engine.record(answer, for: name)
                result.answers[name] = answer
                result.answeredAt[name] = Timestamp.now()
            }
        }
        let leaves = try store.history(interview: id).leaves
        _ = try store.inTransaction {
            result.record.updatedAt = Timestamp.now()
            // values set here are sealed as any other write (a study key in use)
            result = try store.kept(result, questionnaireRow: record.questionnaireVersionRowID)
            try store.replaceInterview(id, with: result)
            for (q, old, new) in differences(ours, result) {
                try store.recordEvent(interview: id, kind: .mergeResolve, question: q, old: old, new: new, actor: actor, reason: reason)
            }
            try store.recordEvent(interview: id, kind: .mergeResolved, actor: actor, reason: reason)
            // descends from every version standing: no longer a conflict here or wherever it travels
            try store.advanceRevision(id, parents: leaves)
            for rev in try store.conflictingVersions(interview: id).keys { try store.setConflictContent(rev, interview: id, content: nil) }
            return true
        }
        switch resolution {
        case .ours: return "kept the version shown here"
        case .theirs: return "took the other version (\(others.keys.first ?? ""))"
        case .values(let v): return "kept the version shown here with \(v.count) answer\(v.count == 1 ? "" : "s") set"
        }
    }
}

/// An interview's header and answers as stored JSON (for the other side of a conflict).
enum InterviewCodec {
    static func encode(_ d: InterviewData) -> String {
        var answers: [String: Any] = [:]
        for (k, a) in d.answers {
            switch a {
            case .value(let v): answers[k] = ["v": v]
            case .special(let s): answers[k] = ["s": s.rawValue]
            case .skipped: answers[k] = ["s": "skip"]
            }
        }
        let r = d.record
        let o: [String: Any] = [
            "respondent": r.respondent, "interviewer": r.interviewer, "language": r.language ?? NSNull(),
            "status": r.status.rawValue, "started_at": r.startedAt, "updated_at": r.updatedAt,
            "completed_at": r.completedAt ?? NSNull(), "answers": answers, "times": d.answeredAt,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String, record base: InterviewRecord) throws -> InterviewData {
        guard let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw StorageError("a stored conflict cannot be read")
        }
        var r = base
        r.respondent = o["respondent"] as? String ?? r.respondent
        r.interviewer = o["interviewer"] as? String ?? r.interviewer
        r.language = o["language"] as? String
        r.status = InterviewStatus(rawValue: o["status"] as? String ?? "") ?? r.status
        r.startedAt = o["started_at"] as? String ?? r.startedAt
        r.updatedAt = o["updated_at"] as? String ?? r.updatedAt
        r.completedAt = o["completed_at"] as? String
        var answers: [String: Answer] = [:]
        for (k, v) in o["answers"] as? [String: [String: String]] ?? [:] {
            if let value = v["v"] {
                answers[k] = .value(value)
            } else if v["s"] == "skip" {
                answers[k] = .skipped
            } else if let s = v["s"].flatMap(SpecialAnswer.init(rawValue:)) {
                answers[k] = .special(s)
            }
        }
        return InterviewData(record: r, answers: answers, answeredAt: o["times"] as? [String: String] ?? [:])
    }
}
