import Foundation

/// Where the executable talks to people: stdout, stderr and stdin, with colour only on a terminal.
enum Console {
    static let inputIsTerminal = isatty(0) == 1
    static let errorIsTerminal = isatty(2) == 1
    static var useColor: Bool { errorIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func out(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
    static func write(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }

    static func error(_ message: String) {
        let prefix = useColor ? "\u{1B}[1;31mcanvass: error:\u{1B}[0m " : "canvass: error: "
        FileHandle.standardError.write(Data((prefix + message + "\n").utf8))
    }
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("canvass: warning: " + message + "\n").utf8))
    }
    static func diagnostic(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// One line from stdin without its line end; nil at end of input.
    static func readLine() -> String? {
        guard var line = Swift.readLine(strippingNewline: true) else { return nil }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
