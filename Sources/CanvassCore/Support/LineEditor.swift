/// The line editor of the interviewer's prompt, as a pure state machine: bytes from the terminal in, the edited
/// buffer and what to draw out. It edits characters (grapheme clusters), never bytes or columns, so Backspace over
/// Hangul, Hanzi or a combining accent removes the whole character and the redraw matches the buffer at every key;
/// widths come from `DisplayWidth`, the table the tables align with.
///
/// Keys: printable text; Enter; Backspace and Delete; Left/Right; Home/End and Ctrl-A/Ctrl-E; Ctrl-K (to the end),
/// Ctrl-U (the whole line), Ctrl-W (the word before the cursor); Up/Down through the history given; bracketed paste
/// (a paste with line breaks goes into a multi-line answer, and is refused with the reason into a one-line one);
/// Ctrl-C interrupts, Ctrl-D on an empty line ends the input. Escape sequences of other keys are skipped whole;
/// bytes that are not UTF-8 are refused with the reason, never stored as U+FFFD.
public struct LineEditor: Sendable {
    public enum Event: Equatable, Sendable {
        /// Enter: the line as edited.
        case accepted(String)
        /// Ctrl-C.
        case interrupted
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Something typed that the editor did not take, and why (shown under the line, the buffer kept).
        case refused(ConsoleWords.Key)
    }

    public private(set) var buffer: [Character] = []
    /// Where the cursor is, in characters from the start.
    public private(set) var cursor = 0
    /// Earlier answers, oldest first (Up goes back through them).
    public var history: [String]
    /// Whether a line break may be part of the answer (long text: pasted lines are kept).
    public var multiLine: Bool

    private var pending: [UInt8] = []
    private var pasting: [UInt8]?
    private var historyIndex: Int?
    private var draft: [Character] = []

    public init(history: [String] = [], multiLine: Bool = false) {
        self.history = history
        self.multiLine = multiLine
    }

    public var text: String { String(buffer) }

    /// Feeds bytes as they arrive; returns what happened, in order. Incomplete sequences wait for the next bytes.
    public mutating func feed(_ bytes: [UInt8]) -> [Event] {
        pending += bytes
        var events: [Event] = []
        while !pending.isEmpty {
            guard let (consumed, event) = step() else { break }
            pending.removeFirst(consumed)
            if let event { events.append(event) }
            if case .accepted = event { break }
            if case .interrupted = event { break }
            if case .endOfInput = event { break }
        }
        return events
    }

    /// The bytes typed after the accepted line, for the next one.
    public mutating func takePending() -> [UInt8] {
        defer { pending = [] }
        return pending
    }

    /// Starts a new line (after one was accepted), keeping the history and anything typed ahead.
    public mutating func reset(history: [String]? = nil, multiLine: Bool? = nil) {
        buffer = []
        cursor = 0
        historyIndex = nil
        draft = []
        if let history { self.history = history }
        if let multiLine { self.multiLine = multiLine }
    }

    /// The bytes that redraw the line: back to where the line started (saved with ESC 7 by `start`), the buffer,
    /// clear the rest of the screen, then back again and forward over the text before the cursor (right across
    /// wrapped lines too).
    public var redraw: String {
        "\u{1B}8" + TerminalText.escaped(String(buffer), keepColour: false) + "\u{1B}[J" + "\u{1B}8"
            + TerminalText.escaped(String(buffer[..<cursor]), keepColour: false)
    }

    /// Marks where the line starts (the prompt is already written); then `redraw` can redraw it.
    public static let start = "\u{1B}7"

    // MARK: - one step

    /// One key's worth of the pending bytes: how many it takes and what it does; nil when more bytes are needed.
    private mutating func step() -> (Int, Event?)? {
        let b = pending[0]
        if pasting != nil {
            // inside a bracketed paste: everything up to ESC [ 2 0 1 ~ is text, taken in runs (not byte by byte)
            let end: [UInt8] = [27, 91, 50, 48, 49, 126]
            var run = 0
            while run < pending.count {
                if pending[run] == 27 {
                    let rest = pending[run...]
                    if rest.starts(with: end) {
                        if run > 0 { return (run, appendPaste(run)) }
                        let text = pasting!
                        pasting = nil
                        return (end.count, insertPaste(text))
                    }
                    if end.starts(with: rest) { return run > 0 ? (run, appendPaste(run)) : nil }  // may be the end marker: wait
                }
                run += 1
            }
            return (run, appendPaste(run))
        }
        switch b {
        case 13, 10: return (1, .accepted(String(buffer)))
        case 3: return (1, .interrupted)
        case 4:
            if buffer.isEmpty { return (1, .endOfInput) }
            deleteForward()
            return (1, nil)
        case 127, 8:
            deleteBackward()
            return (1, nil)
        case 1: return (1, move(to: 0))
        case 5: return (1, move(to: buffer.count))
        case 2: return (1, move(to: cursor - 1))
        case 6: return (1, move(to: cursor + 1))
        case 11:
            buffer.removeSubrange(cursor...)
            return (1, nil)
        case 21:
            buffer = []
            cursor = 0
            return (1, nil)
        case 23:
            deleteWord()
            return (1, nil)
        case 27: return escape()
        case 0..<32: return (1, nil)  // other control keys: nothing
        default: return utf8Character()
        }
    }

    private mutating func move(to position: Int) -> Event? {
        cursor = max(0, min(buffer.count, position))
        return nil
    }

    private mutating func deleteBackward() {
        guard cursor > 0 else { return }
        buffer.remove(at: cursor - 1)
        cursor -= 1
    }

    private mutating func deleteForward() {
        guard cursor < buffer.count else { return }
        buffer.remove(at: cursor)
    }

    private mutating func deleteWord() {
        var start = cursor
        while start > 0 && buffer[start - 1].isWhitespace { start -= 1 }
        while start > 0 && !buffer[start - 1].isWhitespace { start -= 1 }
        buffer.removeSubrange(start..<cursor)
        cursor = start
    }

    private mutating func insert(_ s: String) {
        // appended to what is before the cursor, so that a combining mark joins the character it follows
        let head = String(buffer[..<cursor]) + s
        let tail = buffer[cursor...]
        let headCharacters = Array(head)
        buffer = headCharacters + tail
        cursor = headCharacters.count
    }

    /// A whole UTF-8 character, or the refusal of bytes that are not UTF-8.
    private mutating func utf8Character() -> (Int, Event?)? {
        let b = pending[0]
        let length: Int
        switch b {
        case 0x20..<0x80: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (1, .refused(.notUTF8))
        }
        // continuation bytes are checked as they arrive: a bad one is refused at once
        for k in 1..<min(length, pending.count) where pending[k] & 0xC0 != 0x80 {
            return (k, .refused(.notUTF8))
        }
        guard pending.count >= length else { return nil }
        let bytes = Array(pending.prefix(length))
        guard let s = String(validating: bytes, as: UTF8.self) else { return (length, .refused(.notUTF8)) }
        insert(s)
        return (length, nil)
    }

    /// An escape sequence: the keys the editor knows, the rest skipped whole.
    private mutating func escape() -> (Int, Event?)? {
        guard pending.count >= 2 else { return nil }
        let second = pending[1]
        if second == 79 {  // ESC O x: keypad keys
            guard pending.count >= 3 else { return nil }
            switch pending[2] {
            case 68: return (3, move(to: cursor - 1))
            case 67: return (3, move(to: cursor + 1))
            case 72: return (3, move(to: 0))
            case 70: return (3, move(to: buffer.count))
            case 65: return (3, historyStep(-1))
            case 66: return (3, historyStep(1))
            default: return (3, nil)
            }
        }
        guard second == 91 else { return (2, nil) }  // ESC and one more byte (Alt-key): nothing
        // CSI: parameters (0x30-0x3F), intermediates (0x20-0x2F), one final byte (0x40-0x7E)
        var end = 2
        while end < pending.count, (0x20...0x3F).contains(pending[end]) { end += 1 }
        guard end < pending.count else { return nil }
        let parameters = String(decoding: pending[2..<end], as: UTF8.self)
        let final = pending[end]
        let length = end + 1
        switch (parameters, final) {
        case ("", 68): return (length, move(to: cursor - 1))
        case ("", 67): return (length, move(to: cursor + 1))
        case ("", 72), ("1", 126), ("7", 126): return (length, move(to: 0))
        case ("", 70), ("4", 126), ("8", 126): return (length, move(to: buffer.count))
        case ("", 65): return (length, historyStep(-1))
        case ("", 66): return (length, historyStep(1))
        case ("3", 126):
            deleteForward()
            return (length, nil)
        case ("200", 126):
            pasting = []
            return (length, nil)
        default: return (length, nil)
        }
    }

    private mutating func historyStep(_ direction: Int) -> Event? {
        guard !history.isEmpty else { return nil }
        let current = historyIndex ?? history.count
        let next = max(0, min(history.count, current + direction))
        guard next != current else { return nil }
        if historyIndex == nil { draft = buffer }
        historyIndex = next == history.count ? nil : next
        buffer = next == history.count ? draft : Array(history[next])
        cursor = buffer.count
        return nil
    }

    /// Takes the first `n` pending bytes into the paste.
    private mutating func appendPaste(_ n: Int) -> Event? {
        pasting!.append(contentsOf: pending.prefix(n))
        return nil
    }

    private mutating func insertPaste(_ bytes: [UInt8]) -> Event? {
        guard var s = String(validating: bytes, as: UTF8.self) else { return .refused(.notUTF8) }
        s = s.replacingCRLF()
        if s.contains("\n") && !multiLine {
            return .refused(.pasteLines)
        }
        let clean = String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 == "\n" || $0.value >= 0x20 && $0.value != 0x7F }))
        insert(clean)
        return nil
    }
}

extension String {
    /// CR LF and lone CR as LF.
    fileprivate func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for u in unicodeScalars {
            if u == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if u == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(u)
        }
        return String(out)
    }
}
