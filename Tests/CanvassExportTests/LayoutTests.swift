import CanvassCore
import XCTest

@testable import CanvassExport

/// The layouts every export writes, on plain values: long rows, audit rows, paradata, codebook, stats syntax, transcripts.
final class LayoutTests: XCTestCase {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: t
            version: "1"
            languages: [en, ko]
            sections:
              - name: s
                title: {en: Firm, ko: 기업}
                questions:
                  - {name: firm_name, type: text, identifier: true, label: {en: Name, ko: 이름}}
                  - {name: sector, type: select_one, choices: [{code: ai, label: {en: AI, ko: 인공지능}}, {code: car, label: {en: Cars, ko: 자동차}}], label: {en: Sector, ko: 분야}}
                  - {name: areas, type: select_multiple, choices: [{code: csl, label: {en: CSL, ko: 사이버}}, {code: tbt, label: {en: TBT, ko: 무역}}], label: {en: Areas, ko: 영역}}
                  - {name: staff, type: integer, label: {en: Staff, ko: 직원}, relevant: "${sector} = 'ai'"}
              - name: people
                title: {en: People, ko: 사람}
                repeat: true
                questions:
                  - {name: pname, type: text, identifier: true, label: {en: Name of person, ko: 이름}}
                  - {name: role, type: text, label: {en: "Role of ${pname}", ko: "${pname} 역할"}}
            """
    ).questionnaire!

    static let record = InterviewRecord(
        id: 7, key: "key-7", questionnaireVersionRowID: 1, questionnaire: "t", version: "1", respondent: "ACME", interviewer: "kim",
        language: "en", status: .completed, startedAt: "2018-07-02T10:00:00+09:00", updatedAt: "2018-07-02T11:00:00+09:00",
        completedAt: "2018-07-02T11:00:00+09:00")

    static let answers: [String: Answer] = [
        "firm_name": .value("ACME Ltd"), "sector": .value("car"), "areas": .value("csl tbt"), "staff": .value("12"),
        "people[1]/pname": .value("Kim"), "people[1]/role": .value("lead"), "people[2]": .value("no"),
    ]

    func test_long_rows_list_asked_answers_in_order_with_labels_and_paths() {
        let rows = LongLayout(includeIdentifiers: false, language: "ko", pseudonym: nil)
            .rows(InterviewData(record: Self.record, answers: Self.answers), questionnaire: Self.q)
        // staff is no longer asked (sector is car), names are identifiers
        XCTAssertEqual(rows.map { $0[3] }, ["sector", "areas", "people[1]/role"])
        XCTAssertEqual(rows[1], ["7", "key-7", "1", "areas", "csl tbt", "사이버; 무역", ""])
        let specials = LongLayout(includeIdentifiers: true, language: nil, pseudonym: { _ in "p1" })
            .rows(InterviewData(record: Self.record, answers: ["sector": .special(.refused), "areas": .skipped]), questionnaire: Self.q)
        XCTAssertEqual(specials.map { Array($0[4...]) }, [["-99", "refused", "rf"], ["", "", "skip"]])
        XCTAssertEqual(specials[0][0], "p1")
    }

    func test_audit_rows_mask_identifier_values_unless_asked() {
        let e = AuditEvent(interviewID: 7, kind: .answer, question: "people[1]/pname", old: nil, new: "Kim", actor: "kim", at: "t1")
        XCTAssertEqual(AuditLayout(includeIdentifiers: false).row(e, interview: Self.record, questionnaire: Self.q)[7...8], ["***", "***"])
        XCTAssertEqual(AuditLayout(includeIdentifiers: true).row(e, interview: Self.record, questionnaire: Self.q)[8], "Kim")
        let status = AuditEvent(interviewID: 7, kind: .status, old: "open", new: "completed", at: "t2")
        XCTAssertEqual(
            AuditLayout(includeIdentifiers: false).row(status, interview: Self.record, questionnaire: Self.q)[5...8],
            ["status", "", "open", "completed"])
    }

    func test_paradata_sums_instances_and_interviews() {
        var p = ParadataLayout()
        XCTAssertEqual(p.answer(Self.record, question: "sector", seconds: 2.5, at: "a")[6], "2.5")
        _ = p.answer(Self.record, question: "people[1]/pname", seconds: 4, at: "b")
        _ = p.answer(Self.record, question: "people[1]/role", seconds: 1.25, at: "c")
        _ = p.answer(Self.record, question: "people[2]", seconds: 1, at: "d")  // "Add another?" belongs to no new instance
        let summary = p.summary([7: Self.record])
        XCTAssertEqual(summary.map { $0[0] }, ["instance", "interview"])
        XCTAssertEqual(summary[0], ["instance", "7", "key-7/people[1]", "1", "kim", "people[1]", "5.25", "c", "2"])
        XCTAssertEqual(summary[1][6], "8.75")
        XCTAssertEqual(summary[1][8], "4")
    }

    func test_codebook_lists_every_column_with_its_labels_and_repeat() {
        let rows = Codebook.rows(Self.q, languages: Self.q.languages)
        XCTAssertEqual(rows.map { $0[0] }, ["firm_name", "sector", "areas", "areas/csl", "areas/tbt", "staff", "pname", "role"])
        XCTAssertEqual(rows[1][5], "ai=[en] AI | [ko] 인공지능; car=[en] Cars | [ko] 자동차")
        XCTAssertEqual(rows[0][10...11], ["yes", "no (--include-identifiers)"])
        XCTAssertEqual(rows[6][2], "people (repeat people)")
        XCTAssertEqual(rows[5][7], "${sector} = 'ai'")
        XCTAssertTrue(Codebook.markdown(Self.q, languages: ["en"]).contains("| `areas/csl` |"))
    }

    func test_stats_syntax_labels_every_variable_in_each_package() {
        let versions = QuestionnaireVersions(id: "t", versions: [.init(row: 1, questionnaire: Self.q)])
        let tables = StatsSyntax.tables(versions, includeIdentifiers: false)
        XCTAssertEqual(tables.map(\.csvName), ["t.csv", "t-people.csv"])
        let layout = tables[0].layout
        XCTAssertFalse(layout.header.contains("firm_name"))
        let names = StatsSyntax.names(layout.header)
        XCTAssertTrue(names.contains("areas_csl"), "\(names)")
        for package in StatsSyntax.Package.allCases {
            let columns = layout.typedColumns(versions.all, language: "en")
            let text = StatsSyntax.file(
                package, csvName: "t.csv", columns: columns, widths: columns.map { _ in 8 }, breaks: [], questionnaire: Self.q)
            XCTAssertTrue(text.contains("t.csv"), package.rawValue)
            // Stata labels numbers only: the text codes of sector stay unlabelled there
            XCTAssertTrue(text.contains(package == .stata ? "label variable sector `\"Sector\"'" : "Cars"), package.rawValue + text)
        }
        XCTAssertEqual(StatsSyntax.Package.allCases.map(\.fileExtension), ["do", "sps", "R"])
    }

    /// One conversion: numbers, dates, timestamps and dk/rf typed, each keeping the CSV's text.
    func test_typed_cells_keep_the_csv_text_and_type_numbers_dates_and_specials() {
        let versions = QuestionnaireVersions(id: "t", versions: [.init(row: 1, questionnaire: Self.q)])
        let layout = StatsSyntax.tables(versions, includeIdentifiers: false)[0].layout
        let columns = layout.typedColumns(versions.all, language: "en")
        let data = ExportedInterview(InterviewData(record: Self.record, answers: Self.answers))
        let row = layout.typedRow(data, questionnaire: Self.q)
        XCTAssertEqual(row.map(\.text), layout.row(data, questionnaire: Self.q))
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(layout.header, row))["staff"], .empty)  // not asked: sector is car
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(layout.header, row))["areas/csl"], .number(1, "1"))
        XCTAssertEqual(row[0], .number(7, "7"))
        XCTAssertEqual(
            Dictionary(uniqueKeysWithValues: zip(layout.header, row))["started_at"], .dateTime(1_530_525_600, "2018-07-02T10:00:00+09:00"))
        let special = layout.typedRow(
            ExportedInterview(InterviewData(record: Self.record, answers: ["sector": .special(.dontKnow)])), questionnaire: Self.q)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(layout.header, special))["sector"], .special(.dontKnow, "-98"))
        XCTAssertEqual(columns.first { $0.header == "started_at" }?.kind, .dateTime)
        XCTAssertEqual(columns.first { $0.header == "sector" }?.valueLabels.first?.label, "AI")
    }

    /// Stata: no macro can expand and no quote can close a label early; R: any text is one string literal.
    func test_syntax_strings_cannot_run_label_text() {
        XCTAssertEqual(StatsSyntax.stataString("It's $x, ${y} and `z' \\"), #"`"It's \$x, \${y} and \`z' \"'"#)
        XCTAssertEqual(StatsSyntax.stataString("a\"'b\nc"), #"`"a" 'b c"'"#)
        XCTAssertEqual(StatsSyntax.rString(#"Yes"); system('touch x'); \"#), #""Yes\"); system('touch x'); \\""#)
        XCTAssertEqual(StatsSyntax.rString("a\nb\u{7}"), #""a\nb\u{7}""#)
        XCTAssertEqual(StatsSyntax.spssString("say \"hi\"\n", bytes: 120), #""say ""hi"" ""#)
    }

    func test_transcript_pipes_labels_and_masks_identifiers() {
        let reading = StoredInterview(Self.q, answers: Self.answers)
        let lines = InterviewTranscript.lines(Self.record, reading, language: "en", includeIdentifiers: false)
        XCTAssertEqual(lines[1], "Respondent: (confidential)   key key-7")
        XCTAssertTrue(lines.contains("   car (Cars)"), "\(lines)")
        XCTAssertTrue(lines.contains("   csl (CSL), tbt (TBT)"))
        XCTAssertTrue(lines.contains("-- People 1 of 1 --"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasSuffix("Role of (confidential)") }, "\(lines)")
        XCTAssertFalse(lines.contains { $0.contains("Kim") || $0.contains("ACME") })
        XCTAssertTrue(
            InterviewTranscript.lines(Self.record, reading, language: "en", includeIdentifiers: true).contains {
                $0.hasSuffix("Role of Kim")
            })
    }
}
