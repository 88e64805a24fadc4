import CanvassCore
import CanvassTestSupport
import XCTest

@testable import CanvassStorage

final class CanvassStoreTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    static let source =
        "questionnaire: demo\nversion: '1'\nsections:\n  - name: s\n    questions:\n      - {name: a, type: integer, label: A}\n      - {name: b, type: text, label: B}\n"
    static let questionnaire = QuestionnaireLoader.load(text: source).questionnaire!

    func test_a_new_database_is_readable_by_its_owner_only() throws {
        _ = try CanvassStore(path: path("new.db"))
        let mode = try FileManager.default.attributesOfItem(atPath: path("new.db"))[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
    }

    func test_answers_are_saved_and_read_back() throws {
        let store = try CanvassStore(path: path("a.db"))
        let stored = try store.storeQuestionnaire(Self.questionnaire, source: Self.source, format: "yaml")
        let id = try store.startInterview(questionnaire: stored, respondent: "Firm", interviewer: "kim", language: nil)
        try store.saveAnswer(interview: id, question: "a", answer: .value("12"))
        try store.saveAnswer(interview: id, question: "b", answer: .special(.refused))
        try store.saveAnswer(interview: id, question: "a", answer: .skipped)
        // a second connection sees every committed answer
        let other = try CanvassStore(path: path("a.db"), create: false)
        XCTAssertEqual(try other.answers(interview: id), ["a": .skipped, "b": .special(.refused)])
        try store.completeInterview(id)
        XCTAssertEqual(try other.interview(id)?.status, .completed)
    }

    func test_a_changed_questionnaire_with_the_same_version_is_refused() throws {
        let store = try CanvassStore(path: path("v.db"))
        try store.storeQuestionnaire(Self.questionnaire, source: Self.source, format: "yaml")
        XCTAssertNoThrow(try store.storeQuestionnaire(Self.questionnaire, source: Self.source, format: "yaml"))
        XCTAssertThrowsError(try store.storeQuestionnaire(Self.questionnaire, source: Self.source + "# changed\n", format: "yaml")) {
            XCTAssertTrue(($0 as! StorageError).message.contains("different content"))
        }
    }

    func assertRefusedAndUnchanged(_ name: String, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let p = path(name)
        XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data(bytes)))
        XCTAssertThrowsError(try CanvassStore(path: p), file: file, line: line)
        XCTAssertEqual([UInt8](FileManager.default.contents(atPath: p)!), bytes, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: p + "-wal"), file: file, line: line)
    }

    func test_a_file_that_is_not_sqlite_is_refused_and_unchanged() throws {
        try assertRefusedAndUnchanged("text.db", Array("name,answer\nkim,1\n".utf8))
        try assertRefusedAndUnchanged("short.db", Array("SQLite format 3\0".utf8))
    }

    func test_another_programs_database_is_refused_and_unchanged() throws {
        let p = path("other.db")
        XCTAssertEqual(try sqlite3(p, "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x');").status, 0)
        let before = FileManager.default.contents(atPath: p)!
        XCTAssertThrowsError(try CanvassStore(path: p)) { XCTAssertTrue(($0 as! StorageError).message.contains("another program")) }
        XCTAssertEqual(FileManager.default.contents(atPath: p), before)
    }

    func test_a_truncated_canvass_database_is_refused_and_unchanged() throws {
        let p = path("t.db")
        do {
            let store = try CanvassStore(path: p)
            let stored = try store.storeQuestionnaire(
                Self.questionnaire, source: Self.source + String(repeating: "# pad\n", count: 2000), format: "yaml")
            _ = try store.startInterview(questionnaire: stored, respondent: "r", interviewer: "i", language: nil)
        }
        let full = FileManager.default.contents(atPath: p)!
        XCTAssertGreaterThan(full.count, 8192)
        try assertRefusedAndUnchanged("t2.db", [UInt8](full.prefix(full.count / 2)))
    }

    func test_import_is_all_or_nothing() throws {
        let store = try CanvassStore(path: path("i.db"))
        let stored = try store.storeQuestionnaire(Self.questionnaire, source: Self.source, format: "yaml")
        func item(_ key: String) -> InterviewRecord {
            InterviewRecord(
                key: key, questionnaireVersionRowID: stored.rowID, questionnaire: "demo", version: "1", respondent: "r", interviewer: "i",
                language: nil, status: .completed, startedAt: "2018-01-01", updatedAt: "2018-01-01", completedAt: "2018-01-01")
        }
        let rows = AnswerRow.rows(["a": .value("1")])
        let kept = try store.importInterviews { insert in
            _ = try insert(item("k1"), rows, RevisionHistory())
            _ = try insert(item("k2"), rows, RevisionHistory())
            return false
        }
        XCTAssertFalse(kept)
        XCTAssertEqual(try store.interviews().count, 0)
        XCTAssertThrowsError(
            try store.importInterviews { insert in
                _ = try insert(item("k1"), rows, RevisionHistory())
                _ = try insert(item("k1"), rows, RevisionHistory())
                return true
            }
        ) { XCTAssertEqual(($0 as? StorageError)?.kind, .duplicateKey) }
        XCTAssertEqual(try store.interviews().count, 0)
        XCTAssertTrue(
            try store.importInterviews { insert in
                _ = try insert(item("k1"), rows, RevisionHistory())
                return true
            })
        var seen: [Int] = []
        try store.forEachInterview(questionnaire: "demo", includeOpen: false) {
            seen.append($0.record.id)
            XCTAssertEqual($0.answers, ["a": .value("1")])
        }
        XCTAssertEqual(seen.count, 1)
    }
}

/// The writes the console relies on: an answer and the calculations it changes land in one transaction, with
/// their audit events; status changes are refused from the wrong status.
final class InterviewWritesTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-writes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func store() throws -> (CanvassStore, Int) {
        let store = try CanvassStore(path: dir.appendingPathComponent("w.db").path)
        let stored = try store.storeQuestionnaire(CanvassStoreTests.questionnaire, source: CanvassStoreTests.source, format: "yaml")
        return (store, try store.startInterview(questionnaire: stored, respondent: "Firm", interviewer: "kim", language: nil))
    }

    func test_an_answer_and_its_calculations_are_saved_together_and_audited() throws {
        let (store, id) = try store()
        try store.saveAnswers(
            interview: id, [(key: "a", answer: .value("5")), (key: "b", answer: .value("small"))], by: "kim", seconds: 2.5)
        XCTAssertEqual(try store.answers(interview: id), ["a": .value("5"), "b": .value("small")])
        let events = try store.events(interview: id)
        XCTAssertEqual(events.map(\.kind), [.answer, .answer])
        XCTAssertEqual(events.map(\.question), ["a", "b"])
        XCTAssertEqual(events.map(\.actor), ["kim", "kim"])
        // the time belongs to the answer typed, not to the calculation
        var timed: [String: Double] = [:]
        try store.forEachTiming(questionnaire: "demo") { _, question, seconds, _ in timed[question] = seconds }
        XCTAssertEqual(timed, ["a": 2.5])
        // an unchanged answer adds no audit event; a removal does
        try store.saveAnswers(interview: id, [(key: "a", answer: .value("5"))])
        XCTAssertEqual(try store.events(interview: id).count, 2)
        try store.replaceAnswers(interview: id, changes: [(question: "b", answer: nil)], reason: "deleted")
        XCTAssertEqual(try store.answers(interview: id), ["a": .value("5")])
        XCTAssertEqual(try store.events(interview: id).last?.reason, "deleted")
    }

    func test_a_failed_write_keeps_nothing_of_the_transaction() throws {
        let (store, id) = try store()
        // interview 99 does not exist: the whole batch is refused, the answer to interview id included
        XCTAssertThrowsError(try store.saveAnswers(interview: 99, [(key: "a", answer: .value("1"))]))
        XCTAssertEqual(try store.answers(interview: 99), [:])
        XCTAssertEqual(try store.events().count, 0)
        try store.completeInterview(id)
        XCTAssertThrowsError(try store.completeInterview(id)) {
            XCTAssertEqual(($0 as? StorageError)?.message, "interview \(id) is not open")
        }
        try store.reopenInterview(id, reason: "typo", by: "lee")
        XCTAssertEqual(try store.events(interview: id).map(\.kind), [.status, .status])
        XCTAssertEqual(try store.events(interview: id).last?.reason, "typo")
        XCTAssertEqual(try store.interview(id)?.status, .open)
        XCTAssertNil(try store.interview(id)?.completedAt)
    }

    func test_stored_questionnaires_are_parsed_once_and_named_when_missing() throws {
        let (store, id) = try store()
        let v = try store.requireVersions(of: "demo")
        XCTAssertEqual(v.latest.id, "demo")
        XCTAssertNotNil(v.questionnaire(row: try store.requireInterview(id).questionnaireVersionRowID))
        XCTAssertThrowsError(try store.requireVersions(of: "dmeo")) {
            XCTAssertEqual(($0 as? StorageError)?.message.hasSuffix("did you mean demo?"), true)
        }
        XCTAssertThrowsError(try store.requireInterview(42)) {
            XCTAssertTrue(($0 as? StorageError)?.message.contains("see canvass interview list") ?? false)
        }
    }

    func test_db_check_finds_answers_that_break_the_rules_and_audit_disagreements() throws {
        let (store, id) = try store()
        try store.saveAnswer(interview: id, question: "a", answer: .value("12"))
        XCTAssertEqual(try DatabaseChecks.problems(store), [])
        // written behind Canvass's back: a word in an integer, an unknown question, and no audit event for either
        try store.db.execute("UPDATE answer SET value = 'twelve' WHERE question = 'a'")
        try store.db.execute("INSERT INTO answer (interview_id, question, value, answered_at) VALUES (\(id), 'zz', 'x', 'now')")
        XCTAssertEqual(
            try DatabaseChecks.problems(store),
            [
                "interview \(id): a holds 'twelve', which is not a valid answer ('twelve' is not a whole number)",
                "interview \(id): a is 'twelve' but the audit trail last set it to '12'",
                "interview \(id): answer to zz, which is not a question of demo 1",
            ])
    }
}
