import CanvassCore

/// `export csv`: the wide layout written from a source of interviews, rows built and encoded on every core, a
/// batch at a time, while the next batch is read.
public enum WideExport {
    /// Writes the rows of `layout` for every interview of `versions` and returns how many rows it wrote.
    public static func write(
        _ source: any InterviewSource, _ versions: QuestionnaireVersions, layout: WideLayout, includeOpen: Bool, excel: Bool,
        to file: ExportFile, progress: (Int) -> Void = { _ in }
    ) throws -> Int {
        let writer = CSVWriter(options: .init(excel: excel)) { try file.write($0) }
        try writer.writeRow(layout.header)
        try writer.flush()
        let encode: @Sendable (InterviewData) -> (bytes: [UInt8], rows: Int) = { data in
            guard let q = versions.questionnaire(row: data.record.questionnaireVersionRowID) else { return ([], 0) }
            let rows = layout.rows(ExportedInterview(data), questionnaire: q)
            return (rows.flatMap { CSVWriter.encode($0, excel: excel) }, rows.count)
        }
        var running = ParallelBatch<InterviewData, (bytes: [UInt8], rows: Int)>([], encode)
        var batch: [InterviewData] = []
        var count = 0
        var interviews = 0
        func handOver() throws {
            let rows = running.wait()
            for r in rows where !r.bytes.isEmpty { try file.write(r.bytes) }
            count += rows.reduce(0) { $0 + $1.rows }
            interviews += rows.count
            progress(interviews)
            running = ParallelBatch(batch, encode)
            batch = []
        }
        try source.forEachInterview(questionnaire: versions.id, includeOpen: includeOpen, questions: nil) { data in
            batch.append(data)
            if batch.count == 1024 { try handOver() }
        }
        try handOver()
        try handOver()
        return count
    }
}
