import CanvassCore
import CanvassStorage
import XCTest

@testable import CanvassImport

/// Import into a real store: all or nothing, every bad line reported with its number, keys never doubled.
final class JSONLinesImportTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    static let source = """
        questionnaire: t
        version: "1"
        sections:
          - name: s
            questions:
              - {name: staff, type: integer, label: Staff, constraint: ". >= 1"}
              - {name: double, type: calculate, calculation: "${staff} * 2"}
        """

    func run(_ lines: [String], into store: CanvassStore) throws -> (JSONLinesImport.Summary, [String]) {
        let file = dir.appendingPathComponent("in.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var reported: [String] = []
        let summary = try JSONLinesImport(file: file, into: store, now: "2018-07-02T10:00:00+09:00") { reported.append("\($0): \($1)") }
            .run()
        return (summary, reported)
    }

    func line(_ key: String, _ staff: String) -> String {
        #"{"questionnaire":"t","version":"1","key":"\#(key)","interviewer":"kim","answers":{"staff":\#(staff)}}"#
    }

    func test_good_lines_are_imported_with_calculations_and_bad_ones_stop_everything() throws {
        let store = try CanvassStore(path: dir.appendingPathComponent("i.db").path)
        try store.storeQuestionnaire(QuestionnaireLoader.load(text: Self.source).questionnaire!, source: Self.source, format: "yaml")
        var (summary, reported) = try run([line("a", "3"), "", line("b", "0"), "{", line("a", "4")], into: store)
        XCTAssertFalse(summary.kept)
        XCTAssertEqual(summary.errors, 3)
        XCTAssertEqual(reported.map { String($0.prefix(2)) }, ["3:", "4:", "5:"])
        XCTAssertTrue(reported[2].contains("key a appears twice"), reported[2])
        XCTAssertEqual(try store.interviews().count, 0)
        (summary, reported) = try run([line("a", "3"), line("b", "5")], into: store)
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(reported, [])
        let a = try XCTUnwrap(try store.interviews().first)
        XCTAssertEqual(try store.answers(interview: a.id), ["staff": .value("3"), "double": .value("6")])
        // the same file again changes nothing: the same keys, the same revisions
        (summary, reported) = try run([line("a", "3"), line("b", "5")], into: store)
        XCTAssertEqual(summary.errors, 0)
        XCTAssertEqual(summary.unchanged, 2)
        XCTAssertEqual(try store.interviews().count, 2)
        // a hand-made line for the same key with other answers and no revision: which is newer cannot be told, so
        // both are kept as a conflict, never a second interview and never one silently over the other
        (summary, reported) = try run([line("a", "4")], into: store)
        XCTAssertEqual(summary.conflicts, 1, "\(reported)")
        XCTAssertEqual(try store.interviews().count, 2)
        XCTAssertEqual(try store.conflictingVersions(interview: a.id).count, 1)
    }

    func test_a_missing_file_or_questionnaire_is_named() throws {
        let store = try CanvassStore(path: dir.appendingPathComponent("m.db").path)
        XCTAssertThrowsError(try JSONLinesImport(file: "/nonexistent.jsonl", into: store, now: "") { _, _ in }.run()) {
            XCTAssertEqual(($0 as? ImportError)?.message, "/nonexistent.jsonl: no such file")
        }
        let (summary, reported) = try run([line("a", "3")], into: store)
        XCTAssertEqual(summary.errors, 1)
        XCTAssertTrue(reported[0].contains("questionnaire t version 1 is not in"), reported[0])
    }
}
