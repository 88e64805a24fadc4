import CanvassTestSupport
import Foundation
import XCTest

/// A study key in use: no identifier value of the example data is in the database file, its backup, a merged copy or
/// a sync payload (searched as bytes, in any case, and in a full SQL dump), though the data came in by the console,
/// by import and by merge, and the accounts name their firms. The checks still pass, duplicates are still found, and
/// only the study's private key shows the names again.
final class SealingEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    func ok(_ args: [String], input: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try h.run(args, input: input)
        XCTAssertEqual(r.status, 0, args.joined(separator: " ") + ": " + r.err, file: file, line: line)
        return r.out + r.err
    }

    /// Every identifier value of the fixtures and the firm typed at the console, lower-cased.
    func names() throws -> [String] {
        let values = Set(try Harness.fixtureIdentifierValues().map { $0.lowercased() })
            .union(["hanbit vision", "info@hanbit.example", "hanbit ai"])
        // words the questionnaires themselves list (their `redact:` lists: KIEP, KOTRA) are stored with them
        let schemas = try ["firm_case.yaml", "expert_survey.yaml", "expert_meeting.yaml"].map {
            try String(contentsOf: Harness.root.appendingPathComponent("schemas/" + $0), encoding: .utf8).lowercased()
        }.joined()
        return values.filter { !schemas.contains($0) }.sorted()
    }

    func leaks(in file: String, _ names: [String]) throws -> [String] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        let dump = try sqlite3(file, ".dump").out.lowercased()
        return names.filter { text.contains($0) || dump.contains($0) }
    }

    func test_a_sealed_study_keeps_no_name_in_its_files_and_the_private_key_alone_reads_them() throws {
        let key = h.path("study.key")
        let publicKey = try ok(["study", "keygen", "--out", key]).split(separator: "\n")[0]
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int, 0o600)
        let schemas = ["firm_case.yaml", "expert_survey.yaml", "expert_meeting.yaml"].map {
            Harness.root.appendingPathComponent("schemas/" + $0).path
        }
        // a laptop with the key: a console interview whose account names the firm (before and after the name is asked)
        let laptop = h.path("kim.db")
        _ = try ok(["study", "use-key", String(publicKey), "--db", laptop])
        var answers = try String(contentsOf: Harness.root.appendingPathComponent("fixtures/firm_interview_answers.txt"), encoding: .utf8)
        answers = answers.replacingOccurrences(
            of: "Customer data had to stay on servers in China.",
            with: "HANBIT  VISION had to keep customer data in China (Hanbit Vision Co., Ltd. agreed).")
        _ = try ok(["interview", "new", schemas[0], "--respondent", "Hanbit AI", "--interviewer", "kim", "--db", laptop], input: answers)
        // the office database takes the public key from a file, the fixtures by import, the laptop by merge
        try publicKey.write(toFile: h.path("public.txt"), atomically: true, encoding: .utf8)
        _ = try ok(["study", "use-key", h.path("public.txt"), "--db", h.db])
        _ = try ok(["schema", "add"] + schemas + ["--db", h.db])
        for f in ["firm_interviews.jsonl", "expert_survey.jsonl", "expert_meetings.jsonl"] {
            let out = try ok(["import", Harness.root.appendingPathComponent("fixtures/" + f).path, "--db", h.db])
            if f == "firm_interviews.jsonl" {
                XCTAssertTrue(out.contains("likely duplicate"), "the blind index finds the same firm: " + out)
            }
        }
        _ = try ok(["merge", laptop, "--db", h.db])
        // an evening's merge into a new database takes the study key with the data
        let merged = h.path("study.db")
        XCTAssertTrue(try ok(["merge", h.db, "--db", merged]).contains("now seals with study key"))
        _ = try ok(["db", "backup", "--db", h.db, "--out", h.path("backup.db")])
        _ = try ok(["export", "jsonl", "firm_case", "--include-open", "--db", merged, "--out", h.path("payload.jsonl")])

        let names = try names()
        XCTAssertGreaterThan(names.count, 100)
        for file in [laptop, h.db, merged, h.path("backup.db")] {
            XCTAssertEqual(try leaks(in: file, names), [], file)
            XCTAssertTrue(try ok(["db", "check", "--db", file]).contains(": ok"), file)
        }
        let payload = try h.read("payload.jsonl").lowercased()
        XCTAssertEqual(names.filter { payload.contains($0) }, [])

        // identifiers need the private key; a wrong one or a public one gives one clear line
        let refused = try h.run(["export", "csv", "firm_case", "--include-identifiers", "--db", merged])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("are sealed with study key") && !refused.err.contains("\n  "), refused.err)
        _ = try ok(["study", "keygen", "--out", h.path("other.key")])
        for (wrong, says) in [
            (h.path("other.key"), "the key given is"), (h.path("public.txt"), "public key"), (h.path("none.key"), "cannot read"),
        ] {
            let r = try h.run(["interview", "show", "1", "--include-identifiers", "--key", wrong, "--db", merged])
            XCTAssertEqual(r.status, 1)
            XCTAssertTrue(r.err.contains(says) && r.err.split(separator: "\n").count == 1, r.err)
        }
        let opened = try ok([
            "export", "csv", "firm_case", "--include-identifiers", "--include-open", "--no-redact", "--key", key, "--db", merged,
        ])
        XCTAssertTrue(opened.contains("Hanbit Delivery 有限公司") && opened.contains("info@hanbit.example"), opened)
        XCTAssertTrue(opened.contains("HANBIT  VISION had to keep customer data"), "the account as typed comes back with the key")
        let redacted = try ok(["export", "csv", "firm_case", "--include-identifiers", "--include-open", "--key", key, "--db", merged])
        XCTAssertTrue(redacted.contains("[firm_name] had to keep customer data in China ([firm_name] agreed)"), redacted)
        // key rotation (docs/sealing.md): out with the old key, into a database with the new one
        let newKey = h.path("new.key")
        let newPublic = String(try ok(["study", "keygen", "--out", newKey]).split(separator: "\n")[0])
        let rotated = h.path("rotated.db")
        _ = try ok(["study", "use-key", newPublic, "--db", rotated])
        _ = try ok(["schema", "add", schemas[0], "--db", rotated])
        _ = try ok([
            "export", "jsonl", "firm_case", "--include-identifiers", "--include-open", "--key", key, "--db", merged,
            "--out", h.path("clear.jsonl"),
        ])
        _ = try ok(["import", h.path("clear.jsonl"), "--db", rotated])
        XCTAssertEqual(try leaks(in: rotated, names), [])
        XCTAssertTrue(try ok(["db", "check", "--db", rotated]).contains(": ok"))
        let reopened = try ok([
            "export", "csv", "firm_case", "--include-identifiers", "--include-open", "--no-redact", "--key", newKey, "--db", rotated,
        ])
        XCTAssertTrue(reopened.contains("Hanbit Delivery 有限公司") && reopened.contains("HANBIT  VISION had to keep customer data"))
        XCTAssertEqual(try h.run(["interview", "show", "1", "--include-identifiers", "--key", key, "--db", rotated]).status, 1)
        // re-importing the same file changes nothing
        XCTAssertTrue(try ok(["import", h.path("clear.jsonl"), "--db", rotated]).contains("unchanged"))
        // without the key, the laptop shows the account redacted and the name as sealed
        let shown = try ok(["interview", "show", "1", "--lang", "en", "--db", laptop])
        XCTAssertTrue(shown.contains("[firm_name] had to keep customer data"), shown)
        XCTAssertFalse(shown.lowercased().contains("hanbit"), shown)
    }

    func test_a_key_is_set_once_before_the_first_interview() throws {
        let key = h.path("study.key")
        let publicKey = String(try ok(["study", "keygen", "--out", key]).split(separator: "\n")[0])
        XCTAssertEqual(try h.run(["study", "keygen", "--out", key]).status, 1, "a key file is never overwritten")
        try h.loadStudy()
        let r = try h.run(["study", "use-key", publicKey, "--db", h.db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("in clear") && r.err.contains("docs/sealing.md"), r.err)
        XCTAssertEqual(try h.run(["study", "use-key", "not-a-key", "--db", h.path("x.db")]).status, 1)
        // a sealed database merges into a clear one only when that one is empty
        let sealed = h.path("sealed.db")
        _ = try ok(["study", "use-key", publicKey, "--db", sealed])
        _ = try ok(["schema", "add", Harness.root.appendingPathComponent("schemas/expert_survey.yaml").path, "--db", sealed])
        _ = try ok(["import", Harness.root.appendingPathComponent("fixtures/expert_survey.jsonl").path, "--db", sealed])
        let m = try h.run(["merge", sealed, "--db", h.db])
        XCTAssertEqual(m.status, 1)
        XCTAssertTrue(m.err.contains("holds interviews in clear"), m.err)
    }
}
