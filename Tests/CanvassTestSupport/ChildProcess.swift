import Foundation

/// A child interview process fed one answer at a time; counts the prompts it has printed (and, with `stderr`, reads that too).
public final class ChildProcess {
    public let child: Spawned

    public init(_ args: [String], cwd: URL, stderr: Bool = false) throws {
        child = try Spawned(
            Harness.binary.path, args, cwd: cwd.path, environment: ["CANVASS_DB": nil], stdin: .pipe, stdout: .capture,
            stderr: stderr ? .sameAsOutput : .null)
    }

    public var prompts: Int { text.components(separatedBy: "\n> ").count - 1 }
    public var isRunning: Bool { child.isRunning }

    public func waitForPrompts(_ n: Int, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while prompts < n, Date() < deadline, child.isRunning { usleep(500) }
        return prompts >= n
    }

    public func send(_ line: String) { child.write(Data((line + "\n").utf8)) }

    public func kill() {
        child.signal(SIGKILL)
        child.wait()
    }

    /// Everything the child has written so far.
    public var text: String { child.outputText }

    /// Closes its input (end of input) and waits for it to end.
    public func finish() {
        child.closeInput()
        child.wait()
    }
}
