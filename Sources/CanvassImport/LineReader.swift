import Foundation

/// Reads a file line by line in 1 MB chunks, so memory does not grow with the file.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// Bytes handed out so far, for progress.
    public private(set) var consumed = 0

    public init?(path: String) {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        handle = h
    }

    /// Lines longer than this are cut to one byte more, so memory stays bounded whatever the file holds.
    public static let maximumLine = 16 << 20

    /// The next line's bytes, without its line end; nil at the end of the file. A line longer than `maximumLine` is
    /// cut to `maximumLine + 1` bytes (the rest is skipped), which tells the reader it was too long.
    public mutating func next() -> [UInt8]? {
        while true {
            if buffer.count - start > Self.maximumLine, buffer[start...].firstIndex(of: 10) == nil {
                // an over-long line: keep its head, drop the rest up to its end
                let head = Array(buffer[start..<(start + Self.maximumLine + 1)])
                while true {
                    consumed += buffer.count - start
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                    let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
                    guard let chunk, !chunk.isEmpty else {
                        eof = true
                        return head
                    }
                    if let nl = chunk.firstIndex(of: 10) {
                        let rest = chunk.distance(from: chunk.startIndex, to: nl)
                        consumed += rest + 1
                        buffer.append(contentsOf: chunk[chunk.index(after: nl)...])
                        return head
                    }
                    consumed += chunk.count
                }
            }
            if let nl = buffer[start...].firstIndex(of: 10) {
                var line = Array(buffer[start..<nl])
                if line.last == 13 { line.removeLast() }
                consumed += nl + 1 - start
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                consumed += buffer.count - start
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
            if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { eof = true }
        }
    }
}
