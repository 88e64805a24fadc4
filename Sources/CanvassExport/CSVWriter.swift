import CanvassFiles

/// Writes RFC 4180 CSV in UTF-8, buffered, to any byte sink; guards cells against spreadsheet formula injection.
public final class CSVWriter {
    public struct Options: Sendable {
        /// Byte-order mark and CRLF line ends, so that Excel opens Korean and Chinese text correctly.
        public var excel: Bool
        /// Prefixes `'` to cells a spreadsheet would run as formulas. On for the CSV people open in Excel; off for the
        /// files written for R, Stata and SPSS, which never evaluate a cell (their values stay exactly as answered).
        public var guardFormulas: Bool
        public init(excel: Bool = false, guardFormulas: Bool = true) {
            self.excel = excel
            self.guardFormulas = guardFormulas
        }
    }

    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void
    private let newline: [UInt8]
    private let guardFormulas: Bool

    public init(options: Options = Options(), sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        newline = options.excel ? [13, 10] : [10]
        guardFormulas = options.guardFormulas
        buffer.reserveCapacity(1 << 16)
        if options.excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    public func writeRows(_ rows: [[String]]) throws {
        for row in rows { try writeRow(row) }
    }

    public func writeRow(_ cells: [String]) throws {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(44) }
            Self.appendCell(cell, to: &buffer, guardFormulas: guardFormulas)
        }
        buffer.append(contentsOf: newline)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// One row as bytes, line end included (for building rows in parallel).
    public static func encode(_ cells: [String], excel: Bool, guardFormulas: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(cells.count * 8)
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(44) }
            appendCell(cell, to: &out, guardFormulas: guardFormulas)
        }
        out.append(contentsOf: excel ? [13, 10] : [10])
        return out
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func appendCell(_ raw: String, to out: inout [UInt8], guardFormulas: Bool = true) {
        var cell = raw
        if guardFormulas && needsInjectionGuard(cell) { cell = "'" + cell }
        let utf8 = cell.utf8
        let quote = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 } || cell.first == " " || cell.last == " "
        if !quote {
            out.append(contentsOf: utf8)
            return
        }
        out.append(34)
        for b in utf8 {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }

    /// A cell starting with = + - @ tab or CR is run as a formula by spreadsheets, unless it is a number; so is one
    /// where spaces, zero-width characters or a byte-order mark come first, and the full-width ＝ ＋ － ＠ (which
    /// spreadsheets fold to the ASCII signs).
    static func needsInjectionGuard(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        let rest = cell.unicodeScalars.drop { $0 == " " || $0 == "\u{A0}" || $0 == "\u{3000}" || $0.properties.generalCategory == .format }
        guard let sign = rest.first, "=+-@\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains(sign) else { return false }
        return !isNumber(String(String.UnicodeScalarView(rest)))
    }

    static func isNumber(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" || u.first == "+" { u = u.dropFirst() }
        let parts = u.split(separator: ".", omittingEmptySubsequences: false)
        guard !u.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

extension OutputFile {
    /// Writes a CSV file: `body` writes the rows.
    public static func csv(
        _ path: String?, privateMode: Bool, excel: Bool = false, guardFormulas: Bool = true, _ body: (CSVWriter) throws -> Void
    ) throws {
        try write(path, privateMode: privateMode) { file in
            let writer = CSVWriter(options: .init(excel: excel, guardFormulas: guardFormulas)) { try file.write($0) }
            try body(writer)
            try writer.flush()
        }
    }
}
