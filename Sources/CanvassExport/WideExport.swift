import CanvassCore
import CanvassFiles

/// `export csv`: the wide layout written from a source of interviews, rows built and encoded on every core, a
/// batch at a time, while the next batch is read.
public enum WideExport {
    /// Writes the rows of `layout` for every interview of `versions` and returns how many rows it wrote.
    public static func write(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, layout: WideLayout, includeOpen: Bool, excel: Bool,
        suppression: SmallCellSuppression? = nil, redact: Bool = true, to file: OutputFile, progress: (Int) -> Void = { _ in }
    ) throws -> Int {
        let writer = CSVWriter(options: .init(excel: excel)) { try file.write($0) }
        // --safe: the interviews' own rows only (a repeat file holds no grouping variable of the interview)
        let blanked = layout.repeatName == nil ? suppression.map { ($0.suppressed, $0.columns(of: layout)) } : nil
        try writer.writeRow(layout.header)
        try writer.flush()
        let encode: @Sendable (InterviewData) -> (bytes: [UInt8], rows: Int) = { data in
            guard let q = versions.questionnaire(row: data.record.questionnaireVersionRowID) else { return ([], 0) }
            // names out of free text here, on every core, not in the reading thread
            let data = redact ? Redaction.redacted(data, questionnaire: q) : data
            var rows = layout.rows(ExportedInterview(data), questionnaire: q)
            if let (ids, columns) = blanked, ids.contains(data.record.id) {
                for r in rows.indices { for c in columns where c < rows[r].count { rows[r][c] = "" } }
            }
            return (rows.flatMap { CSVWriter.encode($0, excel: excel) }, rows.count)
        }
        var count = 0
        try ParallelBatch.stream(
            { try source.forEachInterview(questionnaire: versions.id, includeOpen: includeOpen, questions: nil, $0) }, encode,
            consume: { r in
                if !r.bytes.isEmpty { try file.write(r.bytes) }
                count += r.rows
            }, progress: progress)
        return count
    }

    /// The wide CSV of the interviews (`repeat` nil) or of one repeat's instances, written to `path` (standard output
    /// for nil); returns how many rows it wrote.
    public static func file(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, options: Options, repeat name: String?, to path: String?,
        progress: (Int) -> Void = { _ in }
    ) throws -> Int {
        try Redaction.checkRaw(redact: options.redact, includeIdentifiers: options.includeIdentifiers)
        var layout = WideLayout(
            versions: versions.all, includeIdentifiers: options.includeIdentifiers, includeStatus: options.includeOpen, repeat: name)
        layout.labels = (options.language, options.labels)
        layout.pseudonym = options.pseudonym
        var n = 0
        try OutputFile.write(path, privateMode: options.includeIdentifiers) { output in
            n = try write(
                source, versions, layout: layout, includeOpen: options.includeOpen, excel: options.excel, suppression: options.suppression,
                redact: options.redact,
                to: output, progress: progress)
        }
        return n
    }

    /// `export csv` (wide): one table to `out` (standard output for nil or `-`), or with `outDir` a folder with the
    /// interviews' file and one per repeat. `withProgress` wraps the writing of each file (the command shows a bar).
    /// Returns what to tell the user.
    public static func files(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, options: Options, repeat name: String?, out: String?,
        outDir: String?, withProgress: (String?, ((Int) -> Void) throws -> Int) throws -> Int
    ) throws -> [String] {
        try WideLayout.checkCompatible(versions)
        let q = versions.id
        let repeats = try WideLayout.repeatNames(versions.all, checking: name, of: q)
        var options = options
        try options.suppression?.count(source, questionnaire: q, includeOpen: options.includeOpen)
        let safe = options.suppression.map { [$0.summary] } ?? []
        func write(_ name: String?, to file: String?) throws -> Int {
            try withProgress(file) { try Self.file(source, versions, options: options, repeat: name, to: file, progress: $0) }
        }
        if let outDir {
            guard out == nil, name == nil else { throw OutputError("--out-dir writes every file; leave out --out and --repeat") }
            let files = try OutputFolder.write(outDir) { folder in
                try ([nil] + repeats.map(Optional.some)).map { name in
                    let file = q + (name.map { "-" + $0 } ?? "") + ".csv"
                    return "\(file) (\(counted(try write(name, to: folder.file(file)), "row")))"
                }
            }
            return ["Wrote \(files.joined(separator: ", ")) to \(OutputFolder.name(outDir))."] + safe
        }
        let n = try write(name, to: out)
        // to standard output the table is all there is (the counts would be read as rows)
        guard let file = out, file != "-" else { return [] }
        var lines = ["Wrote \(counted(n, name.map { "\($0) row" } ?? "interview")) to \(file)."]
        if name == nil && !repeats.isEmpty {
            lines.append(
                "The repeats (\(repeats.joined(separator: ", "))) have their own files: --out-dir DIR writes all of them, --repeat NAME one."
            )
        }
        return lines + (name == nil ? safe : [])
    }

    /// How a wide CSV is written.
    public struct Options: Sendable {
        public var includeIdentifiers, includeOpen, excel, labels: Bool
        public var language: String?
        public var pseudonym: (@Sendable (String) -> String)?
        /// Names taken out of free text (`Redaction`); false only with identifiers included.
        public var redact: Bool
        /// `--safe`: small combinations of the plan's grouping variables blanked in the interviews' file.
        public var suppression: SmallCellSuppression?
        public init(
            includeIdentifiers: Bool, includeOpen: Bool, excel: Bool, labels: Bool, language: String?,
            pseudonym: (@Sendable (String) -> String)?, redact: Bool = true, suppression: SmallCellSuppression? = nil
        ) {
            self.redact = redact
            self.suppression = suppression
            self.includeIdentifiers = includeIdentifiers
            self.includeOpen = includeOpen
            self.excel = excel
            self.labels = labels
            self.language = language
            self.pseudonym = pseudonym
        }
    }
}
