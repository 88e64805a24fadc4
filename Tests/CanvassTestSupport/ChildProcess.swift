import Foundation

/// A child interview process fed one answer at a time; counts the prompts it has printed (and, with `stderr`, reads that too).
public final class ChildProcess {
    public let process = Process()
    public let input = Pipe(), output = Pipe()
    public let seen = LockedData()

    public init(_ args: [String], cwd: URL, stderr: Bool = false) throws {
        process.executableURL = Harness.binary
        process.arguments = args
        process.currentDirectoryURL = cwd
        process.standardInput = input
        process.standardOutput = output
        process.standardError = stderr ? output : FileHandle.nullDevice
        let seen = self.seen
        try process.run()
        // a thread of its own reads the output with read(2): readabilityHandler deliveries were seen to stall for
        // seconds while the test process launched other children
        let fd = output.fileHandleForReading.fileDescriptor
        Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
                if n > 0 {
                    seen.append(Data(buffer[0..<n]))
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }.start()
    }

    public var prompts: Int { String(decoding: seen.data, as: UTF8.self).components(separatedBy: "\n> ").count - 1 }

    public func waitForPrompts(_ n: Int, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while prompts < n, Date() < deadline, process.isRunning { usleep(500) }
        return prompts >= n
    }

    public func send(_ line: String) { try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }

    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitForExit()
    }

    /// Everything the child has written so far.
    public var text: String { String(decoding: seen.data, as: UTF8.self) }

    /// Closes its input (end of input) and waits for it to end.
    public func finish() {
        try? input.fileHandleForWriting.close()
        process.waitForExit()
    }
}
