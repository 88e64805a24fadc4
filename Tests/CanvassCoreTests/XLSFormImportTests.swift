import XCTest

@testable import CanvassCore

/// XLSForm sheets -> questionnaire YAML, with plain values: sections from the top level, groups and repeats nested,
/// languages, choice columns, what is carried over differently.
final class XLSFormImportTests: XCTestCase {
    func form(_ csv: String) -> XLSFormImport { XLSFormImport(XLSFormSheets(csv: csv), fallbackID: "f") }

    func test_loose_questions_and_top_level_groups_become_sections_with_nested_groups() throws {
        let f = form(
            """
            survey,type,name,label,relevant,repeat_count
            ,integer,n,How many?,,
            ,begin_group,about,About,${n} > 0,
            ,begin_repeat,person,Person,,${n}
            ,text,who,Who?,,
            ,begin_group,inner,Inner,,
            ,end_group,,,,
            ,end_repeat,,,,
            ,end_group,,,,
            ,note,bye,Bye,,
            """)
        XCTAssertFalse(f.hasErrors, "\(f.problems)")
        let q = try XCTUnwrap(f.questionnaire, f.yaml)
        XCTAssertEqual(q.sections.map(\.name), ["main", "about", "part_2"])
        XCTAssertEqual(q.sections[1].relevant?.text, "${n} > 0")
        let person = try XCTUnwrap(q.groups.first { $0.name == "person" })
        XCTAssertEqual(person.repeatRule?.count?.text, "${n}")
        XCTAssertTrue(f.yaml.contains("questions: []"), "an empty group is written as an empty list\n" + f.yaml)
        XCTAssertEqual(f.surveyRows, 9)
        XCTAssertEqual(f.importedRows, 9)
    }

    func test_labels_per_language_with_the_default_first_and_plain_labels_without_languages() throws {
        let two = form(
            """
            survey,type,name,label::English (en),label::Korean (ko),hint::ko
            ,text,who,Who?,누구?,이름
            settings,default_language
            ,Korean (ko)
            """)
        let q = try XCTUnwrap(two.questionnaire, two.yaml + "\(two.problems)")
        XCTAssertEqual(q.languages, ["ko", "en"])
        XCTAssertEqual(q.questions[0].label.texts, ["ko": "누구?", "en": "Who?"])
        let plain = try XCTUnwrap(form("survey,type,name,label\n,text,who,Who?\n").questionnaire)
        XCTAssertEqual(plain.languages, [])
        XCTAssertEqual(plain.questions[0].label.texts, [LocalizedText.anyLanguage: "Who?"])
    }

    func test_choice_columns_codes_that_yaml_would_misread_and_what_is_carried_over_differently() throws {
        let f = form(
            """
            survey,type,name,label,parameters,appearance
            ,select_one yn or_other,ok,OK?,,
            ,select_one city,city,City?,,minimal
            ,range,score,Score,start=0 end=10 step=1,
            ,time,at,At what time?,,
            ,audio,voice,Say it,,
            ,deviceid,dev,,,
            choices,list_name,name,label,province
            ,yn,yes,Yes,
            ,yn,no,No,
            ,city,bj,Beijing,bj
            """)
        let q = try XCTUnwrap(f.questionnaire, f.yaml + "\(f.problems)")
        XCTAssertEqual(q.questions.first { $0.name == "ok" }?.choices.map(\.code), ["yes", "no", "other"])
        XCTAssertTrue(f.yaml.contains("code: \"yes\""), "yes is quoted, or YAML reads true\n" + f.yaml)
        XCTAssertEqual(q.choiceLists.first { $0.name == "city" }?.choices.first?.attributes, ["province": "bj"])
        let score = try XCTUnwrap(q.questions.first { $0.name == "score" })
        XCTAssertEqual(
            [score.type.rawValue, "\(score.min ?? -1)", "\(score.max ?? -1)", "\(score.step ?? -1)"], ["range", "0", "10", "1"])
        XCTAssertEqual(q.questions.first { $0.name == "at" }?.type, .time)
        XCTAssertEqual(q.questions.first { $0.name == "voice" }?.type, .note)
        XCTAssertEqual(q.questions.first { $0.name == "dev" }?.type, .deviceid, "filled by Canvass: the database id")
        XCTAssertEqual(
            f.leftOut,
            [
                "1 appearances left out (no meaning at a text prompt): city (minimal)",
                "1 audio questions imported as notes that say what was asked (not supported at a text prompt): voice",
            ])
    }

    func test_pyxform_aliases_xml_names_old_headers_and_boolean_cells() throws {
        let f = form(
            """
            survey,type,name,label:English,relevant
            ,select one from yn,first-answer,First?,
            ,gps,_where,Where?,TRUE
            ,add note prompt,bye,Bye ${first-answer},
            ,begin looped group,visits,Visits,
            ,int,n,How many?,${first-answer} = 'y'
            ,end looped group,,,
            ,phone number,phone,,
            choices,list name,name,label:English
            ,yn,y,Yes
            ,yn,n,No
            settings,form_id
            ,My form-2
            """)
        let q = try XCTUnwrap(f.questionnaire, f.yaml + "\(f.problems)")
        XCTAssertEqual(q.id, "my_form_2")
        XCTAssertEqual(q.languages, ["en"])
        XCTAssertEqual(q.questions.map(\.name), ["first_answer", "q_where", "bye", "n"])
        XCTAssertEqual(q.questions.map(\.type), [.selectOne, .geopoint, .note, .integer])
        XCTAssertEqual(q.questions[1].relevant?.text, "true()")
        XCTAssertEqual(q.questions[2].label.texts["en"], "Bye ${first_answer}")
        XCTAssertEqual(q.questions[3].relevant?.text, "${first_answer} = 'y'")
        XCTAssertTrue(q.groups.contains { $0.name == "visits" && $0.isRepeat })
        XCTAssertTrue(f.leftOut.contains { $0.hasPrefix("2 names written as Canvass names") }, "\(f.leftOut)")
        XCTAssertTrue(
            f.leftOut.contains { $0.hasPrefix("1 metadata questions left out (ODK Collect's phone") && $0.hasSuffix(": phone") },
            "\(f.leftOut)")
        XCTAssertTrue(f.leftOut.contains { $0.contains("'My form-2' as my_form_2") }, "\(f.leftOut)")
    }

    func test_text_is_quoted_so_that_any_cell_survives() {
        XCTAssertEqual(YAMLLines.quote("a \"b\" \\ c\nd\u{7}"), "\"a \\\"b\\\" \\\\ c\\nd\\u0007\"")
        XCTAssertEqual(YAMLLines.plain("no"), "\"no\"")
        XCTAssertEqual(YAMLLines.plain("city_2"), "city_2")
        XCTAssertEqual(YAMLLines.plain("2city"), "\"2city\"")
    }
}
