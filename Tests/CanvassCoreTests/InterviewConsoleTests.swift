import CanvassTestSupport
import XCTest

@testable import CanvassCore

/// The console driven with strings, as CPython's cmd is tested.
final class InterviewConsoleTests: XCTestCase {
    func run(_ input: [String], answers: [String: Answer] = [:]) throws -> (InterviewConsole.Outcome, ConsoleTranscript) {
        try ConsoleTranscript.run(InterviewEngineTests.questionnaire, input, answers: answers)
    }

    func test_a_full_interview_with_special_answers_and_completion() throws {
        let (outcome, t) = try run(["yes", "", "2018-07-02", "csl", ":dk", "y"])
        XCTAssertEqual(outcome, .completed)
        XCTAssertTrue(t.completed)
        XCTAssertEqual(t.saved.map(\.0), ["consent", "employees", "founded", "concerns", "csl_severity"])
        XCTAssertEqual(t.saved.map(\.1), [.value("yes"), .skipped, .value("2018-07-02"), .value("csl"), .special(.dontKnow)])
        XCTAssertTrue(t.output.contains("Thanks"))
    }

    func test_a_bad_answer_is_reasked_and_nothing_is_saved() throws {
        let (_, t) = try run(["y", "-5", "5"])
        XCTAssertTrue(t.output.contains("! Between 1 and 5000000"))
        XCTAssertEqual(t.saved.filter { $0.0 == "employees" }.map(\.1), [.value("5")])
    }

    func test_back_shows_the_current_answer_and_enter_keeps_it() throws {
        let (outcome, t) = try run(["y", "12", ":back", "", ":quit"])
        XCTAssertEqual(outcome, .paused)
        XCTAssertTrue(t.output.contains("(current: 12)"))
        XCTAssertEqual(t.saved.count, 2)
    }

    func test_required_question_cannot_be_skipped_and_dk_not_offered_is_refused() throws {
        let (_, t) = try run([":skip", "", ":dk", "y"])
        XCTAssertTrue(t.output.contains("! consent is required"))
        XCTAssertTrue(t.output.contains("does not accept :dk"))
        XCTAssertEqual(t.saved.first?.1, .value("yes"))
    }

    func test_end_of_input_pauses_and_resume_continues_at_the_first_unanswered() throws {
        let (outcome, _) = try run(["y", "10"])
        XCTAssertEqual(outcome, .paused)
        let (_, t) = try run(["2001-01-01", ":quit"], answers: ["consent": .value("yes"), "employees": .value("10")])
        XCTAssertEqual(t.saved.map(\.0), ["founded"])
        XCTAssertFalse(t.output.contains("[1/"))
    }

    func test_double_colon_escapes_text_and_unknown_commands_are_explained() throws {
        let (_, t) = try run(["y", ":frobnicate", ":quit"])
        XCTAssertTrue(t.output.contains("! unknown command :frobnicate"))
    }

    func test_saving_failure_stops_the_interview() {
        let t = ConsoleTranscript(["y"])
        struct DiskFull: Error {}
        var console = t.console(InterviewEngine(questionnaire: InterviewEngineTests.questionnaire), echo: false)
        console.persistence.save = { _, _ in throw DiskFull() }
        XCTAssertThrowsError(try console.run())
        XCTAssertNil(console.engine.answers["consent"])
    }
}

final class InterviewNavigationTests: XCTestCase {
    func run(_ input: [String]) throws -> (InterviewConsole.Outcome, ConsoleTranscript, [(String, String)]) {
        let (outcome, t) = try ConsoleTranscript.run(InterviewEngineTests.questionnaire, input)
        return (outcome, t, t.notes)
    }

    func test_review_lists_the_section_and_jump_goes_back_to_a_reached_question() throws {
        let (_, t, _) = try run(["y", "12", "2001-02-03", ":review", ":jump employees", "13", "", ":quit"])
        XCTAssertTrue(t.output.contains("  2. employees: 12"), t.output)
        XCTAssertTrue(t.output.contains("  3. founded: 2001-02-03"))
        XCTAssertTrue(t.output.contains("  4. concerns <: -"))
        XCTAssertEqual(t.saved.filter { $0.0 == "employees" }.map(\.1), [.value("12"), .value("13")])
    }

    func test_jump_refuses_a_question_not_yet_reached_and_next_finds_the_first_unanswered() throws {
        let (_, t, _) = try run(["y", ":jump concerns", ":jump 4", ":jump nosuch", "5", ":jump 1", ":next", ":quit"])
        XCTAssertTrue(t.output.contains("! concerns has not been reached yet"), t.output)
        XCTAssertTrue(t.output.contains("! no question nosuch"))
        // after jumping back to consent, :next returns to founded (the first unanswered)
        XCTAssertTrue(t.output.components(separatedBy: "[3/5] founded").count >= 3, t.output)
    }

    func test_notes_are_attached_to_the_current_question() throws {
        let (_, _, notes) = try run(["y", ":note firm asked to skip this", ":quit"])
        XCTAssertEqual(notes.map(\.0), ["employees"])
        XCTAssertEqual(notes.map(\.1), ["firm asked to skip this"])
    }

    func test_where_reports_progress_and_lang_refuses_an_unknown_language() throws {
        let (_, t, _) = try run(["y", ":where", ":lang fr", ":quit"])
        XCTAssertTrue(t.output.contains("section 2 of 2"), t.output)
        XCTAssertTrue(t.output.contains("1 of 4 relevant questions answered"), t.output)
        XCTAssertTrue(t.output.contains("! give one of the languages"))
    }
}

/// One progress counter: the prompt, `:review`, `:where` and `:jump N` number questions alike, notes and
/// calculations not counted.
final class ProgressCounterTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: p
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: intro, type: note, label: Welcome}
                  - {name: a, type: integer, label: A}
                  - {name: twice, type: calculate, calculation: "${a} * 2", label: T}
                  - {name: b, type: text, label: B}
                  - {name: c, type: text, label: C}
            """
    ).questionnaire!

    func test_the_prompt_where_review_and_jump_count_the_same_questions() throws {
        let (_, t) = try ConsoleTranscript.run(Self.q, ["4", "x", ":where", ":review", ":jump 2", "y", ":quit"])
        XCTAssertTrue(t.output.contains("[1/3] a"), t.output)
        XCTAssertTrue(t.output.contains("[2/3] b"), t.output)
        XCTAssertTrue(t.output.contains("[3/3] c"), t.output)
        XCTAssertTrue(t.output.contains("question 3 of 3; 2 of 3 relevant questions answered"), t.output)
        XCTAssertTrue(t.output.contains("  1. a: 4"), t.output)
        XCTAssertTrue(t.output.contains("  2. b: x"), t.output)
        XCTAssertTrue(t.output.contains("  3. c <: -"), t.output)
        XCTAssertFalse(t.output.contains("[4/"), t.output)
        // :jump 2 is b, as :review numbers it: its answer is replaced
        XCTAssertEqual(t.saved.filter { $0.0 == "b" }.map(\.1), [.value("x"), .value("y")])
        let (_, far) = try ConsoleTranscript.run(Self.q, ["4", ":jump 9", ":quit"])
        XCTAssertTrue(far.output.contains("! no question 9"), far.output)
    }
}
