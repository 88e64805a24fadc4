import CanvassCore
import CanvassExport
import CanvassTestSupport
import XCTest

@testable import CanvassImport

final class InterviewLineTests: XCTestCase {
    static let q = TestQuestionnaires.firm

    func interview(_ answers: [String: Answer]) -> ExportedInterview {
        ExportedInterview(
            id: 7, key: "k", questionnaire: "t", version: "1", status: "completed", respondent: "Secret Firm",
            interviewer: "kim", language: nil, startedAt: "2018-07-02T10:00:00+09:00", completedAt: "2018-07-02T11:00:00+09:00",
            answers: answers)
    }

    func test_json_line_round_trips_types_and_specials() throws {
        let line = InterviewJSON.line(
            interview([
                "firm_name": .value("Secret \"Firm\""), "consent": .value("yes"), "concerns": .value("csl tbt"), "size": .special(.refused),
            ]),
            questionnaire: Self.q, includeIdentifiers: false)
        XCTAssertFalse(line.contains("Secret"))
        XCTAssertTrue(line.contains("\"answers\":{\"consent\":\"yes\",\"concerns\":[\"csl\",\"tbt\"],\"size\":{\"special\":\"rf\"}}"))
        let header = try InterviewLine.header(line).get()
        let answers = try InterviewLine.answers(header.answers, questionnaire: Self.q, completed: true).get()
        XCTAssertEqual(answers, ["consent": .value("yes"), "concerns": .value("csl tbt"), "size": .special(.refused)])
    }

    func test_import_line_errors_name_the_problem() {
        XCTAssertThrowsError(try InterviewLine.header("{\"questionnaire\":\"t\"").get())
        XCTAssertThrowsError(
            try InterviewLine.header("{\"questionnaire\":\"t\",\"version\":\"1\",\"interviewer\":\"k\",\"answerz\":{}}").get()
        ) {
            XCTAssertTrue(($0 as! InterviewLine.LineError).message.contains("did you mean \"answers\""))
        }
        let bad: [(key: String, value: JSONValue)] = [("consent", .string("no")), ("concerns", .array([.string("csl")]))]
        XCTAssertThrowsError(try InterviewLine.answers(bad, questionnaire: Self.q, completed: true).get()) {
            XCTAssertTrue(($0 as! InterviewLine.LineError).message.contains("not asked"))
        }
        XCTAssertThrowsError(try InterviewLine.answers([("size", .string("12.5"))], questionnaire: Self.q, completed: true).get())
        XCTAssertThrowsError(try InterviewLine.answers([("size", .number("1e3"))], questionnaire: Self.q, completed: true).get())
        XCTAssertThrowsError(try InterviewLine.answers([("nope", .number("1"))], questionnaire: Self.q, completed: true).get())
        XCTAssertEqual(
            try InterviewLine.answers([("size", .number("12.0"))], questionnaire: Self.q, completed: true).get(), ["size": .value("12")])
    }
}

final class JSONReaderTests: XCTestCase {
    func parse(_ s: String) throws -> JSONValue { try JSONReader.parse(Array(s.utf8)) }

    func test_values_and_escapes() throws {
        XCTAssertEqual(
            try parse(#"{"a": [1, -2.50, true, null, "x\"y\u00e9\ud83d\ude00"]}"#),
            .object([("a", .array([.number("1"), .number("-2.50"), .bool(true), .null, .string("x\"yé😀")]))]))
        XCTAssertEqual(try parse(" \"한국\" "), .string("한국"))
    }

    func test_malformed_json_is_refused_with_a_position() {
        for bad in [
            "{", "{\"a\":}", "[1,]", "01", "1.", "\"\\x\"", #""a\u12""#, "\"\\ud800\"", "{\"a\":1,\"a\":2}", "nul", "1 2", "\"tab\there\"",
        ] {
            XCTAssertThrowsError(try parse(bad), bad)
        }
    }

    func test_deep_nesting_is_refused_not_crashed() {
        XCTAssertThrowsError(try parse(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)))
    }
}
