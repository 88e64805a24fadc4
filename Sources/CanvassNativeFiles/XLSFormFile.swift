import CXLSXWriter
import CanvassCore
import CanvassExport
import CanvassFiles

/// `schema export --xlsform`: the three sheets of an XLSForm written by libxlsxwriter, every cell a text cell (as
/// XLSForm tools read them), under a temporary name until complete.
public enum XLSFormFile {
    /// Writes `q` as an XLSForm to `path`; returns what to tell the user (the file, and what XLSForm cannot carry).
    public static func write(_ q: Questionnaire, to path: String) throws -> [String] {
        let layout = XLSFormLayout(q)
        try OutputFile.write(path, privateMode: false) { file in
            guard let temp = file.temporaryPath else {
                throw OutputError("an XLSForm cannot be written to standard output; name a .xlsx file")
            }
            guard let book = workbook_new(temp) else { throw OutputError("cannot write \(path): libxlsxwriter could not start") }
            var closed = false
            defer { if !closed { workbook_close(book) } }
            let bold = workbook_add_format(book)
            format_set_bold(bold)
            for (name, rows) in [("survey", layout.survey), ("choices", layout.choices), ("settings", layout.settings)] {
                guard let ws = workbook_add_worksheet(book, name) else { throw OutputError("cannot add the sheet \(name)") }
                for (r, row) in rows.enumerated() {
                    for (c, cell) in row.enumerated() where !cell.isEmpty {
                        let e = worksheet_write_string(ws, UInt32(r), UInt16(c), cell, r == 0 ? bold : nil)
                        guard e == LXW_NO_ERROR else {
                            throw OutputError("cannot write \(path) (\(name) row \(r + 1)): \(String(cString: lxw_strerror(e)))")
                        }
                    }
                }
                worksheet_freeze_panes(ws, 1, 0)
            }
            closed = true
            let e = workbook_close(book)
            guard e == LXW_NO_ERROR else { throw OutputError("cannot write \(path): \(String(cString: lxw_strerror(e)))") }
        }
        let rows = layout.survey.count - 1
        return ["Wrote \(path): XLSForm of \(q.id) \(q.version) (survey \(rows) rows, choices \(layout.choices.count - 1), settings)."]
            + (layout.notes.isEmpty
                ? []
                : ["Not carried over as in Canvass:"] + layout.notes.map { "  " + $0 }
                    + ["(Canvass's own are kept in canvass:: columns, which ODK ignores and canvass schema import reads back.)"])
    }
}
