import CanvassCore
import Foundation

/// Where the executable talks to people: stdout, stderr and stdin, with colour only on a terminal.
public enum Console {
    public static let inputIsTerminal = isatty(0) == 1
    public static let errorIsTerminal = isatty(2) == 1
    /// The terminal's width in columns (standard output's, else $COLUMNS, else 120).
    public static var width: Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
    }
    public static let outputIsTerminal = isatty(1) == 1

    /// SIGINT interrupts a blocked read (no restart), so the read returns end of input and the interview pauses.
    public static func interruptReads() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
    public static var useColor: Bool { errorIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// Writes `s` to standard output as a terminal can safely show it (control characters escaped).
    public static func out(_ s: String) { write(s + "\n") }
    public static func write(_ s: String) { send(1, TerminalText.escaped(s)) }

    public static func error(_ message: String) {
        let prefix = useColor ? "\u{1B}[1;31mcanvass: error:\u{1B}[0m " : "canvass: error: "
        send(2, prefix + TerminalText.escaped(message, keepColour: false) + "\n")
    }
    public static func warn(_ message: String) { send(2, "canvass: warning: " + TerminalText.escaped(message, keepColour: false) + "\n") }
    public static func diagnostic(_ line: String) { send(2, TerminalText.escaped(line, keepColour: false) + "\n") }

    /// Writes every byte, or ends the process with one line and exit status 1 when the output cannot take them
    /// (a full disk, a closed pipe): never a crash, never a silent loss.
    public static func send(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes = bytes.dropFirst(n)
                continue
            }
            if n < 0 && errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            if fd == 1 {
                let line = "canvass: error: cannot write to standard output: \(reason)\n"
                _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
            }
            exit(1)
        }
    }

    /// One line from stdin without its line end; nil at end of input, or when Ctrl-C interrupts the read.
    public static func readLine() -> String? { StandardInput.shared.line() }
    /// The language the terminal's own refusals are said in (an interview's: set when it starts and at `:lang`).
    /// Set and read on the main thread only, by the interview that reads the lines.
    nonisolated(unsafe) public static var wordsLanguage: String?
}

/// Lines from file descriptor 0, read with read(2) so that an interrupted read ends the line (Ctrl-C pauses).
/// @unchecked: one reader for the process, and only the main thread reads.
final class StandardInput: @unchecked Sendable {
    static let shared = StandardInput()
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    /// Answers typed at this terminal so far: the line editor's history (Up/Down).
    private var history: [String] = []

    func line() -> String? {
        if Console.inputIsTerminal && Console.outputIsTerminal,
            let edited = TerminalLine.read(history: history, typedAhead: &buffer, start: &start)
        {
            if case .line(let l) = edited {
                if !l.isEmpty && history.last != l { history.append(l) }
                return l
            }
            return nil
        }
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                var bytes = buffer[start..<nl]
                start = nl + 1
                if bytes.last == 13 { bytes = bytes.dropLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            if ended {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, 65536) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                continue
            }
            if n < 0 && errno == EINTR { return nil }  // Ctrl-C: pause, keep what is buffered for no one
            ended = true
        }
    }
}

/// A line edited at a terminal: raw mode for the time of one line (restored after it, whatever happens), bracketed
/// paste on, every key through `LineEditor` and the line redrawn from the buffer after each.
enum TerminalLine {
    enum Result {
        case line(String)
        case ended
    }

    /// nil when the terminal cannot be put in raw mode (then lines are read as from a pipe).
    static func read(history: [String], typedAhead: inout [UInt8], start: inout Int) -> Result? {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(0, TCSADRAIN, &raw) == 0 else { return nil }
        Console.send(1, "\u{1B}[?2004h" + LineEditor.start)
        defer {
            Console.send(1, "\u{1B}[?2004l")
            _ = tcsetattr(0, TCSADRAIN, &saved)
        }
        var editor = LineEditor(history: history)
        var events = editor.feed(Array(typedAhead[start...]))
        typedAhead.removeAll()
        start = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            for event in events {
                switch event {
                case .accepted(let line):
                    Console.send(1, editor.redraw + "\r\n")
                    typedAhead = editor.takePending()
                    return .line(line)
                case .interrupted, .endOfInput:
                    Console.send(1, editor.redraw + "\r\n")
                    return .ended
                case .refused(let why):
                    // the reason under the line, then the line again as it was
                    Console.send(1, "\r\n! " + ConsoleWords.text(why, Console.wordsLanguage) + "\r\n" + LineEditor.start)
                }
            }
            Console.send(1, editor.redraw)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return .ended }
            events = editor.feed(Array(chunk[0..<n]))
        }
    }
}
