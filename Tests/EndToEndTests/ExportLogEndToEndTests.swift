import CanvassTestSupport
import Foundation
import XCTest

/// Every export is in the database's export log (who, when, the command with its files, identifiers or not) and in
/// the audit trail of each interview it held, as REDCap logs data exports; tables and failed exports are not.
final class ExportLogEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    func count(_ sql: String) throws -> Int { Int(try sqlite3(h.db, sql).out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }

    func test_each_export_is_an_event_of_the_interviews_it_held() throws {
        try h.loadStudy()
        let completed = try count(
            "SELECT count(*) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id "
                + "WHERE q.questionnaire = 'firm_case' AND i.status = 'completed'")
        let open = try count(
            "SELECT min(i.id) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id "
                + "WHERE q.questionnaire = 'firm_case' AND i.status = 'open'")
        let done = try count(
            "SELECT min(i.id) FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id "
                + "WHERE q.questionnaire = 'firm_case' AND i.status = 'completed'")
        XCTAssertEqual(completed, 58)
        XCTAssertGreaterThan(open, 0)
        // tables are not exports of interviews, and an export that fails is not logged
        XCTAssertEqual(try h.run(["tab", "freq", "firm_case", "sector", "--db", h.db]).status, 0)
        XCTAssertEqual(try h.run(["export", "csv", "no_such", "--db", h.db]).status, 1)
        XCTAssertEqual(try count("SELECT count(*) FROM export_log"), 0)

        let csv = try h.run(["export", "csv", "firm_case", "--out", h.path("firms.csv"), "--db", h.db], environment: ["USER": "kim"])
        XCTAssertEqual(csv.status, 0, csv.err)
        let dta = try h.run(
            ["export", "stata", "firm_case", "--out", h.path("stata"), "--include-identifiers", "--db", h.db], environment: ["USER": "lee"])
        XCTAssertEqual(dta.status, 0, dta.err)
        XCTAssertEqual(try h.run(["export", "audit", "firm_case", "--out", h.path("audit.csv"), "--db", h.db]).status, 0)
        // the CSV and the Stata files held the completed interviews; the audit trail held every one
        XCTAssertEqual(try count("SELECT count(*) FROM export_interview WHERE export_id = 1"), completed)
        XCTAssertEqual(try count("SELECT count(*) FROM export_interview WHERE export_id = 2"), completed)
        XCTAssertEqual(try count("SELECT count(*) FROM export_interview WHERE export_id = 3"), 60)

        let log = try h.run(["interview", "log", String(done), "--db", h.db]).out
        let exports = log.split(separator: "\n").filter { $0.contains(" export ") }
        XCTAssertEqual(exports.count, 3, log)
        XCTAssertTrue(exports[0].contains("kim") && exports[0].contains("export csv firm_case --out \(h.path("firms.csv"))"), log)
        XCTAssertTrue(exports[0].contains("identifiers masked"), log)
        XCTAssertTrue(
            exports[1].contains("lee") && exports[1].contains("export stata firm_case") && exports[1].contains("identifiers included"))
        let openLog = try h.run(["interview", "log", String(open), "--db", h.db]).out
        XCTAssertEqual(openLog.split(separator: "\n").filter { $0.contains(" export ") }.count, 1, "only the audit export: " + openLog)
        let info = try h.run(["db", "info", "--db", h.db]).out
        XCTAssertTrue(info.contains("3 exports logged; the last "), info)
        XCTAssertTrue(info.contains(": canvass export audit firm_case --out"), info)
        // the log stays in this database: a merge does not carry it, and db check finds nothing wrong
        let other = h.path("other.db")
        XCTAssertEqual(try h.run(["merge", h.db, "--db", other]).status, 0)
        XCTAssertEqual(try sqlite3(other, "SELECT count(*) FROM export_log").out, "0\n")
        XCTAssertEqual(try h.run(["db", "check", "--db", h.db]).status, 0)
    }
}
