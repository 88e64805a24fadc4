import XCTest
@testable import CanvassCore

/// The console driven with strings, as CPython's cmd is tested.
final class InterviewConsoleTests: XCTestCase {
    final class Transcript {
        var lines: [String]
        var output = ""
        var saved: [(String, Answer)] = []
        var completed = false
        init(_ lines: [String]) { self.lines = lines }
    }

    func run(_ input: [String], answers: [String: Answer] = [:]) throws -> (InterviewConsole.Outcome, Transcript) {
        let t = Transcript(input)
        var console = InterviewConsole(
            engine: InterviewEngine(questionnaire: InterviewEngineTests.questionnaire, answers: answers), language: nil, echo: true,
            persistence: .init(saveAnswer: { t.saved.append(($0, $1)) }, complete: { t.completed = true }),
            readLine: { t.lines.isEmpty ? nil : t.lines.removeFirst() }, write: { t.output += $0 })
        return (try console.run(), t)
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
        let t = Transcript(["y"])
        struct DiskFull: Error {}
        var console = InterviewConsole(
            engine: InterviewEngine(questionnaire: InterviewEngineTests.questionnaire), language: nil, echo: false,
            persistence: .init(saveAnswer: { _, _ in throw DiskFull() }, complete: {}),
            readLine: { t.lines.isEmpty ? nil : t.lines.removeFirst() }, write: { t.output += $0 })
        XCTAssertThrowsError(try console.run())
        XCTAssertNil(console.engine.answers["consent"])
    }
}
