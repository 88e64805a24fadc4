import Foundation

/// A progress bar on stderr for long imports and exports, only when stderr is a terminal.
public final class ProgressBar {
    private var total: Int
    private let what: String
    private let enabled: Bool
    private var last = 0.0

    public init(total: Int, what: String) {
        self.total = max(1, total)
        self.what = what
        enabled = Console.errorIsTerminal && total > 0
    }

    public func update(_ done: Int, of total: Int) {
        self.total = max(1, total)
        update(done)
    }

    public func update(_ done: Int) {
        guard enabled else { return }
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        guard now - last > 0.2 else { return }
        last = now
        let fraction = min(1, Double(done) / Double(total))
        let filled = Int(fraction * 30)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        Console.send(2, "\r\(what) [\(bar)] \(Int(fraction * 100))%")
    }

    public func finish() {
        guard enabled, last > 0 else { return }
        last = 0
        Console.send(2, "\r" + String(repeating: " ", count: what.count + 40) + "\r")
    }
}

extension ProgressBar {
    /// Runs `body` with a bar on a terminal (`showing` and standard error a terminal), finished however `body` ends;
    /// `total` is asked only when the bar shows (counting may cost a scan).
    public static func around<T>(
        showing: Bool, total: () throws -> Int, what: String, _ body: (@escaping (Int) -> Void) throws -> T
    ) throws -> T {
        let bar = ProgressBar(total: showing && Console.errorIsTerminal ? try total() : 0, what: what)
        defer { bar.finish() }
        return try body(bar.update)
    }
}
