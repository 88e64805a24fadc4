import CanvassCore
import CanvassFiles

/// The exports that stream interviews from a source into files, each interview read with its own version.
public enum InterviewExports {
    /// Calls `body` with each interview of `versions` and the questionnaire version it was taken with.
    static func each(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, includeOpen: Bool,
        _ body: (InterviewData, Questionnaire) throws -> Void
    ) throws {
        try source.forEachInterview(questionnaire: versions.id, includeOpen: includeOpen, questions: nil) { d in
            guard let q = versions.questionnaire(row: d.record.questionnaireVersionRowID) else { return }
            try body(d, q)
        }
    }

    /// `export csv --long`: one row per answer; returns how many.
    public static func long(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, layout: LongLayout, includeOpen: Bool, redact: Bool = true,
        to writer: CSVWriter
    ) throws -> Int {
        try Redaction.checkRaw(redact: redact, includeIdentifiers: layout.includeIdentifiers)
        let source = Redaction.source(source, versions, redact: redact)
        var count = 0
        try writer.writeRow(LongLayout.header)
        try each(source, versions, includeOpen: includeOpen) { d, q in
            let rows = layout.rows(d, questionnaire: q)
            try writer.writeRows(rows)
            count += rows.count
        }
        return count
    }

    /// `export csv --long` to `path` (standard output for nil); identifiers make the file private. Returns how many rows.
    public static func longFile(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, layout: LongLayout, includeOpen: Bool, excel: Bool,
        redact: Bool = true, to path: String?
    ) throws -> Int {
        var count = 0
        try Redaction.checkRaw(redact: redact, includeIdentifiers: layout.includeIdentifiers)
        try OutputFile.csv(path, privateMode: layout.includeIdentifiers, excel: excel) { writer in
            count = try long(source, versions, layout: layout, includeOpen: includeOpen, redact: redact, to: writer)
        }
        return count
    }

    /// `export jsonl`: one line per interview in the import format, with its notes; returns how many. Without
    /// identifiers, names are taken out of free text and notes too; with them the file is a faithful copy (the
    /// format interviews travel in between databases: a redacted text would come back as a change).
    public static func jsonLines(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, notes: [Int: [AuditEvent]], includeIdentifiers: Bool,
        includeOpen: Bool, pseudonym: (@Sendable (String) -> String)?,
        histories: (Int) throws -> RevisionHistory = { _ in RevisionHistory() },
        to file: OutputFile
    ) throws -> Int {
        var count = 0
        let redact = !includeIdentifiers
        try each(Redaction.source(source, versions, redact: redact), versions, includeOpen: includeOpen) { d, q in
            let names =
                redact
                ? Redaction(q, answers: d.answers, respondent: d.record.respondent, extra: q.redactWords.map { ($0, "[redacted]") }) : nil
            let attached = (notes[d.record.id] ?? []).map {
                InterviewNote(question: $0.question ?? "", text: names?.apply($0.new ?? "") ?? $0.new ?? "", by: $0.actor, at: $0.at)
            }
            var e = ExportedInterview(d, notes: attached)
            e.revisions = try histories(d.record.id).parents
            if let pseudonym {
                e.key = pseudonym(e.key)
                (e.rev, e.revisions) = ("", [:])  // a pseudonymous file is for sharing, not for merging back
            }
            try file.writeLine(InterviewJSON.line(e, questionnaire: q, includeIdentifiers: includeIdentifiers))
            count += 1
        }
        return count
    }

    /// `export stata|spss|r`: for the interviews and each repeat, the CSV with names valid in the package and the
    /// syntax file that reads and labels it, in `folder`; returns the names of the files written.
    public static func stats(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, package: StatsSyntax.Package, folder: String, language: String?,
        includeIdentifiers: Bool, redact: Bool = true
    ) throws -> [String] {
        try Redaction.checkRaw(redact: redact, includeIdentifiers: includeIdentifiers)
        let source = Redaction.source(source, versions, redact: redact)
        var written: [String] = []
        for table in StatsSyntax.tables(versions, includeIdentifiers: includeIdentifiers) {
            var columns = table.layout.typedColumns(versions.all, language: language)
            var widths = [Int](repeating: 1, count: columns.count)
            // a calculated column is numeric when every value it holds is a number (decided over the data, as in the
            // native files)
            var textSeen = [Bool](repeating: false, count: columns.count)
            var breaks = Set<Int>()
            // read by the stats package, never by a spreadsheet: values as answered, no formula guard
            try OutputFile.csv(folder + "/" + table.csvName, privateMode: includeIdentifiers, guardFormulas: false) { writer in
                try writer.writeRow(columns.map(\.name))
                try each(source, versions, includeOpen: false) { d, q in
                    for row in table.layout.typedRows(ExportedInterview(d), questionnaire: q) {
                        let cells = row.map { StatsSyntax.csvCell($0, for: package) }
                        for (i, cell) in cells.enumerated() {
                            widths[i] = max(widths[i], cell.utf8.count)
                            if case .text(let t) = row[i], !t.isEmpty { textSeen[i] = true }
                            if case .text(let t) = row[i], t.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                                breaks.insert(i)
                            }
                        }
                        try writer.writeRow(cells)
                    }
                }
            }
            for i in columns.indices where columns[i].kind == .calculated { columns[i].kind = textSeen[i] ? .text : .number }
            let syntax = StatsSyntax.file(
                package, csvName: table.csvName, columns: columns, widths: widths, breaks: breaks, questionnaire: versions.latest)
            let syntaxName = table.base + "." + package.fileExtension
            try OutputFile.write(folder + "/" + syntaxName, privateMode: false) { try $0.write(syntax) }
            written += [table.csvName, syntaxName]
        }
        return written
    }

    /// `simulate`: `count` random but valid interviews of `q` as import lines, the same for the same seed.
    public static func simulated(_ q: Questionnaire, count: Int, seed: UInt64, interviewer: String, to file: OutputFile) throws {
        var simulator = InterviewSimulator(questionnaire: q, seed: seed)
        for n in stride(from: 1, through: count, by: 1) {
            let answers = simulator.interview(number: n)
            let day = 1 + (n * 7) % 28, month = 6 + (n / 28) % 3
            let date = "2018-0\(month)-\(day < 10 ? "0" : "")\(day)"
            let data = ExportedInterview(
                id: n, key: "sim-\(seed)-\(n)", questionnaire: q.id, version: q.version, status: InterviewStatus.completed.rawValue,
                respondent: "Simulated respondent \(n)", interviewer: interviewer, language: q.defaultLanguage,
                startedAt: "\(date)T10:00:00+08:00", completedAt: "\(date)T11:00:00+08:00", answers: answers)
            try file.writeLine(InterviewJSON.line(data, questionnaire: q, includeIdentifiers: true))
        }
    }

    /// `export audit`: the events of the interviews given (by number), identifier values masked unless asked; returns how many.
    public static func audit(
        _ events: [AuditEvent], interviews: [Int: InterviewRecord], _ versions: QuestionnaireVersions, layout: AuditLayout,
        to writer: CSVWriter
    ) throws -> Int {
        try writer.writeRow(AuditLayout.header)
        var count = 0
        // each interview's events with names taken out of their free text (unless identifiers are included)
        for (id, trail) in Dictionary(grouping: events, by: \.interviewID).sorted(by: { $0.key < $1.key }) {
            guard let r = interviews[id] else { continue }
            let q = versions.questionnaire(row: r.questionnaireVersionRowID)
            for e in layout.redacted(trail, questionnaire: q, respondent: r.respondent) {
                try writer.writeRow(layout.row(e, interview: r, questionnaire: q))
                count += 1
            }
        }
        return count
    }

    /// `export paradata`: `timings` calls its body with (interview, question, seconds, answered at) for each timed answer.
    public static func paradata(
        interviews: [Int: InterviewRecord], to writer: CSVWriter, timings: ((Int, String, Double, String) throws -> Void) throws -> Void
    ) throws {
        var layout = ParadataLayout()
        try writer.writeRow(ParadataLayout.header)
        try timings { id, question, seconds, at in
            guard let r = interviews[id] else { return }
            try writer.writeRow(layout.answer(r, question: question, seconds: seconds, at: at))
        }
        try writer.writeRows(layout.summary(interviews))
    }
}
