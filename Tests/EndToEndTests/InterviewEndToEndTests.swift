import CanvassTestSupport
import Foundation
import XCTest

/// A questionnaire Canvass has never seen, administered by piped input through the real binary.
final class InterviewEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    static let schema = """
        questionnaire: supplier_check
        version: "v3"
        title: {en: Supplier check, ko: 공급업체 점검}
        languages: [en, ko]
        special_answers: {dk: 888, rf: 999}
        choice_lists:
          region: [{code: north, label: {en: North, ko: 북부}}, {code: south, label: {en: South, ko: 남부}}]
        sections:
          - name: who
            title: {en: Supplier, ko: 공급업체}
            questions:
              - {name: supplier, type: text, identifier: true, required: true, label: {en: Supplier name, ko: 업체명}}
              - {name: active, type: yes_no, required: true, special: [], label: {en: Still active?, ko: 운영 중?}}
          - name: detail
            title: {en: Details, ko: 세부}
            relevant: "${active} = 'yes'"
            questions:
              - {name: staff, type: integer, label: {en: Staff, ko: 직원 수}, constraint: ". > 0 and . < 1000", constraint_message: {en: 1 to 999, ko: 1에서 999}}
              - {name: regions, type: select_multiple, choices: region, label: {en: Regions, ko: 지역}}
              - {name: north_share, type: decimal, relevant: "selected(${regions}, 'north')", label: {en: Share in the north, ko: 북부 비중}}
              - {name: rating, type: scale, min: 1, max: 4, label: {en: Rating, ko: 평가}, special: [dk]}
              - {name: since, type: date, label: {en: Supplier since, ko: 거래 시작일}}
              - {name: story, type: long_text, label: {en: Notes, ko: 메모}}
        """

    func test_piped_interview_gives_the_expected_csv_with_skip_logic_specials_and_no_identifiers() throws {
        let file = try h.write("supplier.yaml", Self.schema)
        // supplier, active, staff (bad then good), regions, rating (bad, then dk), since, story (2 lines), complete
        let answers = [
            "Acme = Secret Ltd", "y", "0", "12", "2", "7", ":dk", "2019-03-01", "first line, with comma", "second \"line\"", ".", "y",
        ]
        var r = try h.run(
            ["interview", "new", file, "--respondent", "Acme", "--interviewer", "lee", "--lang", "ko", "--db", h.db],
            input: answers.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("인터뷰 1 시작"), r.out)  // the console's words in the interview's language too
        XCTAssertTrue(r.out.contains("! 1에서 999"), r.out)  // constraint message in the interview language
        XCTAssertTrue(r.out.contains("! 1에서 4 사이의 정수를 입력하세요"), r.out)
        XCTAssertFalse(r.out.contains("north_share"))  // skipped: north not chosen
        XCTAssertTrue(r.out.contains("인터뷰 1 완료."))

        // a second supplier, no longer active: the details section is skipped entirely
        r = try h.run(["interview", "new", file, "--respondent", "Bolt", "--interviewer", "lee", "--db", h.db], input: "Bolt Inc\nn\ny\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.out.contains("Staff"))

        r = try h.run(["export", "csv", "supplier_check", "--db", h.db, "--out", h.path("out.csv")])
        XCTAssertEqual(r.status, 0, r.err)
        let rows = parseCSV(try h.read("out.csv"))
        XCTAssertEqual(
            rows[0],
            [
                "interview_id", "KEY", "version", "interviewer", "started_at", "completed_at", "active", "staff", "regions",
                "regions/north", "regions/south", "north_share", "rating", "since", "story",
            ])
        XCTAssertEqual(rows.count, 3)
        func cells(_ row: [String]) -> [String] { [row[0], row[2], row[3]] + Array(row[6...]) }
        XCTAssertEqual(
            cells(rows[1]),
            ["1", "v3", "lee", "yes", "12", "south", "0", "1", "", "888", "2019-03-01", "first line, with comma\nsecond \"line\""])
        XCTAssertEqual(cells(rows[2]), ["2", "v3", "lee", "no", "", "", "", "", "", "", "", ""])
        XCTAssertFalse(try h.read("out.csv").contains("Acme"))
        XCTAssertFalse(try h.read("out.csv").contains("Secret"))

        r = try h.run(["export", "csv", "supplier_check", "--db", h.db, "--include-identifiers"])
        XCTAssertTrue(r.out.contains("Acme = Secret Ltd"))
        XCTAssertEqual(parseCSV(r.out)[0][3], "respondent")
    }

    func test_sigkill_after_n_answers_loses_none_and_resume_continues() throws {
        let file = try h.write("supplier.yaml", Self.schema)
        let child = try ChildProcess(["interview", "new", file, "--respondent", "K", "--interviewer", "kim", "--db", h.db], cwd: h.dir)
        let answers = ["Killed Co", "y", "40", "1 2", "0.25"]
        for (n, a) in answers.enumerated() {
            XCTAssertTrue(child.waitForPrompts(n + 1), "prompt \(n + 1) did not appear")
            XCTAssertEqual(child.prompts, n + 1)
            child.send(a)
        }
        // the prompt after the last answer means it was committed; kill without warning
        XCTAssertTrue(child.waitForPrompts(answers.count + 1))
        child.child.signal(SIGKILL)
        XCTAssertEqual(child.child.wait(), .signalled(SIGKILL))

        var r = try h.run(["interview", "list", "--db", h.db])
        XCTAssertTrue(r.out.contains("open"), r.out)
        // interview 1's row: open, with the 5 answers accepted before the kill
        let row = r.out.split(separator: "\n").first { $0.hasPrefix("1 ") }?.split(separator: " ").map(String.init) ?? []
        XCTAssertEqual(row.count, 8, r.out)
        XCTAssertEqual(row.dropFirst(3).first, "open", r.out)
        XCTAssertEqual(row.dropFirst(5).first, "5", r.out)
        r = try h.run(["interview", "resume", "1", "--db", h.db], input: "3\n2020-01-31\n\ny\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("5 answers so far"), r.out)
        XCTAssertTrue(r.out.contains("rating"))
        XCTAssertFalse(r.out.contains("staff"))
        r = try h.run(["export", "jsonl", "supplier_check", "--db", h.db, "--include-identifiers"])
        XCTAssertTrue(
            r.out.contains(
                "\"supplier\":\"Killed Co\",\"active\":\"yes\",\"staff\":40,\"regions\":[\"north\",\"south\"],\"north_share\":0.25,\"rating\":3"
            ), r.out)
        XCTAssertEqual(try sqlite3(h.db, "PRAGMA integrity_check").out, "ok\n")
    }

    /// The binary's whole conversation in Korean: the session's first and last sentences, refusals, help, pause and
    /// resume. Latin letters left are the questionnaire's names and codes, commands, paths and what was typed.
    func test_an_interview_in_korean_shows_no_english_console_text() throws {
        let file = try h.write("supplier.yaml", Self.schema)
        let first = ["", "Q Ltd", ":help", "maybe", ":dk", "예", "abc", "0", "5", ":quit"]
        let r1 = try h.run(
            ["interview", "new", file, "--respondent", "Q", "--interviewer", "kim", "--lang", "ko", "--db", h.db],
            input: first.joined(separator: "\n") + "\n")
        let rest = ["north, sooth", "north", "0.5", "7", "3", "2020-02-30", "2020-02-28", "끝", ".", "예"]
        let r2 = try h.run(["interview", "resume", "1", "--db", h.db], input: rest.joined(separator: "\n") + "\n")
        XCTAssertEqual([r1.status, r2.status], [0, 0], r1.err + r2.err)
        let allowed = Set(
            (first + rest + [h.db, file]).flatMap { $0.split { !($0.isASCII && ($0.isLetter || $0 == "_")) }.map(String.init) }
                + [
                    "supplier_check", "v3", "supplier", "active", "staff", "regions", "north_share", "rating", "since", "story", "north",
                    "south", "YYYY", "MM", "DD", "Enter", "Ctrl", "C", "canvass", "interview", "resume", "db", "L", "y", "n", "dk", "rf",
                    "en", "ko", "help", "v",
                ])
        var english: [String] = []
        for line in (r1.out + r2.out).split(separator: "\n") where !line.hasPrefix("> ") {
            let words = line.split { !($0.isASCII && ($0.isLetter || $0 == "_" || $0 == ":")) }
            for w in words.map({ String($0.reversed().drop { $0 == ":" }.reversed()) })
            where !w.hasPrefix(":") && !w.isEmpty && !allowed.contains(w) {
                english.append("\(w) in: \(line)")
            }
        }
        XCTAssertEqual(english, [], r1.out + r2.out)
        for said in [
            "인터뷰 1 시작", "명령 (어느 질문에서나 입력)", "! supplier은(는) 필수 질문입니다", "예 또는 아니오로 답하세요", "받지 않습니다",
            "정수가 아닙니다", "! 1에서 999", "인터뷰 1 일시 중지. 이어서 하려면: canvass interview resume 1", "인터뷰 1 재개", "지금까지 답 3개",
            "선택지에 없습니다", "(south을(를) 뜻했나요?)", "2020년 2월은 29일까지", "인터뷰 1 완료.",
        ] {
            XCTAssertTrue((r1.out + r2.out).contains(said), said + "\n" + r1.out + r2.out)
        }
    }

    func test_quit_and_end_of_input_pause_with_resume_instructions() throws {
        let file = try h.write("supplier.yaml", Self.schema)
        let r = try h.run(["interview", "new", file, "--respondent", "Q", "--interviewer", "kim", "--db", h.db], input: "Q Ltd\n:quit\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.out.contains("paused; resume with: canvass interview resume 1"))
        let again = try h.run(["interview", "resume", "1", "--db", h.db], input: "")
        XCTAssertTrue(again.out.contains(", 1 answer so far)"), again.out)
    }

    func test_interview_refuses_a_broken_questionnaire_and_a_wrong_language() throws {
        let bad = try h.write(
            "bad.yaml", "questionnaire: x\nversion: '1'\nsections:\n  - name: s\n    questions:\n      - {name: q, type: nope, label: Q}\n")
        var r = try h.run(["interview", "new", bad, "--respondent", "R", "--interviewer", "I", "--db", h.db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("bad.yaml:6:25: error: unknown type 'nope'"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.db))
        let good = try h.write("supplier.yaml", Self.schema)
        r = try h.run(["interview", "new", good, "--respondent", "R", "--interviewer", "I", "--lang", "fr", "--db", h.db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("language 'fr' is not one of supplier_check's languages (en, ko)"), r.err)
    }
}

final class InterviewerCommandsEndToEndTests: XCTestCase {
    func test_ctrl_c_mid_interview_pauses_and_resume_loses_nothing() throws {
        let h = try Harness()
        defer { h.remove() }
        let file = try h.write("supplier.yaml", InterviewEndToEndTests.schema)
        let child = try ChildProcess(
            ["interview", "new", file, "--respondent", "S", "--interviewer", "kim", "--db", h.db], cwd: h.dir)
        XCTAssertTrue(child.waitForPrompts(1))
        child.send("Sig Ltd")
        XCTAssertTrue(child.waitForPrompts(2))
        child.send("y")
        XCTAssertTrue(child.waitForPrompts(3))
        child.child.signal(SIGINT)
        XCTAssertEqual(child.child.wait(), .exited(0))
        XCTAssertTrue(child.text.contains("Interview 1 paused"))
        let r = try h.run(["interview", "resume", "1", "--db", h.db], input: "")
        XCTAssertTrue(r.out.contains("2 answers so far"), r.out)
    }

    func test_changes_and_notes_are_in_the_audit_log_with_identifiers_masked() throws {
        let h = try Harness()
        defer { h.remove() }
        let file = try h.write("supplier.yaml", InterviewEndToEndTests.schema)
        let input = ["Acme", "y", "12", ":note counted twice", ":back", "14", "", ":quit"].joined(separator: "\n") + "\n"
        XCTAssertEqual(
            try h.run(["interview", "new", file, "--respondent", "A", "--interviewer", "kim", "--db", h.db], input: input).status, 0)
        let log = try h.run(["interview", "log", "1", "--db", h.db]).out
        XCTAssertTrue(log.range(of: #"answer\s+staff"#, options: .regularExpression) != nil, log)
        XCTAssertTrue(log.range(of: #"answer\s+staff\s+12\s+14"#, options: .regularExpression) != nil, log)
        XCTAssertTrue(log.range(of: #"note\s+regions\s+counted twice"#, options: .regularExpression) != nil, log)
        XCTAssertFalse(log.contains("Acme"))
        let audit = parseCSV(try h.run(["export", "audit", "supplier_check", "--db", h.db]).out)
        XCTAssertEqual(audit[0], ["interview_id", "KEY", "version", "at", "actor", "kind", "question", "old_value", "new_value", "reason"])
        XCTAssertEqual(audit.first { $0[6] == "supplier" }?[8], "***")
        XCTAssertEqual(try h.run(["db", "check", "--db", h.db]).status, 0)
        let shown = try h.run(["interview", "show", "1", "--lang", "ko", "--db", h.db]).out
        XCTAssertTrue(shown.contains("직원 수") && shown.contains("14"), shown)
        XCTAssertFalse(shown.contains("Acme"))
    }
}

final class VersionsEndToEndTests: XCTestCase {
    func test_edit_keeps_completed_with_a_reason_and_versions_export_together_unless_a_type_changed() throws {
        let h = try Harness()
        defer { h.remove() }
        let v1 = try h.write("v1.yaml", InterviewEndToEndTests.schema)
        let input = "S1\ny\n12\n1\n0.5\n3\n2019-01-01\n\ny\n"
        XCTAssertEqual(
            try h.run(["interview", "new", v1, "--respondent", "a", "--interviewer", "kim", "--db", h.db], input: input).status, 0)
        var r = try h.run(
            ["interview", "edit", "1", "--reason", "staff recounted", "--db", h.db], input: "\n\n:jump staff\n15\n\n\n\n\n\ny\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Interview 1 edited; it stays completed."), r.out)
        XCTAssertTrue(try h.run(["interview", "log", "1", "--db", h.db]).out.contains("staff recounted"))
        // version v4 adds a question: one export, the union of the columns, version telling them apart
        let v4 = try h.write(
            "v4.yaml",
            InterviewEndToEndTests.schema.replacingOccurrences(of: "version: \"v3\"", with: "version: \"v4\"")
                .replacingOccurrences(
                    of: "      - {name: since,",
                    with: "      - {name: audited, type: yes_no, label: {en: Audited?, ko: 감사?}}\n      - {name: since,"))
        XCTAssertEqual(
            try h.run(["interview", "new", v4, "--respondent", "b", "--interviewer", "kim", "--db", h.db], input: "S2\nn\ny\n").status, 0)
        let rows = parseCSV(try h.run(["export", "csv", "supplier_check", "--db", h.db]).out)
        XCTAssertTrue(rows[0].contains("audited"))
        XCTAssertEqual(rows.dropFirst().map { $0[2] }, ["v3", "v4"])
        XCTAssertEqual(rows[1][rows[0].firstIndex(of: "staff")!], "15")
        // version v5 turns staff into text: refused, naming the question
        let v5 = try h.write(
            "v5.yaml",
            InterviewEndToEndTests.schema.replacingOccurrences(of: "version: \"v3\"", with: "version: \"v5\"")
                .replacingOccurrences(of: "{name: staff, type: integer", with: "{name: staff, type: select_one, choices: region"))
        XCTAssertEqual(try h.run(["schema", "add", v5, "--db", h.db]).status, 0)
        r = try h.run(["export", "csv", "supplier_check", "--db", h.db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("question staff is integer in version v4 but select_one in version v5"), r.err)
        let diff = try h.run(["schema", "diff", v1, v5])
        XCTAssertTrue(diff.out.contains("~ staff: type \"integer\" -> \"select_one\""), diff.out)
    }
}

final class ParadataEndToEndTests: XCTestCase {
    func test_each_answer_has_its_seconds_and_each_interview_a_total() throws {
        let h = try Harness()
        defer { h.remove() }
        let file = try h.write("supplier.yaml", InterviewEndToEndTests.schema)
        XCTAssertEqual(
            try h.run(["interview", "new", file, "--respondent", "a", "--interviewer", "kim", "--db", h.db], input: "S\ny\n12\n:quit\n")
                .status, 0)
        let rows = parseCSV(try h.run(["export", "paradata", "supplier_check", "--db", h.db]).out)
        XCTAssertEqual(
            rows[0], ["level", "interview_id", "KEY", "version", "interviewer", "question", "seconds", "answered_at", "answers"])
        XCTAssertEqual(Set(rows.filter { $0[0] == "answer" }.map { $0[5] }), ["supplier", "active", "staff"])
        XCTAssertTrue(rows.filter { $0[0] == "answer" }.allSatisfy { (Double($0[6]) ?? -1) >= 0 })
        XCTAssertEqual(rows.first { $0[0] == "interview" }?[8], "3")
    }
}

final class NotesRoundTripEndToEndTests: XCTestCase {
    func test_notes_and_special_answers_survive_export_and_import() throws {
        let h = try Harness()
        defer { h.remove() }
        let file = try h.write("supplier.yaml", InterviewEndToEndTests.schema)
        let input =
            ["Acme", "y", ":note owner answered, not the manager", "12", "1", "0.5", ":dk", "", "", "y"].joined(separator: "\n") + "\n"
        XCTAssertEqual(
            try h.run(["interview", "new", file, "--respondent", "A", "--interviewer", "kim", "--db", h.db], input: input).status, 0)
        let exported = try h.run(["export", "jsonl", "supplier_check", "--include-identifiers", "--db", h.db]).out
        XCTAssertTrue(
            exported.contains("\"notes\":[{\"question\":\"staff\",\"text\":\"owner answered, not the manager\",\"by\":\"kim\""), exported)
        XCTAssertTrue(exported.contains("\"rating\":{\"special\":\"dk\"}"))
        let other = h.path("other.db")
        XCTAssertEqual(try h.run(["schema", "add", file, "--db", other]).status, 0)
        let r = try h.run(["import", try h.write("rt.jsonl", exported), "--db", other])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try h.run(["export", "jsonl", "supplier_check", "--include-identifiers", "--db", other]).out, exported)
        XCTAssertTrue(try h.run(["interview", "log", "1", "--db", other]).out.contains("owner answered, not the manager"))
    }
}

/// Editing a completed interview never hides it: stopped half-way it stays completed, in every table and export, each
/// change kept with the edit's reason and the editor's name; the sessions are in the audit trail.
final class InterviewEditEndToEndTests: XCTestCase {
    func test_an_interrupted_edit_keeps_the_interview_in_tables_and_exports() throws {
        let h = try Harness()
        defer { h.remove() }
        try h.loadStudy()
        let before = try h.run(["tab", "freq", "firm_case", "nationality", "--csv", "--db", h.db]).out
        XCTAssertTrue(before.contains("nationality,nationality,,,,,,base,56"), before)
        // keep consent, firm name and e-mail, change the nationality, then the input ends (as Ctrl-C or a closed laptop would)
        let edit = try h.run(
            ["interview", "edit", "1", "--reason", "nationality misheard", "--interviewer", "lee", "--db", h.db], input: "\n\n\nkr\n")
        XCTAssertEqual(edit.status, 0, edit.err)
        XCTAssertTrue(edit.out.contains("인터뷰 1 수정 중단; 완료 상태는 그대로"), edit.out)
        XCTAssertEqual(
            try sqlite3(h.db, "SELECT status FROM interview WHERE id = 1").out.trimmingCharacters(in: .whitespacesAndNewlines), "completed")
        let after = try h.run(["tab", "freq", "firm_case", "nationality", "--csv", "--db", h.db]).out
        XCTAssertTrue(after.contains("nationality,nationality,,,,,,base,56"), after)
        XCTAssertTrue(after.contains("nationality,nationality,kr,한국 기업,,,,count,29"), after)  // one more Korean firm
        let export = try h.run(["export", "csv", "firm_case", "--out", h.path("f.csv"), "--db", h.db])
        XCTAssertTrue(export.out.contains("Wrote 58 interviews"), export.out)
        let log = try h.run(["interview", "log", "1", "--db", h.db]).out
        XCTAssertTrue(log.range(of: #"lee\s+session\s+edit\s+nationality misheard"#, options: .regularExpression) != nil, log)
        XCTAssertTrue(
            log.range(of: #"lee\s+answer\s+nationality\s+cn\s+kr\s+nationality misheard"#, options: .regularExpression) != nil, log)
        XCTAssertTrue(log.range(of: #"lee\s+session\s+paused"#, options: .regularExpression) != nil, log)
        XCTAssertEqual(try h.run(["db", "check", "--db", h.db]).status, 0)
    }
}

/// Which interview is which: the questionnaire's instance_name in `interview list`, the respondent only when asked.
final class InterviewListEndToEndTests: XCTestCase {
    func test_the_list_names_interviews_and_masks_respondents() throws {
        let h = try Harness()
        defer { h.remove() }
        try h.loadStudy()
        let list = try h.run(["interview", "list", "--questionnaire", "firm_case", "--db", h.db]).out
        XCTAssertTrue(list.split(separator: "\n")[0].contains("name"), list)
        XCTAssertTrue(
            list.range(of: #"1\s+firm_case\s+2018.1\s+completed\s+o2o / beijing / large"#, options: .regularExpression) != nil, list)
        XCTAssertFalse(list.contains("Hanbit Delivery"), list)
        let full = try h.run(["interview", "list", "--include-identifiers", "--db", h.db]).out
        XCTAssertTrue(full.contains("Hanbit Delivery 有限公司"), full)
        let bad = try h.write(
            "bad.yaml",
            "questionnaire: b\nversion: \"1\"\ninstance_name: \"concat(${sectr}, 'x')\"\nsections:\n  - name: s\n    questions:\n      - {name: sector, type: text, label: S}\n"
        )
        let check = try h.run(["schema", "check", bad])
        XCTAssertNotEqual(check.status, 0)
        XCTAssertTrue(
            check.err.contains("bad.yaml:3:16: error: instance_name reads ${sectr}, which is not a question; did you mean ${sector}?"),
            check.err)
    }
}
