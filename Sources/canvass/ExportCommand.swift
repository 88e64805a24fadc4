import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write interviews as CSV (one row per interview) or JSON Lines.",
        subcommands: [CSV.self, JSONL.self, Audit.self, Paradata.self, CodebookCommand.self, Stata.self, SPSS.self, R.self])

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per completed interview, one column per question; select_multiple also as 0/1 columns.",
            discussion: "Identifier questions and the respondent are left out unless --include-identifiers. dk/rf are written as the questionnaire's special codes (default -98/-99).")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Include interviews that are not completed (adds a status column).") var includeOpen = false
        @Flag(help: "Write a UTF-8 byte-order mark and CRLF line ends for Excel.") var excel = false
        @Flag(help: "Choice labels instead of codes (in --lang).") var labels = false
        @Option(help: "Language of --labels.") var lang: String?
        @Flag(help: "One row per answer (interview, question, value, label, special) instead of one per interview.") var long = false
        @Flag(help: "Replace interview numbers and keys by stable keyed hashes (the key stays in the database).") var pseudonymize = false
        @Option(name: .customLong("repeat"), help: "Write the rows of this repeat (one per instance, with PARENT_KEY and KEY) instead of the interviews.") var repeatName: String?
        @Option(help: "Write a folder: QUESTIONNAIRE.csv and QUESTIONNAIRE-REPEAT.csv for each repeat, linked by PARENT_KEY/KEY.") var outDir: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try storedVersions(store, questionnaire)
            try checkLanguage(lang, versions.last!.1)
            let pseudonym = pseudonymize ? try Pseudonyms(store).function : nil
            if long { return try writeLong(store, versions, pseudonym) }
            let byRow = byVersionRow(versions)
            if let (name, t1, v1, t2, v2) = QuestionnaireDiff.incompatibleTypes(versions.map(\.1)) {
                throw Failure("question \(name) is \(t1) in version \(v1) but \(t2) in version \(v2); its answers cannot share one column. Rename it in the newer version (e.g. \(name)_v2)")
            }
            let repeats = WideLayout.repeatNames(versions.map(\.1))
            if let name = repeatName, !repeats.contains(name) {
                let near = Suggestion.nearest(to: name, among: repeats).map { "; did you mean \($0)?" } ?? ""
                throw Failure(repeats.isEmpty ? "\(questionnaire) has no repeats" : "\(questionnaire) has no repeat \(name)\(near) (its repeats: \(repeats.joined(separator: ", ")))")
            }
            if let outDir {
                guard out == nil, repeatName == nil else { throw Failure("--out-dir writes every file; leave out --out and --repeat") }
                let dir = try outputFolder(outDir)
                var files: [String] = []
                for name in [nil] + repeats.map(Optional.some) {
                    let file = (dir as NSString).appendingPathComponent(questionnaire + (name.map { "-" + $0 } ?? "") + ".csv")
                    let n = try writeTable(store, versions, byRow, pseudonym, repeat: name, to: file)
                    files.append("\((file as NSString).lastPathComponent) (\(n) row\(n == 1 ? "" : "s"))")
                }
                Console.out("Wrote \(files.joined(separator: ", ")) to \(dir).")
                return
            }
            let n = try writeTable(store, versions, byRow, pseudonym, repeat: repeatName, to: out)
            if let out, out != "-" {
                Console.out("Wrote \(n) \(repeatName.map { "\($0) row" } ?? "interview")\(n == 1 ? "" : "s") to \(out).")
                if repeatName == nil && !repeats.isEmpty {
                    Console.out("The repeats (\(repeats.joined(separator: ", "))) have their own files: --out-dir DIR writes all of them, --repeat NAME one.")
                }
            }
        }

        /// Writes one table (the interviews, or one repeat's instances) and returns its number of rows.
        func writeTable(_ store: CanvassStore, _ versions: [(StoredQuestionnaire, Questionnaire)], _ byRow: [Int: Questionnaire],
                        _ pseudonym: (@Sendable (String) -> String)?, repeat name: String?, to out: String?) throws -> Int {
            var wide = WideLayout(versions: versions.map(\.1), includeIdentifiers: includeIdentifiers, includeStatus: includeOpen, repeat: name)
            wide.labels = (lang, labels)
            wide.pseudonym = pseudonym
            let layout = wide
            var count = 0
            let excel = self.excel
            // counting the interviews costs a scan: only when a terminal shows the bar
            let progress = ProgressBar(total: out == nil || out == "-" || !Console.errorIsTerminal ? 0 : try store.interviews(questionnaire: questionnaire).count, what: "export")
            defer { progress.finish() }
            try OutputFile(out, privateMode: includeIdentifiers).produce { output in
                let writer = CSVWriter(options: .init(excel: excel)) { try output.write($0) }
                try writer.writeRow(layout.header)
                try writer.flush()
                // Rows are built and encoded on every core, a batch at a time, while the next batch is read.
                let encode: @Sendable (InterviewData) -> (bytes: [UInt8], rows: Int) = { data in
                    guard let q = byRow[data.record.questionnaireVersionRowID] else { return ([], 0) }
                    let rows = layout.rows(exported(data), questionnaire: q)
                    return (rows.flatMap { CSVWriter.encode($0, excel: excel) }, rows.count)
                }
                var running = ParallelBatch<InterviewData, (bytes: [UInt8], rows: Int)>([], encode)
                var batch: [InterviewData] = []
                var interviews = 0
                func handOver() throws {
                    let rows = running.wait()
                    for r in rows where !r.bytes.isEmpty { try output.write(r.bytes) }
                    count += rows.reduce(0) { $0 + $1.rows }
                    interviews += rows.count
                    progress.update(interviews)
                    running = ParallelBatch(batch, encode)
                    batch = []
                }
                try store.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen) { data in
                    batch.append(data)
                    if batch.count == 1024 { try handOver() }
                }
                try handOver()
                try handOver()
            }
            progress.finish()
            return count
        }
    }

    struct JSONL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jsonl", abstract: "Interviews in the import format (round trip); identifiers only with --include-identifiers.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Include identifier answers and the respondent (confidential).") var includeIdentifiers = false
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @Flag(help: "Replace interview keys by stable keyed hashes (the key stays in the database).") var pseudonymize = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try storedVersions(store, questionnaire)
            let byRow = byVersionRow(versions)
            let pseudonym = pseudonymize ? try Pseudonyms(store).function : nil
            var notes: [Int: [InterviewNote]] = [:]
            for e in try store.events() where e.kind == "note" {
                notes[e.interviewID, default: []].append(InterviewNote(question: e.question ?? "", text: e.new ?? "", by: e.actor, at: e.at))
            }
            var count = 0
            try OutputFile(out, privateMode: includeIdentifiers).produce { output in
                try store.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen) { data in
                    guard let q = byRow[data.record.questionnaireVersionRowID] else { return }
                    var e = exported(data)
                    e.notes = notes[data.record.id] ?? []
                    if let pseudonym { e.key = pseudonym(e.key) }
                    try output.writeLine(InterviewJSON.line(e, questionnaire: q, includeIdentifiers: includeIdentifiers))
                    count += 1
                }
            }
            if let out, out != "-" { Console.out("Wrote \(count) interview\(count == 1 ? "" : "s") to \(out).") }
        }
    }
}

extension ExportCommand.CSV {
    /// `--long`: one row per relevant answer.
    func writeLong(_ store: CanvassStore, _ versions: [(StoredQuestionnaire, Questionnaire)], _ pseudonym: (@Sendable (String) -> String)?) throws {
        let byRow = byVersionRow(versions)
        var count = 0
        try OutputFile(out, privateMode: includeIdentifiers).produce { output in
            let writer = CSVWriter(options: .init(excel: excel)) { try output.write($0) }
            try writer.writeRow(["interview_id", "KEY", "version", "question", "value", "label", "special"])
            try store.forEachInterview(questionnaire: questionnaire, includeOpen: includeOpen) { d in
                guard let q = byRow[d.record.questionnaireVersionRowID] else { return }
                let id = pseudonym?(d.record.key) ?? String(d.record.id), key = pseudonym?(d.record.key) ?? d.record.key
                // in interview order; inside repeats the question column holds the repeat path (participant[2]/role)
                for slot in InterviewEngine.relevantSlots(of: q, answers: d.answers) where slot.kind == .question {
                    let question = q.questions[slot.question]
                    guard includeIdentifiers || !question.identifier, let a = d.answers[slot.key] else { continue }
                    switch a {
                    case .value(let v):
                        let label = v.split(separator: " ").compactMap { question.choice(code: String($0)).map { q.text($0.label, in: lang) } }.joined(separator: "; ")
                        try writer.writeRow([id, key, d.record.version, slot.key, v, label, ""])
                    case .special(let s):
                        try writer.writeRow([id, key, d.record.version, slot.key, q.specialCodes[s] ?? s.rawValue, s.englishLabel, s.rawValue])
                    case .skipped:
                        try writer.writeRow([id, key, d.record.version, slot.key, "", "", "skip"])
                    }
                    count += 1
                }
            }
            try writer.flush()
        }
        if let out, out != "-" { Console.out("Wrote \(count) answers to \(out).") }
    }
}

/// Stable keyed hashes of interview keys: the same interview gets the same pseudonym in every file from this database.
struct Pseudonyms {
    let function: @Sendable (String) -> String
    init(_ store: CanvassStore) throws {
        let key = try store.pseudonymKey()
        function = { "p" + String(HMAC.sha256Hex(key: key, message: Array($0.utf8)).prefix(16)) }
    }
}

/// `export stata|spss|r`: the CSV with names valid in the package, plus the syntax file that reads and labels it.
struct StatsExport {
    let questionnaire: String, out: String, includeIdentifiers: Bool, lang: String?, database: DatabaseOptions

    func run(_ package: StatsSyntax.Package) throws {
        let store = try database.open(create: false)
        let versions = try storedVersions(store, questionnaire)
        try checkLanguage(lang, versions.last!.1)
        if let (name, t1, v1, t2, v2) = QuestionnaireDiff.incompatibleTypes(versions.map(\.1)) {
            throw Failure("question \(name) is \(t1) in version \(v1) but \(t2) in version \(v2); rename it in the newer version")
        }
        let out = try outputFolder(self.out)
        let byRow = byVersionRow(versions)
        let ext = ["stata": "do", "spss": "sps", "r": "R"][package.rawValue]!
        var written: [String] = []
        // the interviews, then one table per repeat (rows = instances, linked by PARENT_KEY/KEY)
        for repeatName in [nil] + WideLayout.repeatNames(versions.map(\.1)).map(Optional.some) {
            let layout = WideLayout(versions: versions.map(\.1), includeIdentifiers: includeIdentifiers, includeStatus: false, repeat: repeatName)
            let names = StatsSyntax.names(layout.header)
            let base = questionnaire + (repeatName.map { "-" + $0 } ?? "")
            let csvName = base + ".csv"
            try OutputFile(out + "/" + csvName, privateMode: includeIdentifiers).produce { output in
                let writer = CSVWriter { try output.write($0) }
                try writer.writeRow(names)
                try store.forEachInterview(questionnaire: questionnaire, includeOpen: false) { d in
                    guard let q = byRow[d.record.questionnaireVersionRowID] else { return }
                    for row in layout.rows(exported(d), questionnaire: q) { try writer.writeRow(row) }
                }
                try writer.flush()
            }
            let syntax = StatsSyntax.file(package, csvName: csvName, layout: layout, header: layout.header, questionnaire: versions.last!.1, language: lang)
            try OutputFile(out + "/" + base + "." + ext, privateMode: false).produce { try $0.write(Array(syntax.utf8)) }
            written += [csvName, base + "." + ext]
        }
        Console.out("Wrote \(written.joined(separator: ", ")) to \(out).")
    }
}

/// The options of `export stata|spss|r`.
struct StatsOptions: ParsableArguments {
    @Argument(help: "Questionnaire id.") var questionnaire: String
    @Option(help: "Output folder.") var out: String
    @Option(help: "Language of the labels.") var lang: String?
    @Flag(help: "Include identifier questions and the respondent (confidential).") var includeIdentifiers = false
    @OptionGroup var database: DatabaseOptions

    func run(_ package: StatsSyntax.Package) throws {
        try StatsExport(questionnaire: questionnaire, out: out, includeIdentifiers: includeIdentifiers, lang: lang, database: database).run(package)
    }
}

extension ExportCommand {
    struct Stata: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "CSV plus a .do file: variable and value labels, dk/rf as .d/.r.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.stata) }
    }

    struct SPSS: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "spss", abstract: "CSV plus a .sps file: variable and value labels, dk/rf as MISSING VALUES.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.spss) }
    }

    struct R: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "r", abstract: "CSV plus an .R file: labelled factors, dk/rf as NA with the reason in NAME_missing.")
        @OptionGroup var options: StatsOptions
        func run() throws { try options.run(.r) }
    }

    struct CodebookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "Every column with its question, type, labels per language, choices, special codes, logic and identifier flag.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "md or csv.") var format = "md"
        @Option(help: "Output file (default: standard output).") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard format == "md" || format == "csv" else { throw ValidationError("--format must be md or csv") }
        }

        func run() throws {
            let store = try database.open(create: false)
            let q = try storedVersions(store, questionnaire).last!.1
            try OutputFile(out, privateMode: false).produce { output in
                if format == "md" {
                    try output.write(Array(Codebook.markdown(q, languages: q.languages).utf8))
                } else {
                    let writer = CSVWriter { try output.write($0) }
                    try writer.writeRow(Codebook.csvHeader)
                    for row in Codebook.rows(q, languages: q.languages) { try writer.writeRow(row) }
                    try writer.flush()
                }
            }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail as CSV: every answer change, note, status change and merge, with who, when and why.",
            discussion: "Values of identifier questions are masked unless --include-identifiers.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Show identifier values (confidential).") var includeIdentifiers = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let versions = try storedVersions(store, questionnaire)
            let byRow = byVersionRow(versions)
            var interviews: [Int: InterviewRecord] = [:]
            for r in try store.interviews(questionnaire: questionnaire) { interviews[r.id] = r }
            var count = 0
            try OutputFile(out, privateMode: includeIdentifiers).produce { output in
                let writer = CSVWriter { try output.write($0) }
                try writer.writeRow(["interview_id", "KEY", "version", "at", "actor", "kind", "question", "old_value", "new_value", "reason"])
                for e in try store.events() {
                    guard let r = interviews[e.interviewID] else { continue }
                    let secret = !includeIdentifiers && (e.question.flatMap { byRow[r.questionnaireVersionRowID]?.question(forKey: $0)?.identifier } ?? false)
                    try writer.writeRow([String(r.id), r.key, r.version, e.at, e.actor ?? "", e.kind, e.question ?? "",
                                         secret ? "***" : (e.old ?? ""), secret ? "***" : (e.new ?? ""), e.reason ?? ""])
                    count += 1
                }
                try writer.flush()
            }
            if let out, out != "-" { Console.out("Wrote \(count) event\(count == 1 ? "" : "s") to \(out).") }
        }
    }
}

extension ExportCommand {
    struct Paradata: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Timing: seconds from showing each question to accepting its answer, and per interview.",
            discussion: "Rows with level=answer, one per timed answer; level=instance, one per repeat instance (e.g. agenda[2]: the time spent on a meeting's second topic), KEY as in the repeat files; then level=interview with the interview's total seconds and answer count.")
        @Argument(help: "Questionnaire id.") var questionnaire: String
        @Option(help: "Output file (default: standard output).") var out: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            _ = try storedVersions(store, questionnaire)
            var interviews: [Int: InterviewRecord] = [:]
            for r in try store.interviews(questionnaire: questionnaire) { interviews[r.id] = r }
            var totals: [Int: (Double, Int)] = [:]
            // repeat instances (agenda[2], agenda[2]/view[1]): the time spent on each, e.g. per agenda topic of a meeting
            var instances: [Int: [String: (seconds: Double, answers: Int, last: String)]] = [:]
            try OutputFile(out, privateMode: false).produce { output in
                let writer = CSVWriter { try output.write($0) }
                try writer.writeRow(["level", "interview_id", "KEY", "version", "interviewer", "question", "seconds", "answered_at", "answers"])
                try store.forEachTiming(questionnaire: questionnaire) { id, question, seconds, at in
                    guard let r = interviews[id] else { return }
                    try writer.writeRow(["answer", String(id), r.key, r.version, r.interviewer, question, TableNumber.format(seconds), at, ""])
                    totals[id, default: (0, 0)].0 += seconds
                    totals[id, default: (0, 0)].1 += 1
                    var path = ""
                    // an "Add another?" answer (agenda[4]) belongs to the instances around it, not to the one it may add
                    let parsed = RepeatPath.parse(question)
                    let steps = parsed.map { $0.name.isEmpty ? Array($0.steps.dropLast()) : $0.steps } ?? []
                    for step in steps {
                        path += (path.isEmpty ? "" : "/") + "\(step.group)[\(step.instance)]"
                        var t = instances[id, default: [:]][path, default: (0, 0, at)]
                        t.seconds += seconds; t.answers += 1; t.last = max(t.last, at)
                        instances[id, default: [:]][path] = t
                    }
                }
                for (id, paths) in instances.sorted(by: { $0.key < $1.key }) {
                    guard let r = interviews[id] else { continue }
                    for (path, t) in paths.sorted(by: { $0.key < $1.key }) {
                        try writer.writeRow(["instance", String(id), r.key + "/" + path, r.version, r.interviewer, path, TableNumber.format(t.seconds), t.last, String(t.answers)])
                    }
                }
                for (id, total) in totals.sorted(by: { $0.key < $1.key }) {
                    guard let r = interviews[id] else { continue }
                    try writer.writeRow(["interview", String(id), r.key, r.version, r.interviewer, "", TableNumber.format(total.0), r.completedAt ?? r.updatedAt, String(total.1)])
                }
                try writer.flush()
            }
        }
    }
}

enum TableNumber {
    static func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String((v * 1000).rounded() / 1000) }
}

func exported(_ d: InterviewData) -> ExportedInterview {
    let r = d.record
    return ExportedInterview(id: r.id, key: r.key, questionnaire: r.questionnaire, version: r.version, status: r.status.rawValue,
                             respondent: r.respondent, interviewer: r.interviewer, language: r.language,
                             startedAt: r.startedAt, completedAt: r.completedAt, answers: d.answers)
}
