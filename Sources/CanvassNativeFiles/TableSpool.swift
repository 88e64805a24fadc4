import CanvassCore
import CanvassExport
import CanvassFiles
import Glibc

/// The typed rows of one table, kept in an unnamed temporary file while the interviews are read once, with what the
/// writers must declare before the first row (row count, string widths, number formats, whether a calculated column
/// holds only numbers). Memory stays flat whatever the number of rows.
public final class TableSpool {
    /// What the values of one column turned out to be.
    public struct Summary: Sendable {
        /// The longest text in UTF-8 bytes (text cells, and special codes in text columns).
        public var maxBytes = 0
        /// The most digits after the decimal point, and before it, of the numbers.
        public var decimals = 0
        public var integerDigits = 1
        /// A calculated column is numeric when every value is a number.
        public var onlyNumbers = true
    }

    public let columns: [TypedColumn]
    public private(set) var summaries: [Summary]
    public private(set) var rowCount = 0
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []

    public init(columns: [TypedColumn]) throws {
        guard let f = tmpfile() else { throw OutputError("cannot create a temporary file: \(String(cString: strerror(errno)))") }
        self.columns = columns
        summaries = Array(repeating: Summary(), count: columns.count)
        file = f
        buffer.reserveCapacity(1 << 16)
    }

    deinit { fclose(file) }

    /// The kind each column is written as, calculated columns decided by their values.
    public func kind(_ i: Int) -> TypedColumn.Kind {
        let k = columns[i].kind
        return k == .calculated ? (summaries[i].onlyNumbers ? .number : .text) : k
    }

    public func append(_ row: [TypedCell]) throws {
        precondition(row.count == columns.count)
        for (i, cell) in row.enumerated() {
            switch cell {
            case .empty: buffer.append(0)
            case .number(let v, let t):
                buffer.append(1)
                append(v.bitPattern)
                append(t)
                // digits before and after the point, counted on the bytes (every number cell passes here)
                var before = 0, after = 0, point = false
                for b in t.utf8 {
                    if b == 46 { point = true } else if (48...57).contains(b) { if point { after += 1 } else { before += 1 } }
                }
                summaries[i].integerDigits = max(summaries[i].integerDigits, before)
                summaries[i].decimals = max(summaries[i].decimals, after)
            case .text(let t):
                buffer.append(2)
                append(t)
                if !t.isEmpty { summaries[i].onlyNumbers = false }
                if t.utf8.count > summaries[i].maxBytes {
                    summaries[i].maxBytes = t.utf8.count
                }
            case .date(let d, let t):
                buffer.append(3)
                append(UInt64(bitPattern: Int64(d)))
                append(t)
            case .dateTime(let s, let t):
                buffer.append(4)
                append(UInt64(bitPattern: Int64(s)))
                append(t)
            case .special(let s, let code):
                buffer.append(s == .dontKnow ? 5 : 6)
                append(code)
                summaries[i].maxBytes = max(summaries[i].maxBytes, code.utf8.count)
            }
        }
        rowCount += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func append(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func append(_ s: String) {
        var s = s
        s.withUTF8 { u in
            append(UInt64(u.count))
            buffer.append(contentsOf: u)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard n == buffer.count else { throw OutputError("cannot write a temporary file: \(String(cString: strerror(errno)))") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads the rows back in order, once written.
    public func forEachRow(_ body: ([TypedCell]) throws -> Void) throws {
        try flush()
        fflush(file)
        rewind(file)
        var reader = Reader(file: file)
        var row: [TypedCell] = []
        row.reserveCapacity(columns.count)
        for _ in 0..<rowCount {
            row.removeAll(keepingCapacity: true)
            for _ in 0..<columns.count {
                let tag = try reader.byte()
                switch tag {
                case 0: row.append(.empty)
                case 1:
                    let v = Double(bitPattern: try reader.word())
                    row.append(.number(v, try reader.string()))
                case 2: row.append(.text(try reader.string()))
                case 3:
                    let d = Int(Int64(bitPattern: try reader.word()))
                    row.append(.date(d, try reader.string()))
                case 4:
                    let s = Int(Int64(bitPattern: try reader.word()))
                    row.append(.dateTime(s, try reader.string()))
                case 5: row.append(.special(.dontKnow, try reader.string()))
                default: row.append(.special(.refused, try reader.string()))
                }
            }
            try body(row)
        }
    }

    private struct Reader {
        let file: UnsafeMutablePointer<FILE>
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var start = 0, end = 0

        init(file: UnsafeMutablePointer<FILE>) { self.file = file }

        mutating func fill() throws {
            if start < end { chunk.replaceSubrange(0..<(end - start), with: chunk[start..<end]) }
            end -= start
            start = 0
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress! + end, 1, $0.count - end, file) }
            guard n > 0 else { throw OutputError("a temporary file ended early") }
            end += n
        }

        mutating func need(_ n: Int) throws {
            if n > chunk.count { chunk += [UInt8](repeating: 0, count: n - chunk.count + (1 << 16)) }
            while end - start < n { try fill() }
        }

        mutating func byte() throws -> UInt8 {
            try need(1)
            defer { start += 1 }
            return chunk[start]
        }

        mutating func word() throws -> UInt64 {
            try need(8)
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(chunk[start + k]) << (8 * k) }
            start += 8
            return v
        }

        mutating func string() throws -> String {
            let n = Int(try word())
            try need(n)
            defer { start += n }
            return String(decoding: chunk[start..<(start + n)], as: UTF8.self)
        }
    }
}
