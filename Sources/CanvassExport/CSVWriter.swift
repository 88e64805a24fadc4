import CanvassFiles

/// Writes RFC 4180 CSV in UTF-8, buffered, to any byte sink; guards cells against spreadsheet formula injection.
public final class CSVWriter {
    public struct Options: Sendable {
        /// Byte-order mark and CRLF line ends, so that Excel opens Korean and Chinese text correctly.
        public var excel: Bool
        public init(excel: Bool = false) { self.excel = excel }
    }

    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void
    private let newline: [UInt8]

    public init(options: Options = Options(), sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        newline = options.excel ? [13, 10] : [10]
        buffer.reserveCapacity(1 << 16)
        if options.excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    public func writeRows(_ rows: [[String]]) throws {
        for row in rows { try writeRow(row) }
    }

    public func writeRow(_ cells: [String]) throws {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(44) }
            Self.appendCell(cell, to: &buffer)
        }
        buffer.append(contentsOf: newline)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// One row as bytes, line end included (for building rows in parallel).
    public static func encode(_ cells: [String], excel: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(cells.count * 8)
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(44) }
            appendCell(cell, to: &out)
        }
        out.append(contentsOf: excel ? [13, 10] : [10])
        return out
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func appendCell(_ raw: String, to out: inout [UInt8]) {
        var cell = raw
        if needsInjectionGuard(cell) { cell = "'" + cell }
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

    /// A cell starting with = + - @ tab or CR is run as a formula by spreadsheets, unless it is a number.
    static func needsInjectionGuard(_ cell: String) -> Bool {
        guard let first = cell.utf8.first, [61, 43, 45, 64, 9, 13].contains(first) else { return false }
        return !isNumber(cell)
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
    public static func csv(_ path: String?, privateMode: Bool, excel: Bool = false, _ body: (CSVWriter) throws -> Void) throws {
        try write(path, privateMode: privateMode) { file in
            let writer = CSVWriter(options: .init(excel: excel)) { try file.write($0) }
            try body(writer)
            try writer.flush()
        }
    }
}
