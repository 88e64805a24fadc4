import CanvassTestSupport
import Foundation
import XCTest

/// The interviewer's prompt at a real terminal (tmux, 120x40, UTF-8): after every edit the line on the screen is the
/// buffer, and what is stored is what was on the screen.
final class TerminalEndToEndTests: XCTestCase {
    static let questionnaire = """
        questionnaire: tq
        version: "1"
        languages: [ko]
        sections:
          - name: s
            title: 입력
            questions:
              - {name: a, type: text, label: 첫째}
              - {name: b, type: text, label: 둘째}
              - {name: c, type: text, label: 셋째}
              - {name: d, type: text, label: 넷째}
              - {name: e, type: text, label: 다섯째}
        """

    func test_the_screen_shows_what_is_stored_after_every_edit() throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = try h.write("tq.yaml", Self.questionnaire)
        let t = try Tmux(
            "'\(Harness.binary.path)' interview new '\(schema)' --respondent R --interviewer kim --db '\(h.db)'", cwd: h.path(""))
        /// The line being edited: the last one that starts with the prompt.
        /// (the screen's lines come without trailing spaces: an empty prompt is ">")
        func promptLine() throws -> String { try t.screen().last { $0 == ">" || $0.hasPrefix("> ") } ?? "(no prompt)" }
        func expectLine(_ text: String, _ what: String, line: UInt = #line) throws {
            let expected = text.isEmpty ? ">" : "> " + text
            var shown = try promptLine()
            for _ in 0..<20 where shown != expected {
                usleep(100_000)
                shown = try promptLine()
            }
            XCTAssertEqual(shown, expected, what, line: line)
        }
        try t.wait { $0.hasPrefix("[1/5] a") }
        // Hangul typed, three backspaces, then AB: the screen shows AB (it showed "가 AB" in cooked mode)
        try t.send(["가나다"], literal: true)
        try expectLine("가나다", "typed")
        for n in 1...3 {
            try t.send(["BSpace"])
            try expectLine(String("가나다".prefix(3 - n)), "after \(n) backspaces")
        }
        try t.send(["AB"], literal: true)
        try expectLine("AB", "AB after the backspaces")
        try t.send(["Enter"])
        try t.wait { $0.hasPrefix("[2/5] b") }
        // Hanzi with two backspaces, then the cursor into the middle of the text and a character there
        try t.send(["杭州智慧城市试点项目"], literal: true)
        try t.send(["BSpace"])
        try t.send(["BSpace"])
        try expectLine("杭州智慧城市试点", "two backspaces over Hanzi")
        for _ in 0..<4 { try t.send(["Left"]) }
        try t.send(["新"], literal: true)
        try expectLine("杭州智慧新城市试点", "a character typed in the middle")
        try t.send(["End"])
        try t.send(["区"], literal: true)
        try expectLine("杭州智慧新城市试点区", "End, then typed")
        try t.send(["Enter"])
        try t.wait { $0.hasPrefix("[3/5] c") }
        // Ctrl-U clears what is shown, not only the buffer
        try t.send(["기업명 입력"], literal: true)
        try t.send(["C-u"])
        try expectLine("", "Ctrl-U")
        try t.send(["x"], literal: true)
        try expectLine("x", "typed after Ctrl-U")
        try t.send(["Enter"])
        try t.wait { $0.hasPrefix("[4/5] d") }
        // a two-line paste into a one-line answer is refused with the reason, and does not answer the next question
        try t.paste("첫 줄\n둘째 줄")
        try t.wait { $0.contains("붙여 넣은 내용이 여러 줄입니다") }  // the terminal's own refusal, in the interview's language
        try t.send(["한 줄"], literal: true)
        try t.send(["Enter"])
        try t.wait { $0.hasPrefix("[5/5] e") }
        try t.send(["마지막"], literal: true)
        try t.send(["Enter"])
        try t.wait { $0.contains("인터뷰를 완료할까요?") }
        try t.send(["y", "Enter"])
        try t.wait { $0.contains("인터뷰 1 완료.") }
        let stored = try sqlite3(h.db, "SELECT question || '=' || value FROM answer WHERE interview_id = 1 ORDER BY question").out
        let screen = try t.screen().joined(separator: "\n")
        XCTAssertEqual(stored.split(separator: "\n").map(String.init), ["a=AB", "b=杭州智慧新城市试点区", "c=x", "d=한 줄", "e=마지막"], screen)
    }

    /// Ctrl-C while typing pauses the interview: the half-typed text is not saved.
    func test_ctrl_c_while_typing_saves_nothing_half_typed() throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = try h.write("tq.yaml", Self.questionnaire)
        let t = try Tmux(
            "'\(Harness.binary.path)' interview new '\(schema)' --respondent R --interviewer kim --db '\(h.db)'", cwd: h.path(""))
        try t.wait { $0.hasPrefix("[1/5] a") }
        try t.send(["done"], literal: true)
        try t.send(["Enter"])
        try t.wait { $0.hasPrefix("[2/5] b") }
        try t.send(["반쯤 쓴 답"], literal: true)
        try t.send(["C-c"])
        try t.wait { $0.lowercased().contains("paused") || $0.contains("resume") }
        let stored = try sqlite3(h.db, "SELECT question || '=' || coalesce(value, '') FROM answer WHERE interview_id = 1 ORDER BY question")
            .out
        let screen = try t.screen().joined(separator: "\n")
        XCTAssertEqual(stored.split(separator: "\n").map(String.init), ["a=done"], screen)
    }
}
