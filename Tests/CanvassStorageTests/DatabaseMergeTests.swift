import CSQLite
import CanvassCore
import XCTest

@testable import CanvassStorage

/// The merge rule on plain fingerprints, and merges between real databases.
final class DatabaseMergeTests: XCTestCase {
    func test_fingerprints_ignore_when_an_interview_was_touched_but_not_what_it_says() {
        func data(_ answers: [String: Answer], updated: String = "t1") -> InterviewData {
            InterviewData(
                record: InterviewRecord(
                    key: "k", questionnaire: "q", version: "1", respondent: "r", interviewer: "i", language: nil, status: .completed,
                    startedAt: "s", updatedAt: updated, completedAt: "c"),
                answers: answers)
        }
        XCTAssertEqual(
            InterviewFingerprint.hash(data(["a": .value("1")])), InterviewFingerprint.hash(data(["a": .value("1")], updated: "t2")))
        XCTAssertNotEqual(InterviewFingerprint.hash(data(["a": .value("1")])), InterviewFingerprint.hash(data(["a": .special(.dontKnow)])))
        XCTAssertNotEqual(InterviewFingerprint.hash(data(["a": .skipped])), InterviewFingerprint.hash(data([:])))
    }

    func test_names_are_compared_once_case_spacing_and_width_are_folded() {
        XCTAssertEqual(DatabaseMerge.normalise("ＡＣＭＥ  Ltd"), DatabaseMerge.normalise("acme ltd"))
        XCTAssertNotEqual(DatabaseMerge.normalise("ACME"), DatabaseMerge.normalise("ACNE"))
    }

    func test_a_merge_adds_updates_and_reports_conflicts_between_two_databases() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try CanvassStore(path: dir.appendingPathComponent("a.db").path)
        let b = try CanvassStore(path: dir.appendingPathComponent("b.db").path)
        let q = CanvassStoreTests.questionnaire
        let sa = try a.storeQuestionnaire(q, source: CanvassStoreTests.source, format: "yaml")
        let id = try a.startInterview(questionnaire: sa, respondent: "Firm", interviewer: "kim", language: nil)
        try a.saveAnswer(interview: id, question: "a", answer: .value("1"))
        // b takes a's interview in, then b changes it: merging back takes b's change
        var report = MergeReport()
        try DatabaseMerge.merge(into: b, from: a.path, dryRun: false, report: &report)
        XCTAssertEqual(report.counts, [.added: 1])
        let inB = try b.interviews()[0].id
        try b.saveAnswer(interview: inB, question: "a", answer: .value("2"))
        report = MergeReport()
        try DatabaseMerge.merge(into: a, from: b.path, dryRun: false, report: &report)
        XCTAssertEqual(report.counts, [.updated: 1])
        XCTAssertEqual(try a.answers(interview: id)["a"], .value("2"))
        // both change it: a conflict, both kept, ours shown until it is settled
        try a.saveAnswer(interview: id, question: "b", answer: .value("here"))
        try b.saveAnswer(interview: inB, question: "b", answer: .value("there"))
        report = MergeReport()
        try DatabaseMerge.merge(into: a, from: b.path, dryRun: false, report: &report)
        XCTAssertEqual(report.counts, [.conflict: 1])
        XCTAssertEqual(report.rows.map(\.fields).first?[4...6], ["b", "here", "there"])
        // the winner is the same on both sides once they have met (the higher revision), the other kept
        let shown = try XCTUnwrap(try a.answers(interview: id)["b"]?.value)
        var back = MergeReport()
        try DatabaseMerge.merge(into: b, from: a.path, dryRun: false, report: &back)
        XCTAssertEqual(try b.answers(interview: inB)["b"]?.value, shown)
        XCTAssertEqual(try a.conflicts().count, 1)
        let settled = try DatabaseMerge.resolve(a, interview: id, peer: nil, resolution: .theirs, reason: "their notes", actor: "lee")
        XCTAssertTrue(settled.hasPrefix("took the other version"), settled)
        XCTAssertEqual(try a.answers(interview: id)["b"]?.value, shown == "here" ? "there" : "here")
        XCTAssertEqual(try a.conflicts().count, 0)
        // a value given to settle goes through the answer rule
        XCTAssertThrowsError(
            try DatabaseMerge.resolve(a, interview: id, peer: nil, resolution: .values(["a": "x"]), reason: "r", actor: "lee"))
        XCTAssertEqual(try DatabaseChecks.problems(a), [])
    }
}

/// A database written before revision histories (schema 3): read, merged and brought up to date.
final class OlderDatabaseTests: XCTestCase {
    func test_a_schema_3_database_gets_revisions_and_merges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old.db").path
        do {
            let c = try SQLiteConnection(path: old, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            for sql in Migrations.all.prefix(3) { try c.execute(sql) }
            let source = CanvassStoreTests.source.replacingOccurrences(of: "'", with: "''")
            try c.execute(
                """
                INSERT INTO database_info VALUES ('database_id', 'old-id'), ('created_at', '2018-01-01');
                INSERT INTO questionnaire_version VALUES (1, 'demo', '1', '\(SHA256.hex(CanvassStoreTests.source.utf8))', 'yaml', '\(source)', '2018-01-01');
                INSERT INTO interview VALUES (1, 'k-old', 1, 'Firm', 'kim', NULL, 'completed', '2018-01-01', '2018-01-01', '2018-01-01');
                INSERT INTO answer VALUES (1, 'a', '12', NULL, '2018-01-01', NULL);
                PRAGMA application_id=\(Migrations.applicationID); PRAGMA user_version=3;
                """)
        }
        // a read-only command brings it up to date once, then reads it
        let store = try CanvassStore.forReading(path: old)
        XCTAssertEqual(try store.history(interview: 1).leaves.count, 1)
        XCTAssertEqual(try DatabaseChecks.problems(store), [])
        // and an evening's merge takes it in
        let study = try CanvassStore(path: dir.appendingPathComponent("study.db").path)
        var report = MergeReport()
        try DatabaseMerge.merge(into: study, from: old, dryRun: false, report: &report)
        XCTAssertEqual(report.counts, [.added: 1])
        XCTAssertEqual(try study.answers(interview: 1), ["a": .value("12")])
    }
}
