import CXLSXWriter
import CanvassCore
import CanvassExport
import CanvassFiles

/// An Excel workbook written by libxlsxwriter: one sheet per table (the interviews, each repeat), typed cells (numbers
/// as numbers, dates as dates, text as text: no cell is ever a formula), a frozen header row, then a `codebook` and a
/// `labels` sheet. Rows go straight to disk (constant memory).
public enum Workbook {
    /// Excel's longest text in a cell.
    static let maxCharacters = 32767

    public struct Sheet {
        public var name: String
        public var spool: TableSpool
        public init(name: String, spool: TableSpool) {
            self.name = name
            self.spool = spool
        }
    }

    /// Writes `sheets` and the two reference sheets to `path`; returns how many texts were shortened to Excel's limit.
    @discardableResult
    public static func write(
        _ sheets: [Sheet], codebook: [[String]], labels: [[String]], to path: String, privateMode: Bool
    ) throws -> Int {
        var shortened = 0
        try OutputFile.write(path, privateMode: privateMode) { file in
            guard let temp = file.temporaryPath else {
                throw OutputError("a workbook cannot be written to standard output; name a file with --out")
            }
            shortened = try write(sheets, codebook: codebook, labels: labels, at: temp, named: path)
        }
        return shortened
    }

    static func write(_ sheets: [Sheet], codebook: [[String]], labels: [[String]], at temp: String, named path: String) throws -> Int {
        var options = lxw_workbook_options()
        options.constant_memory = 1
        guard let book = workbook_new_opt(temp, &options) else { throw OutputError("cannot write \(path): libxlsxwriter could not start") }
        var closed = false
        defer { if !closed { workbook_close(book) } }
        func check(_ e: lxw_error, _ what: @autoclosure () -> String) throws {
            guard e == LXW_NO_ERROR else { throw OutputError("cannot write \(path) (\(what())): \(String(cString: lxw_strerror(e)))") }
        }
        let bold = workbook_add_format(book)
        format_set_bold(bold)
        let date = workbook_add_format(book)
        format_set_num_format(date, "yyyy-mm-dd")
        let dateTime = workbook_add_format(book)
        format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss")
        var used = Set<String>()
        func sheetName(_ wanted: String) -> String {
            var base = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            if base.isEmpty { base = "sheet" }
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                name = String(base.prefix(28)) + "_\(n)"
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
        var shortened = 0
        func text(
            _ ws: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ col: UInt16, _ s: String,
            _ format: UnsafeMutablePointer<lxw_format>? = nil
        ) throws {
            guard !s.isEmpty else { return }
            var s = s
            if s.count > maxCharacters {
                s = String(s.prefix(maxCharacters))
                shortened += 1
            }
            try check(worksheet_write_string(ws, row, col, s, format), "row \(row + 1)")
        }
        for sheet in sheets {
            guard let ws = workbook_add_worksheet(book, sheetName(sheet.name)) else {
                throw OutputError("cannot add the sheet \(sheet.name)")
            }
            let spool = sheet.spool
            for (c, column) in spool.columns.enumerated() { try text(ws, 0, UInt16(c), column.header, bold) }
            worksheet_freeze_panes(ws, 1, 0)
            var r: UInt32 = 1
            try spool.forEachRow { row in
                for (c, cell) in row.enumerated() {
                    let col = UInt16(c)
                    switch cell {
                    case .empty: break
                    case .number(let v, let t):
                        if spool.kind(c) == .text {
                            try text(ws, r, col, t)
                        } else {
                            try check(worksheet_write_number(ws, r, col, v, nil), "row \(r + 1)")
                        }
                    case .text(let t): try text(ws, r, col, t)
                    case .date(let d, _):
                        try check(worksheet_write_number(ws, r, col, Double(d - CalendarDate.Epoch.excel), date), "row \(r + 1)")
                    case .dateTime(let s, _):
                        let serial = Double(s) / 86400 - Double(CalendarDate.Epoch.excel)
                        try check(worksheet_write_number(ws, r, col, serial, dateTime), "row \(r + 1)")
                    // dk/rf as their codes, but as text: SUM and AVERAGE leave them out
                    case .special(_, let code): try text(ws, r, col, code)
                    }
                }
                r += 1
            }
        }
        for (name, rows) in [("codebook", codebook), ("labels", labels)] {
            guard let ws = workbook_add_worksheet(book, sheetName(name)) else { throw OutputError("cannot add the sheet \(name)") }
            for (r, row) in rows.enumerated() {
                for (c, cell) in row.enumerated() { try text(ws, UInt32(r), UInt16(c), cell, r == 0 ? bold : nil) }
            }
            worksheet_freeze_panes(ws, 1, 0)
        }
        closed = true
        try check(workbook_close(book), "closing")
        return shortened
    }
}
