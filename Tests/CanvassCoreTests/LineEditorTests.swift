import Testing

@testable import CanvassCore

/// The prompt's line editor on byte sequences as a terminal sends them: characters, not bytes, are edited.
struct LineEditorTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let backspace: [UInt8] = [127], left: [UInt8] = [27, 91, 68], right: [UInt8] = [27, 91, 67]

    func typed(_ parts: [[UInt8]], editor: LineEditor = LineEditor()) -> (LineEditor, [LineEditor.Event]) {
        var e = editor
        var events: [LineEditor.Event] = []
        for p in parts { events += e.feed(p) }
        return (e, events)
    }

    @Test func backspace_removes_whole_hangul_and_hanzi_characters() {
        let (e, _) = typed([Self.bytes("가나다")] + Array(repeating: Self.backspace, count: 3) + [Self.bytes("AB")])
        #expect(e.text == "AB" && e.cursor == 2)
        let (h, _) = typed([Self.bytes("杭州智慧城市试点项目"), Self.backspace, Self.backspace])
        #expect(h.text == "杭州智慧城市试点")
        // a combining accent is part of its letter: one Backspace takes both
        let (c, _) = typed([Self.bytes("cafe\u{301}"), Self.backspace])
        #expect(c.text == "caf")
    }

    @Test func cursor_keys_edit_the_middle_of_a_word() {
        let (e, _) = typed([Self.bytes("한국기업"), Self.left, Self.left, Self.bytes("중")])
        #expect(e.text == "한국중기업" && e.cursor == 3)
        let (home, _) = typed([Self.bytes("bc"), [1], Self.bytes("a"), [5], Self.bytes("d")])
        #expect(home.text == "abcd")
        let (keys, _) = typed([Self.bytes("abc"), [27, 91, 72], [27, 91, 51, 126], [27, 79, 70], Self.bytes("!")])  // Home, Delete, End
        #expect(keys.text == "bc!")
        let (kill, _) = typed([Self.bytes("one two three"), Self.left, Self.left, [11]])
        #expect(kill.text == "one two thr")
        let (word, _) = typed([Self.bytes("one two  "), [23]])
        #expect(word.text == "one ")
        let (clear, _) = typed([Self.bytes("기업명"), [21], Self.bytes("x")])
        #expect(clear.text == "x" && clear.cursor == 1)
    }

    @Test func bytes_split_anywhere_and_unknown_keys_skipped_whole() {
        var e = LineEditor()
        for b in Self.bytes("가a") { _ = e.feed([b]) }
        #expect(e.text == "가a")
        // Ctrl-Right, F5, a mouse-report-like CSI, Alt-x: none of them types anything
        let (k, events) = typed([
            Self.bytes("x"), [27, 91, 49, 59, 53, 67], [27, 91, 49, 53, 126], [27, 91, 63, 50, 53, 104], [27, 120],
        ])
        #expect(k.text == "x" && events.isEmpty)
    }

    @Test func bytes_that_are_not_utf8_are_refused_with_the_reason() {
        let (e, events) = typed([Self.bytes("a"), [0xFF], [0xE0, 0x41]])
        #expect(e.text == "aA")
        #expect(events.count == 2)
        #expect(events.allSatisfy { if case .refused(let why) = $0 { return why == .notUTF8 } else { return false } })
        #expect(!e.text.contains("\u{FFFD}"))
    }

    @Test func pastes_one_line_or_refused_when_they_have_several() {
        let start: [UInt8] = [27, 91, 50, 48, 48, 126], end: [UInt8] = [27, 91, 50, 48, 49, 126]
        let (one, _) = typed([start + Self.bytes("베이징 시범사업") + end])
        #expect(one.text == "베이징 시범사업")
        let (two, events) = typed([Self.bytes("x"), start + Self.bytes("line 1\r\nline 2") + end])
        #expect(two.text == "x")
        #expect(events == [.refused(.pasteLines)])
        let (long, _) = typed([start + Self.bytes("line 1\r\nline 2") + end], editor: LineEditor(multiLine: true))
        #expect(long.text == "line 1\nline 2")
        // the end marker split across reads
        var split = LineEditor()
        _ = split.feed(start + Self.bytes("ab") + [27, 91])
        _ = split.feed([50, 48, 49, 126] + Self.bytes("c"))
        #expect(split.text == "abc")
    }

    @Test func history_enter_ctrl_c_and_ctrl_d() {
        let up: [UInt8] = [27, 91, 65], down: [UInt8] = [27, 91, 66]
        let (h, _) = typed([Self.bytes("dra"), up, up], editor: LineEditor(history: ["first", "second"]))
        #expect(h.text == "first")
        let (back, _) = typed([Self.bytes("dra"), up, down], editor: LineEditor(history: ["first", "second"]))
        #expect(back.text == "dra")
        var e = LineEditor()
        #expect(e.feed(Self.bytes("ab\rcd")) == [.accepted("ab")])
        #expect(e.takePending() == Self.bytes("cd"))
        var c = LineEditor(), d = LineEditor()
        #expect(c.feed([3]) == [.interrupted])
        #expect(d.feed([4]) == [.endOfInput])
        let (forward, events) = typed([Self.bytes("ab"), Self.left, [4]])
        #expect(forward.text == "a" && events.isEmpty)
    }

    @Test func the_redraw_shows_the_buffer_and_puts_the_cursor_after_its_head() {
        let (e, _) = typed([Self.bytes("가나다"), Self.left])
        #expect(e.redraw == "\u{1B}8가나다\u{1B}[J\u{1B}8가나")
        // a control character in the buffer (pasted tab) is shown escaped, never sent raw
        let (t, _) = typed([[27, 91, 50, 48, 48, 126, 97, 9, 98, 27, 91, 50, 48, 49, 126]])
        #expect(t.text == "ab")
    }
}
