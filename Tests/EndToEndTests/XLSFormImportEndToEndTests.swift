import CanvassCore
import CanvassTestSupport
import Foundation
import XCTest

/// `schema import`: an XLSForm written by another tool (openpyxl, as Excel or Kobo's form builder would) becomes a
/// questionnaire that checks, takes 200 simulated interviews, and goes back out as an XLSForm that pyxform converts to
/// the same XForm structure as the original, question for question.
final class XLSFormImportEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    /// A form with groups, a counted repeat, cascading choices, two languages, settings, and types and columns a text
    /// prompt cannot carry as they are (metadata, image, geopoint, range, appearance, guidance_hint, media).
    static let makeForm = """
        import openpyxl, sys
        wb = openpyxl.Workbook(); s = wb.active; s.title = "survey"
        for r in [
         ["type","name","label::English (en)","label::Korean (ko)","hint::English (en)","required","relevant","constraint","constraint_message::English (en)","calculation","appearance","choice_filter","repeat_count","default","parameters","guidance_hint","media::image"],
         ["start","start"], ["today","today"],
         ["begin_group","firm","Firm","기업"],
         ["text","firm_name","Firm name","기업명","","yes"],
         ["select_one sector","sector","Sector","분야","","yes"],
         ["select_one province","province","Province","성"],
         ["select_one city","city","City","도시","","","${province} != ''","","","","minimal","province = ${province}"],
         ["integer","employees","Employees","종업원","Full-time","","",". >= 1 and . <= 100000","At least one","","","","","","","ask HR"],
         ["calculate","big","","","","","","","","if(${employees} >= 300, ‘big’, ‘small’)"],
         ["end_group"],
         ["begin_group","concerns","Concerns","애로"],
         ["select_multiple area","areas","Areas","분야들"],
         ["text","account","Account","서술","","","selected(${areas}, 'csl')","","","","multiline"],
         ["range","severity","Severity","심각도","","","","","","","","","","","start=1 end=5 step=1"],
         ["image","photo","Photo of the site","현장 사진","","","","","","","","","","","","","site.jpg"],
         ["geopoint","where","Location","위치"],
         ["end_group"],
         ["integer","n_projects","Projects","프로젝트 수","","","",". >= 0 and . <= 5"],
         ["begin_repeat","project","Project","프로젝트","","","","","","","","","${n_projects}"],
         ["text","title","Title","제목"],
         ["date","started","Started","시작일"],
         ["end_repeat"],
         ["note","thanks","Thank you","감사합니다"],
        ]: s.append(r)
        c = wb.create_sheet("choices")
        c.append(["list_name","name","label::English (en)","label::Korean (ko)","province"])
        for r in [["sector","ai","AI","인공지능"],["sector","o2o","O2O","O2O"],["province","bj","Beijing","베이징"],
                  ["province","gd","Guangdong","광둥"],["city","bj","Beijing","베이징","bj"],["city","sz","Shenzhen","선전","gd"],
                  ["city","gz","Guangzhou","광저우","gd"],["area","csl","Cybersecurity law","사이버보안법"],["area","tbt","Standards","표준"]]:
            c.append(r)
        st = wb.create_sheet("settings")
        st.append(["form_title","form_id","version","default_language","instance_name","public_key"])
        st.append(["Firms","firms",2018,"Korean (ko)","concat(${firm_name}, ' ', ${sector})","MIIB"])
        wb.save(sys.argv[1])
        """

    func requirePeers() throws {
        guard (try? Spawned.run("/usr/bin/env", ["xls2xform", "--help"]).status) == 0 else {
            throw XCTSkip("pyxform's xls2xform is not installed (pip install pyxform; .ci/run installs it)")
        }
        guard (try? Spawned.run("/usr/bin/env", ["python3", "-c", "import openpyxl"]).status) == 0 else {
            throw XCTSkip("openpyxl is not installed (pip install openpyxl; .ci/run installs it)")
        }
    }

    /// The XForm's binds by name: (type, flags R/C/K/Q) as XLSFormEndToEndTests lists them.
    func binds(_ xform: String) throws -> [String: (type: String, flags: String)] {
        let listed = try Spawned.run("/usr/bin/python3", ["-c", XLSFormEndToEndTests.binds, xform])
        XCTAssertEqual(listed.status, 0, listed.err)
        var out: [String: (String, String)] = [:]
        for line in listed.out.split(separator: "\n") {
            let p = line.split(separator: " ").map(String.init)
            if p.first == "bind", p.count == 4 { out[p[1]] = (p[2], p[3]) }
        }
        return out
    }

    func test_an_xlsform_from_another_tool_imports_runs_and_converts_back_to_the_same_xform() throws {
        try requirePeers()
        let form = h.path("firms.xlsx"), yaml = h.path("firms.yaml")
        let made = try Spawned.run("/usr/bin/env", ["python3", "-c", Self.makeForm, form])
        XCTAssertEqual(made.status, 0, made.err)

        var r = try h.run(["schema", "import", form, "--out", yaml])
        XCTAssertEqual(r.status, 0, r.err)
        // what did not come over as it is, once per kind, never silently
        for kind in [
            "23 of 23 survey rows carried over",
            "image questions imported as notes",
            "appearances left out (no meaning at a text prompt): city (minimal)",
            "settings left out (no meaning in Canvass yet): public_key",
        ] {
            XCTAssertTrue(r.out.contains(kind), kind + "\n" + r.out)
        }
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
        XCTAssertTrue(text.contains("languages: [ko, en]") && text.contains("label: {ko: \"기업명\", en: \"Firm name\"}"), text)
        XCTAssertTrue(text.contains("calculation: \"if(${employees} >= 300, 'big', 'small')\""), "curly quotes made straight\n" + text)
        XCTAssertTrue(text.contains("repeat_count: \"${n_projects}\"") && text.contains("type: long_text"), text)
        XCTAssertTrue(text.contains("guidance_hint: {ko: \"ask HR\"}"), text)

        // the same form is usable directly, and its questionnaire takes interviews
        r = try h.run(["schema", "check", form])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("ok: firms 2018, 6 sections, 17 questions"), r.out)
        r = try h.run(["simulate", yaml, "--count", "200", "--seed", "7", "--out", h.path("sim.jsonl")])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["schema", "add", form])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["import", h.path("sim.jsonl")])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Imported 200 interviews"), r.out)

        // back out as an XLSForm: pyxform converts both, and every question carried over has the same bind
        r = try h.run(["schema", "export", yaml, "--xlsform", h.path("back.xlsx")])
        XCTAssertEqual(r.status, 0, r.err)
        for (xlsx, xml) in [(form, "a.xml"), (h.path("back.xlsx"), "b.xml")] {
            let c = try Spawned.run("/usr/bin/env", ["xls2xform", xlsx, h.path(xml)], timeout: 120)
            XCTAssertEqual(c.status, 0, c.out + c.err)
        }
        let original = try binds(h.path("a.xml")), back = try binds(h.path("b.xml"))
        // the same names, types and logic, but for what the import said it changed
        let changed: [String: String] = ["photo": "string"]
        for (name, b) in original where !["meta", "instanceID"].contains(name) {
            guard let other = back[name] else {
                XCTFail("\(name) is in the original XForm but not in the one converted back")
                continue
            }
            if let t = changed[name] {
                XCTAssertEqual(other.type, t, name)
                continue
            }
            XCTAssertEqual(other.type, b.type, name)
            XCTAssertEqual(other.flags, b.flags, name)
        }
    }

    /// The study's questionnaires, YAML -> XLSForm -> YAML: the same questionnaire (schema diff: 0 changes), down to
    /// what only Canvass has (identifiers, dk/rf, scales, soft checks, redact lists, repeat bounds, titles per language).
    func test_the_study_questionnaires_round_trip_through_xlsform_unchanged() throws {
        func plain(_ q: Questionnaire) -> Questionnaire {
            var q = q
            for s in q.sections.indices {
                q.sections[s].location = .start
                for i in q.sections[s].questions.indices { q.sections[s].questions[i].location = .start }
            }
            return q
        }
        for name in ["firm_case", "expert_survey", "expert_meeting"] {
            let yaml = Harness.root.appendingPathComponent("schemas/\(name).yaml").path
            let form = h.path(name + ".xlsx"), back = h.path(name + ".back.yaml")
            var r = try h.run(["schema", "export", yaml, "--xlsform", form])
            XCTAssertEqual(r.status, 0, r.err)
            r = try h.run(["schema", "import", form, "--out", back])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertFalse(r.out.contains("Not carried over"), r.out)
            r = try h.run(["schema", "diff", yaml, back])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains(": 0 changes"), name + "\n" + r.out)
            let a = try XCTUnwrap(QuestionnaireLoader.load(text: String(contentsOfFile: yaml, encoding: .utf8)).questionnaire)
            let b = try XCTUnwrap(QuestionnaireLoader.load(text: String(contentsOfFile: back, encoding: .utf8)).questionnaire)
            let (x, y) = (plain(a), plain(b))
            for (qa, qb) in zip(x.sections.flatMap(\.questions), y.sections.flatMap(\.questions)) {
                XCTAssertEqual(qa, qb, "\(name): \(qa.name)")
            }
            XCTAssertEqual(x.questions.count, y.questions.count, name)
            XCTAssertEqual(x.sections.map(\.name), y.sections.map(\.name), name)
            XCTAssertEqual(
                x.groups.map { [$0.name, "\($0.repeatRule?.minimum ?? 0)", "\($0.repeatRule?.maximum ?? 0)"] },
                y.groups.map { [$0.name, "\($0.repeatRule?.minimum ?? 0)", "\($0.repeatRule?.maximum ?? 0)"] }, name)
            XCTAssertEqual(x.title, y.title, name)
            XCTAssertEqual(x.specialCodes, y.specialCodes, name)
            XCTAssertEqual(x.redactWords, y.redactWords, name)
            XCTAssertEqual(x.instanceName?.text, y.instanceName?.text, name)
        }
    }

    /// The prompt types (time, datetime, geopoint, barcode, acknowledge, range, rank) through everything: typed at the
    /// prompt from a pipe, simulated and imported, read back from the SPSS file by pyreadstat (the date-time as a
    /// date-time, the range as a number), and written as XLSForm types that pyxform converts.
    func test_the_prompt_types_are_asked_stored_exported_and_written_as_xlsform_types() throws {
        try requirePeers()
        let yaml = try h.write(
            "types.yaml",
            """
            questionnaire: types
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: at, type: time, label: At what time?}
                  - {name: when, type: datetime, label: When exactly?}
                  - {name: where, type: geopoint, label: Where?}
                  - {name: code, type: barcode, label: Code?}
                  - {name: ok, type: acknowledge, label: Read this}
                  - {name: score, type: range, min: 0, max: 10, step: 2, label: Score?}
                  - {name: order, type: rank, choices: [{code: a, label: A}, {code: b, label: B}, {code: c, label: C}], label: Order?}
            """)
        var r = try h.run(
            ["interview", "new", yaml, "--respondent", "R", "--interviewer", "lee"],
            input: "noon\n9:05\n2018-07-02 14:30\n39.9042 116.4074\n9787020002207\nok\n5\n4\na b\n3 1 2\ny\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("'noon' is not a time: write HH:MM"), r.out)
        XCTAssertTrue(r.out.contains("enter a whole number from 0 to 10 in steps of 2"), r.out)
        XCTAssertTrue(r.out.contains("put all 3 choices in order"), r.out)
        r = try h.run(["export", "jsonl", "types"])
        XCTAssertTrue(
            r.out.contains(
                #""at":"09:05:00","when":"2018-07-02T14:30:00","where":"39.9042 116.4074","code":"9787020002207","ok":"OK","score":4,"order":"c a b""#
            ), r.out)
        r = try h.run(["simulate", yaml, "--count", "100", "--seed", "3", "--out", h.path("sim.jsonl")])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["import", h.path("sim.jsonl")])
        XCTAssertTrue(r.out.contains("Imported 100 interviews"), r.out + r.err)
        r = try h.run(["export", "spss", "types", "--out", h.path("sav")])
        XCTAssertEqual(r.status, 0, r.err)
        let read = try Spawned.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import pyreadstat,sys; df,m=pyreadstat.read_sav(sys.argv[1]); print(len(df), df['when'].dtype.kind, df['score'].dtype, df['at'].iloc[0], df['when'].iloc[0])",
                h.path("sav/types.sav"),
            ])
        XCTAssertEqual(read.status, 0, read.err)
        XCTAssertEqual(read.out.trimmingCharacters(in: .whitespacesAndNewlines), "101 M float64 09:05:00 2018-07-02 14:30:00", read.out)
        r = try h.run(["schema", "export", yaml, "--xlsform", h.path("types.xlsx")])
        XCTAssertEqual(r.status, 0, r.err)
        let c = try Spawned.run("/usr/bin/env", ["xls2xform", h.path("types.xlsx"), h.path("types.xml")], timeout: 120)
        XCTAssertEqual(c.status, 0, c.out + c.err)
        let b = try binds(h.path("types.xml"))
        XCTAssertEqual(
            ["at", "when", "where", "code", "ok", "score", "order"].map { b[$0]?.type ?? "-" },
            ["time", "dateTime", "geopoint", "barcode", "string", "int", "odk:rank"])
        // and back: the same types
        r = try h.run(["schema", "import", h.path("types.xlsx"), "--out", h.path("back.yaml")])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["schema", "diff", yaml, h.path("back.yaml")])
        XCTAssertTrue(r.out.contains(": 0 changes"), r.out)
    }

    /// XLSForm's metadata questions are filled by Canvass: at the console from the interview itself (start, today,
    /// username, deviceid at its start, end at its completion), on import from the line's own header.
    func test_metadata_questions_are_filled_from_the_interview() throws {
        let yaml = try h.write(
            "md.yaml",
            """
            questionnaire: md
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: started, type: start}
                  - {name: day, type: today}
                  - {name: who, type: username}
                  - {name: device, type: deviceid}
                  - {name: q, type: text, label: Anything?}
                  - {name: ended, type: end}
            """)
        var r = try h.run(["interview", "new", yaml, "--respondent", "R", "--interviewer", "kim"], input: "hello\ny\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.out.contains("started:"), "metadata is not asked\n" + r.out)
        r = try h.run(["db", "info"])
        let databaseID = r.out.split(separator: "\n").first { $0.contains("id") }.map(String.init) ?? ""
        r = try h.run(["export", "csv", "md"])
        let rows = r.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.count, 2, r.out)
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        XCTAssertEqual(row["started"], row["started_at"])
        XCTAssertEqual(row["ended"], row["completed_at"])
        XCTAssertEqual(row["day"], String(row["started_at"]!.prefix(10)))
        XCTAssertEqual(row["who"], "kim")
        XCTAssertTrue(!row["device"]!.isEmpty && databaseID.contains(row["device"]!), databaseID + " / " + row["device"]!)
        // an imported line fills them from its header
        let line = try h.write(
            "md.jsonl",
            #"{"questionnaire":"md","version":"1","key":"k1","respondent":"S","interviewer":"lee","status":"completed","started_at":"2018-06-08T10:00:00+08:00","completed_at":"2018-06-08T11:00:00+08:00","answers":{"q":"x"}}"#
                + "\n")
        r = try h.run(["import", line])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["export", "jsonl", "md"])
        XCTAssertTrue(
            r.out.contains(
                #""started":"2018-06-08T10:00:00+08:00","day":"2018-06-08","who":"lee","q":"x","ended":"2018-06-08T11:00:00+08:00""#),
            r.out)
    }

    /// Damaged and hostile workbooks: each is one clear line and exit status 1, never a crash, a hang or memory blown
    /// (a part that inflates past 64 MB, entities that expand a billion times, a part cut short, an empty file).
    func test_damaged_and_hostile_workbooks_are_one_clear_line() throws {
        try requirePeers()
        let make = """
            import zipfile, sys, os
            d = sys.argv[1]
            wb = '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>'
            rels = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
            sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row></sheetData></worksheet>'
            lol = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + ''.join('<!ENTITY %s "%s">' % (chr(98 + i), ('&%s;' % chr(97 + i)) * 10) for i in range(9)) + ']><sst><si><t>&j;</t></si></sst>'
            def book(name, parts):
                with zipfile.ZipFile(os.path.join(d, name), 'w', zipfile.ZIP_DEFLATED) as z:
                    for k, v in parts.items(): z.writestr(k, v)
            base = {'xl/workbook.xml': wb, 'xl/_rels/workbook.xml.rels': rels}
            book('bomb.xlsx', dict(base, **{'xl/worksheets/sheet1.xml': '<a>' + ' ' * (80 << 20) + '</a>'}))
            book('lol.xlsx', dict(base, **{'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': lol}))
            book('cut.xlsx', dict(base, **{'xl/worksheets/sheet1.xml': sheet[:90]}))
            two = wb.replace('<sheet name="survey" sheetId="1" r:id="rId1"/>', '<sheet name="Sheet1" sheetId="1" r:id="rId1"/><sheet name="Sheet2" sheetId="2" r:id="rId1"/>')
            book('nosurvey.xlsx', {'xl/workbook.xml': two, 'xl/_rels/workbook.xml.rels': rels})
            open(os.path.join(d, 'empty.xlsx'), 'wb').close()
            open(os.path.join(d, 'old.xls'), 'wb').write(bytes([0xd0, 0xcf, 0x11, 0xe0]))
            """
        let made = try Spawned.run("/usr/bin/env", ["python3", "-c", make, h.dir.path])
        XCTAssertEqual(made.status, 0, made.err)
        for (file, says) in [
            ("bomb.xlsx", "is larger than 64 MB"), ("lol.xlsx", "is not well-formed XML"), ("cut.xlsx", "is not well-formed XML"),
            ("nosurvey.xlsx", "has no sheet named survey"), ("empty.xlsx", "not an .xlsx workbook"), ("old.xls", "save the form as .xlsx"),
        ] {
            let r = try h.run(["schema", "import", h.path(file)], timeout: 60)
            XCTAssertEqual(r.status, 1, file + ": " + r.err)
            XCTAssertTrue(r.err.contains(says), file + ": " + r.err)
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, file + ": " + r.err)
        }
    }

    /// pyxform's one-file CSV, and the problems of a broken form located by sheet, row and column.
    func test_a_csv_xlsform_imports_and_a_broken_one_is_located_by_sheet_row_and_column() throws {
        let good = try h.write(
            "visit.csv",
            """
            survey,type,name,label,required,relevant
            ,text,who,Who did you meet?,yes,
            ,select_one yn,met,"Met in person, or online?",,
            ,integer,people,How many people?,,${met} = 'p'
            choices,list_name,name,label
            ,yn,p,In person
            ,yn,o,Online
            settings,form_id,version
            ,visit,3
            """)
        var r = try h.run(["schema", "import", good])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("questionnaire: visit\nversion: \"3\""), r.out)
        XCTAssertTrue(r.err.contains("3 of 3 survey rows carried over"), r.err)
        r = try h.run(["schema", "check", good])
        XCTAssertEqual(r.status, 0, r.out + r.err)

        let bad = try h.write(
            "broken.csv",
            """
            survey,type,name,label,relevant
            ,begin_group,g,G,
            ,txt,who,Who?,
            ,select_one colours,c,Colour?,
            ,integer,n,N?,${nobody} > 1
            ,end_repeat,,,
            choices,list_name,name,label
            ,colors,r,Red
            """)
        r = try h.run(["schema", "import", bad, "--out", h.path("broken.yaml")])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("broken.csv:survey:3:type: error: 'txt' is not an XLSForm question type"), r.err)
        XCTAssertTrue(
            r.err.contains("broken.csv:survey:4:type: error: choice list 'colours' is not on the choices sheet; did you mean 'colors'?"),
            r.err)
        XCTAssertTrue(r.err.contains("broken.csv:survey:6:type: error: end_repeat closes 'g', a group begun at row 2"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.path("broken.yaml")), "nothing is written for a broken form")

        // pulldata's CSV next to the form travels inside the questionnaire
        _ = try h.write("prices.csv", "code,price\nA1,12.5\nB2,7\n")
        let pulls = try h.write(
            "shop.csv",
            """
            survey,type,name,label,calculation
            ,text,code,Product code?,
            ,calculate,price,,"pulldata('prices', 'price', 'code', ${code})"
            """)
        r = try h.run(["schema", "import", pulls, "--out", h.path("shop.yaml")])
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["interview", "new", h.path("shop.yaml"), "--respondent", "R", "--interviewer", "lee"], input: "A1\ny\n")
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["export", "csv", "shop"])
        XCTAssertTrue(r.out.contains(",A1,12.5"), r.out)

        // the questionnaire's own problems point at the cell they came from
        let unknown = try h.write("ref.csv", "survey,type,name,label,relevant\n,integer,n,N?,${nobody} > 1\n")
        r = try h.run(["schema", "import", unknown])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("ref.csv:survey:2:relevant: error:") && r.err.contains("[unknown-reference]"), r.err)

        // not a workbook: one clear line, no trace
        let fake = try h.write("fake.xlsx", "not a zip")
        r = try h.run(["schema", "import", fake])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("fake.xlsx: not an .xlsx workbook"), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
    }
}
