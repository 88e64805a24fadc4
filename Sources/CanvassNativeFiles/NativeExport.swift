import CanvassCore
import CanvassExport
import CanvassFiles

/// `export stata|spss|xlsx`: the interviews read once, every table's typed rows spooled (built on every core a batch
/// at a time), then each table written in the tool's own format.
public enum NativeExport {
    /// One table of an export with its rows spooled: QUESTIONNAIRE or QUESTIONNAIRE-REPEAT.
    public struct SpooledTable {
        public var base: String
        public var repeatName: String?
        public var spool: TableSpool
    }

    /// Reads every completed interview of `versions` once and spools the rows of the main table and of each repeat.
    public static func spool(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, includeIdentifiers: Bool, language: String?,
        redact: Bool = true, progress: (Int) -> Void = { _ in }
    ) throws -> [SpooledTable] {
        try WideLayout.checkCompatible(versions)
        try Redaction.checkRaw(redact: redact, includeIdentifiers: includeIdentifiers)
        let tables = StatsSyntax.tables(versions, includeIdentifiers: includeIdentifiers)
        let spooled = try tables.map { t in
            SpooledTable(
                base: t.base, repeatName: t.layout.repeatName,
                spool: try TableSpool(columns: t.layout.typedColumns(versions.all, language: language)))
        }
        let layouts = tables.map(\.layout)
        let build: @Sendable (InterviewData) -> [[[TypedCell]]] = { data in
            guard let q = versions.questionnaire(row: data.record.questionnaireVersionRowID) else { return [] }
            // names out of free text here, on every core, not in the reading thread
            let exported = ExportedInterview(redact ? Redaction.redacted(data, questionnaire: q) : data)
            return layouts.map { $0.typedRows(exported, questionnaire: q) }
        }
        try ParallelBatch.stream(
            { try source.forEachInterview(questionnaire: versions.id, includeOpen: false, questions: nil, $0) }, build,
            consume: { perTable in for (t, rows) in perTable.enumerated() { for row in rows { try spooled[t].spool.append(row) } } },
            progress: progress)
        return spooled
    }

    /// Writes one `.dta`, `.sav` or `.zsav` per table into `folder`; returns the names written and how many texts
    /// were shortened to the format's limit.
    public static func statsFiles(
        _ tables: [SpooledTable], format: StatsFile.Format, questionnaire q: Questionnaire, folder: String, privateMode: Bool
    ) throws -> (files: [String], shortened: Int) {
        var names: [String] = []
        var shortened = 0
        for t in tables {
            let name = t.base + "." + format.fileExtension
            let label = "\(q.id) \(q.version)" + (t.repeatName.map { ": repeat \($0), one row per instance" } ?? "")
            shortened += try StatsFile.write(t.spool, format: format, label: label, to: folder + "/" + name, privateMode: privateMode)
            names.append(name)
        }
        return (names, shortened)
    }

    /// `export xlsx`: reads the interviews once and writes the workbook; returns what to tell the user.
    public static func workbookFile(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, language: String?, includeIdentifiers: Bool,
        redact: Bool = true, to path: String, progress: (Int) -> Void = { _ in }
    ) throws -> [String] {
        let tables = try spool(
            source, versions, includeIdentifiers: includeIdentifiers, language: language, redact: redact, progress: progress)
        let shortened = try workbook(tables, questionnaire: versions.latest, to: path, privateMode: includeIdentifiers)
        let rows = tables.map { "\($0.repeatName ?? $0.base) (\($0.spool.rowCount) row\($0.spool.rowCount == 1 ? "" : "s"))" }
        return ["Wrote \(path): \(rows.joined(separator: ", ")), codebook, labels."]
            + (shortened > 0 ? ["\(shortened) texts were longer than Excel holds (32,767 characters) and were shortened."] : [])
    }

    /// Writes the workbook: a sheet per table, then the codebook and the value labels.
    public static func workbook(
        _ tables: [SpooledTable], questionnaire q: Questionnaire, to path: String, privateMode: Bool
    ) throws -> Int {
        let sheets = tables.map { Workbook.Sheet(name: $0.repeatName ?? $0.base, spool: $0.spool) }
        var labels: [[String]] = [["sheet", "column", "code", "label"]]
        for sheet in sheets {
            for column in sheet.spool.columns {
                for l in column.valueLabels { labels.append([sheet.name, column.header, l.code, l.label]) }
                for s in column.specials {
                    labels.append([sheet.name, column.header, s.code, s.answer.englishLabel + " (text in this workbook)"])
                }
            }
        }
        let codebook = [Codebook.csvHeader] + Codebook.rows(q, languages: q.languages)
        return try Workbook.write(sheets, codebook: codebook, labels: labels, to: path, privateMode: privateMode)
    }
}

extension NativeExport {
    /// `export stata|spss|r`: into `folder`, one native file per table (`.dta`, `.sav` or `.zsav`); for R a script that
    /// reads them with haven; with `syntax`, also the CSV files and the package's syntax file that reads them.
    /// Returns what to tell the user: the names written (in the folder shown as `shownAs`), and a note when texts had to
    /// be shortened.
    public static func statsFolder(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, format: StatsFile.Format, package: StatsSyntax.Package,
        syntax: Bool, out: String, language: String?, includeIdentifiers: Bool, redact: Bool = true, progress: (Int) -> Void = { _ in }
    ) throws -> [String] {
        try Redaction.checkRaw(redact: redact, includeIdentifiers: includeIdentifiers)
        return try OutputFolder.write(out) {
            try statsFolder(
                source, versions, format: format, package: package, syntax: syntax, folder: $0.path, shownAs: OutputFolder.name(out),
                language: language, includeIdentifiers: includeIdentifiers, redact: redact, progress: progress)
        }
    }

    static func statsFolder(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, format: StatsFile.Format, package: StatsSyntax.Package,
        syntax: Bool, folder: String, shownAs: String, language: String?, includeIdentifiers: Bool, redact: Bool,
        progress: (Int) -> Void
    ) throws -> [String] {
        let q = versions.latest
        var files: [String] = [], shortened = 0
        // R with --syntax: the CSV and a base-R script instead of the .sav files
        if !(package == .r && syntax) {
            let tables = try spool(
                source, versions, includeIdentifiers: includeIdentifiers, language: language, redact: redact, progress: progress)
            (files, shortened) = try statsFiles(tables, format: format, questionnaire: q, folder: folder, privateMode: includeIdentifiers)
            if package == .r {
                let script = StatsSyntax.nativeReader(questionnaire: q, files: zip(tables, files).map { ($0.base, $1) })
                try OutputFile.write(folder + "/" + q.id + ".R", privateMode: false) { try $0.write(script) }
                files.append(q.id + ".R")
            }
        }
        if syntax {
            files += try InterviewExports.stats(
                source, versions, package: package, folder: folder, language: language, includeIdentifiers: includeIdentifiers,
                redact: redact)
        }
        return ["Wrote \(files.joined(separator: ", ")) to \(shownAs)."]
            + (shortened == 0
                ? [] : ["\(shortened) texts were longer than \(format.fileExtension) holds (32,767 bytes) and were shortened."])
    }
}
