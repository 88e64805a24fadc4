import CReadStat
import CanvassCore
import CanvassExport
import CanvassFiles
import Glibc

/// Stata `.dta` (format 118, UTF-8) and SPSS `.sav`/`.zsav` files written by ReadStat, the library behind R's haven and
/// Python's pyreadstat: variable and value labels, dk/rf as Stata's `.d`/`.r` and as SPSS user-missing values, codes as
/// the questionnaire's codes, dates and timestamps as dates, long text as Stata strL and SPSS very long strings.
public enum StatsFile {
    public enum Format: String, Sendable, CaseIterable {
        case stata, spss, spssCompressed
        public var fileExtension: String {
            switch self {
            case .stata: return "dta"
            case .spss: return "sav"
            case .spssCompressed: return "zsav"
            }
        }
    }

    /// The longest string SPSS holds, and Stata's longest str# before strL.
    static let spssMaxBytes = 32767
    static let stataMaxStrBytes = 2045

    /// Writes the spooled table to `path`; returns how many texts were shortened to the format's limit (SPSS: 32,767 bytes).
    @discardableResult
    public static func write(_ spool: TableSpool, format: Format, label: String, to path: String, privateMode: Bool) throws -> Int {
        var shortened = 0
        try OutputFile.write(path, privateMode: privateMode) { file in
            shortened = try write(spool, format: format, label: label, to: file)
        }
        return shortened
    }

    private final class Sink {
        let file: OutputFile
        var error: Error?
        init(_ file: OutputFile) { self.file = file }
    }

    static func write(_ spool: TableSpool, format: Format, label: String, to file: OutputFile) throws -> Int {
        guard let writer = readstat_writer_init() else { throw OutputError("ReadStat could not start a writer") }
        defer { readstat_writer_free(writer) }
        let sink = Sink(file)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        func check(_ e: readstat_error_t, _ what: @autoclosure () -> String) throws {
            if let error = sink.error { throw error }
            guard e == READSTAT_OK else {
                throw OutputError(
                    "cannot write the \(format.fileExtension) file (\(what())): \(String(cString: readstat_error_message(e)))")
            }
        }
        try check(
            readstat_set_data_writer(writer) { data, length, context in
                let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
                guard sink.error == nil, let data else { return -1 }
                do {
                    try sink.file.write(Array(UnsafeRawBufferPointer(start: data, count: length)))
                    return length
                } catch {
                    sink.error = error
                    return -1
                }
            }, "data writer")
        let stata = format == .stata
        // ReadStat keeps the pointers to missing string values until the file is written: they must outlive it
        var kept: [UnsafeMutablePointer<CChar>] = []
        defer { for p in kept { free(p) } }
        try check(readstat_writer_set_file_label(writer, StatsSyntax.cut(label, bytes: 80)), "file label")
        if stata { try check(readstat_writer_set_file_format_version(writer, 118), "version") }
        if format == .spssCompressed { try check(readstat_writer_set_compression(writer, READSTAT_COMPRESS_BINARY), "compression") }

        let specialsSPSS: [SpecialAnswer: Double] = [.dontKnow: -98, .refused: -99]
        var variables: [UnsafeMutablePointer<readstat_variable_t>] = []
        var isString: [Bool] = []
        var isRef: [Bool] = []
        for (i, column) in spool.columns.enumerated() {
            let kind = spool.kind(i)
            let summary = spool.summaries[i]
            let text = kind == .text
            // SPSS: widths in whole 8-byte segments, as PSPP reads value labels of long strings only then
            var width = text ? max(1, min(summary.maxBytes, stata ? Int.max : spssMaxBytes)) : 0
            if !stata && width > 8 { width = min(spssMaxBytes, (width + 7) / 8 * 8) }
            let ref = stata && text && width > stataMaxStrBytes
            let type = text ? (ref ? READSTAT_TYPE_STRING_REF : READSTAT_TYPE_STRING) : READSTAT_TYPE_DOUBLE
            guard let v = readstat_add_variable(writer, column.name, type, ref ? 0 : width) else {
                throw OutputError("ReadStat refused the variable \(column.name)")
            }
            readstat_variable_set_label(
                v, stata ? StatsSyntax.cut(column.label, characters: 80, bytes: 320) : StatsSyntax.cut(column.label, bytes: 256))
            switch column.measure {
            case .nominal: readstat_variable_set_measure(v, READSTAT_MEASURE_NOMINAL)
            case .ordinal: readstat_variable_set_measure(v, READSTAT_MEASURE_ORDINAL)
            case .scale: readstat_variable_set_measure(v, READSTAT_MEASURE_SCALE)
            }
            switch kind {
            case .date: readstat_variable_set_format(v, stata ? "%td" : "DATE11")
            case .dateTime: readstat_variable_set_format(v, stata ? "%tc" : "DATETIME20")
            case .number, .calculated:
                let d = min(summary.decimals, 16)
                readstat_variable_set_format(v, stata ? "%12.0g" : "F\(min(40, max(8, summary.integerDigits + d + 2))).\(d)")
            case .text: break
            }
            // value labels: choices, scale ends, chosen/not chosen, and the special answers
            // (Stata labels numbers only: its string columns keep their codes unlabelled)
            // (SPSS dates keep dk/rf as missing values without labels: haven reads a labelled date as a number)
            let dated = kind == .date || kind == .dateTime
            if (!column.valueLabels.isEmpty && !(stata && text)) || (!column.specials.isEmpty && !text && !(dated && !stata)) {
                let labelType = text ? READSTAT_TYPE_STRING : (stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE)
                guard let set = readstat_add_label_set(writer, labelType, String(column.name.prefix(32))) else {
                    throw OutputError("ReadStat refused the value labels of \(column.name)")
                }
                for l in column.valueLabels {
                    let label = stata ? StatsSyntax.cut(l.label, bytes: 32000) : StatsSyntax.cut(l.label, bytes: 120)
                    if text {
                        readstat_label_string_value(set, l.code, label)
                    } else if stata, let code = Int32(l.code) {
                        readstat_label_int32_value(set, code, label)
                    } else if !stata, let code = Double(l.code) {
                        readstat_label_double_value(set, code, label)
                    }
                }
                for (answer, code) in column.specials {
                    if stata {
                        if !text { readstat_label_tagged_value(set, answer == .dontKnow ? 100 : 114, answer.englishLabel) }
                    } else if text {
                        readstat_label_string_value(set, code, answer.englishLabel)
                    } else {
                        readstat_label_double_value(set, Double(code) ?? specialsSPSS[answer]!, answer.englishLabel)
                    }
                }
                readstat_variable_set_label_set(v, set)
            }
            // SPSS: dk and rf are user-missing; an empty code (not asked) is missing too, as it is in Canvass's tables
            if !stata {
                if text {
                    var missing = column.specials.map(\.code)
                    if !column.valueLabels.isEmpty { missing.append("") }
                    // (not on long strings: PSPP cannot read ReadStat's record of long-string missing values)
                    if missing.count <= 3 && width <= 8 {
                        for m in missing {
                            guard let copy = strdup(m) else { throw OutputError("out of memory") }
                            kept.append(copy)
                            try check(readstat_variable_add_missing_string_value(v, copy), "missing values of \(column.name)")
                        }
                    }
                } else {
                    for (answer, code) in column.specials {
                        try check(
                            readstat_variable_add_missing_double_value(v, Double(code) ?? specialsSPSS[answer]!),
                            "missing values of \(column.name)")
                    }
                }
            }
            variables.append(v)
            isString.append(text)
            isRef.append(ref)
        }

        // Stata's strL texts must all be known before the header is written: they are read from the spool once more
        // and held by ReadStat (only columns with a text over 2,045 bytes are strL)
        var refCount: Int32 = 0
        if isRef.contains(true) {
            try spool.forEachRow { row in
                for (i, cell) in row.enumerated() where isRef[i] {
                    let text: String
                    switch cell {
                    case .special(_, let code): text = code
                    default: text = cell.text
                    }
                    guard readstat_add_string_ref(writer, text) != nil else { throw OutputError("ReadStat could not keep a long text") }
                }
            }
        }
        try check(
            stata
                ? readstat_begin_writing_dta(writer, context, spool.rowCount) : readstat_begin_writing_sav(writer, context, spool.rowCount),
            "header")
        var shortened = 0
        try spool.forEachRow { row in
            try check(readstat_begin_row(writer), "row")
            for (i, cell) in row.enumerated() {
                let v = variables[i]
                func string(_ s: String) throws {
                    if isRef[i] {
                        try check(
                            readstat_insert_string_ref(writer, v, readstat_get_string_ref(writer, refCount)),
                            "text of \(spool.columns[i].name)")
                        refCount += 1
                        return
                    }
                    var s = s
                    if !stata && s.utf8.count > spssMaxBytes {
                        s = StatsSyntax.cut(s, bytes: spssMaxBytes)
                        shortened += 1
                    }
                    try check(readstat_insert_string_value(writer, v, s), "text of \(spool.columns[i].name)")
                }
                switch cell {
                case .empty:
                    if isString[i] { try string("") } else { try check(readstat_insert_missing_value(writer, v), "missing value") }
                case .number(let d, let t):
                    if isString[i] { try string(t) } else { try check(readstat_insert_double_value(writer, v, d), "number") }
                case .text(let t):
                    if isString[i] { try string(t) } else { try check(readstat_insert_missing_value(writer, v), "missing value") }
                case .date(let d, let t):
                    if isString[i] {
                        try string(t)
                    } else {
                        let value = stata ? Double(d - CalendarDate.Epoch.stata) : Double(d - CalendarDate.Epoch.spss) * 86400
                        try check(readstat_insert_double_value(writer, v, value), "date")
                    }
                case .dateTime(let s, let t):
                    if isString[i] {
                        try string(t)
                    } else {
                        let value =
                            stata
                            ? Double(s - CalendarDate.Epoch.stata * 86400) * 1000 : Double(s - CalendarDate.Epoch.spss * 86400)
                        try check(readstat_insert_double_value(writer, v, value), "timestamp")
                    }
                case .special(let answer, let code):
                    if isString[i] {
                        try string(code)
                    } else if stata {
                        try check(readstat_insert_tagged_missing_value(writer, v, answer == .dontKnow ? 100 : 114), "dk/rf")
                    } else {
                        try check(readstat_insert_double_value(writer, v, Double(code) ?? specialsSPSS[answer]!), "dk/rf")
                    }
                }
            }
            try check(readstat_end_row(writer), "row")
        }
        try check(readstat_end_writing(writer), "end")
        return shortened
    }
}
