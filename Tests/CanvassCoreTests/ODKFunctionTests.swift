import XCTest

@testable import CanvassCore

/// ODK's function list, table-driven: each value worked out from the ODK XForms specification
/// (https://getodk.github.io/xforms-spec/#xpath-functions) and XPath 1.0, dates as ODK counts them (days since
/// 1970-01-01 in arithmetic), today()/now() from an injected clock.
final class ODKFunctionTests: XCTestCase {
    /// 2018-06-07T20:00:00Z, seen in Beijing (+08:00): Friday 2018-06-08, 04:00 local.
    static let clock = ExpressionClock(seconds: 1_528_401_600, offsetMinutes: 480)

    func eval(_ text: String, _ values: [String: String] = [:]) throws -> ExpressionValue {
        var e = ExpressionEvaluator { values[$0] ?? "" }
        e.context.clock = { Self.clock }
        return e.evaluate(try ExpressionParser.parse(text))
    }

    func test_every_function_against_the_specification() throws {
        let values = ["d": "2018-06-08", "t": "2018-06-08T09:05:03.250+08:00", "name": "  Hanbit   AI ", "n": "abc"]
        let table: [(String, String)] = [
            // strings
            ("substr('abcdef', 1, 3)", "bc"), ("substr('abcdef', 2)", "cdef"), ("substr('한빛AI', 0, 2)", "한빛"),
            ("substr('abc', 5)", ""), ("substring-before(${d}, '-')", "2018"), ("substring-after('a=b=c', '=')", "b=c"),
            ("substring-after('abc', 'x')", ""), ("substring-before('abc', '')", ""), ("translate('bar', 'abc', 'ABC')", "BAr"),
            ("translate('--aaa--', 'abc-', 'ABC')", "AAA"), ("normalize-space(${name})", "Hanbit AI"),
            ("boolean-from-string('true')", "true"), ("boolean-from-string('1')", "true"), ("boolean-from-string('yes')", "false"),
            ("string-length(uuid())", "36"), ("string-length(uuid(12))", "12"),
            // numbers, NaN as XPath: it propagates and equals nothing
            ("pow(2, 10)", "1024"), ("sqrt(16)", "4"), ("log10(1000)", "3"), ("exp10(2)", "100"), ("round(pi(), 4)", "3.1416"),
            ("round(atan2(1, 1), 6)", "0.785398"), ("round(log(exp(2)), 9)", "2"), ("round(sin(pi() div 2), 9)", "1"),
            ("round(cos(0), 9)", "1"), ("round(tan(0), 9)", "0"), ("round(asin(1) * 2, 9)", "3.141592654"),
            ("round(acos(1), 9)", "0"), ("round(atan(1) * 4, 9)", "3.141592654"), ("floor(-1.5)", "-2"), ("ceiling(1.2)", "2"),
            ("int(-1.5)", "-1"), ("number(${n})", "NaN"), ("${n} + 1", "NaN"), ("number(${n}) = number(${n})", "false"),
            ("string(sqrt(-1))", "NaN"), ("number('')", "NaN"), ("number(' 12 ')", "12"), ("number('1e3')", "NaN"),
            ("random() >= 0 and random() < 1", "true"),
            // checklists: min, max (-1 for none), then values (and weights)
            ("checklist(1, 2, true(), false(), true())", "true"), ("checklist(-1, 1, true(), true())", "false"),
            ("checklist(2, -1, 'a', '', 'b')", "true"), ("weighted-checklist(3, -1, true(), 2, true(), 2, false(), 5)", "true"),
            ("weighted-checklist(-1, 3, true(), 2, true(), 2)", "false"),
            // dates: today and now from the clock, days since 1970 in arithmetic, format-date patterns
            ("today()", "2018-06-08"), ("now()", "2018-06-08T04:00:00.000+08:00"), ("date(17690)", "2018-06-08"),
            ("date(0)", "1970-01-01"), ("date(-1)", "1969-12-31"), ("${d} + 1", "17691"), ("date(${d} + 1)", "2018-06-09"),
            ("format-date(date('2020-02-28') + 1, '%Y-%m-%d')", "2020-02-29"), ("date('2020-02-28') + 1", "18321"),
            ("today() - ${d}", "0"), ("${d} < today()", "false"), ("decimal-date-time('1970-01-02T12:00:00Z')", "1.5"),
            ("round(decimal-date-time('1970-01-02T12:00:00+02:00'), 6)", "1.416667"), ("decimal-time('06:00:00.000')", "0.25"),
            ("round(decimal-time('12:00:00.000-07:00'), 6)", "0.791667"), ("format-date(${d}, '%e %b %Y (%a)')", "8 Jun 2018 (Fri)"),
            ("format-date(${d}, '%n/%e/%y')", "6/8/18"), ("format-date-time(${t}, '%H:%M:%S.%3')", "09:05:03.250"),
            ("format-date-time(${t}, '%h h, %d.%m.%Y')", "9 h, 08.06.2018"), ("date-time(1.5)", "1970-01-02T12:00:00.000+00:00"),
            ("format-date('not a date', '%Y')", ""), ("date(${n})", ""),
            // digest: SHA-256 as base64 (ODK's default) or hex; once() returns its argument (and keeps a calculation's first value)
            ("digest('abc', 'SHA-256')", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="),
            ("digest('abc', 'SHA-256', 'hex')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("digest('abc', 'MD5')", ""), ("once(concat('a', 'b'))", "ab"),
            // typed coordinates: metres and square metres on the sphere of radius 6,378,137 m
            ("round(distance('0 0;0 1'), 2)", "111319.49"), ("round(distance('37.5 127 0 5'), 2)", "0"),
            ("string(distance('91 0;0 0'))", "NaN"),
        ]
        for (expression, expected) in table {
            XCTAssertEqual(try eval(expression, values).stringValue, expected, expression)
        }
        // the area of a 1-degree cell on the equator: R^2 * 1deg * sin(1deg) = 12,391,399,902 m^2, within 0.5%
        let area = try eval("area('0 0;0 1;1 1;1 0')").numberValue
        XCTAssertEqual(area / 12_391_399_902, 1, accuracy: 0.005)
    }

    func test_pulldata_reads_the_table_the_questionnaire_carries() throws {
        let loaded = QuestionnaireLoader.load(
            text: """
                questionnaire: t
                version: "1"
                data:
                  fruits: "id,name,colour\\n1,apple,red\\n2,\\"pear, green\\",green\\n"
                sections:
                  - name: s
                    questions:
                      - {name: id, type: integer, label: Which?}
                      - {name: fruit, type: calculate, calculation: "pulldata('fruits', 'name', 'id', ${id})"}
                      - {name: nothing, type: calculate, calculation: "pulldata('fruits', 'name', 'id', 9)"}
                """)
        let q = try XCTUnwrap(loaded.questionnaire, "\(loaded.diagnostics)")
        let checked = try InterviewEngine.check(["id": .value("2")], questionnaire: q, completed: false).get()
        XCTAssertEqual(checked["fruit"], .value("pear, green"))
        XCTAssertNil(checked["nothing"], "no row: empty")
        let missing = QuestionnaireLoader.load(
            text: """
                questionnaire: t
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: fruit, type: calculate, calculation: "pulldata('fruits', 'name', 'id', 1)"}
                """
        ).diagnostics
        XCTAssertTrue(missing.contains { $0.code == .unknownReference && $0.message.contains("the table 'fruits'") }, "\(missing)")
    }

    func test_once_keeps_the_first_value_a_calculation_gave() throws {
        let q = try XCTUnwrap(
            QuestionnaireLoader.load(
                text: """
                    questionnaire: t
                    version: "1"
                    sections:
                      - name: s
                        questions:
                          - {name: n, type: integer, label: N}
                          - {name: first_n, type: calculate, calculation: "once(${n})"}
                    """
            ).questionnaire)
        let first = try InterviewEngine.check(["n": .value("3")], questionnaire: q, completed: false).get()
        XCTAssertEqual(first["first_n"], .value("3"))
        var later = first
        later["n"] = .value("5")
        XCTAssertEqual(try InterviewEngine.check(later, questionnaire: q, completed: false).get()["first_n"], .value("3"))
    }

    func test_every_function_is_known_to_the_checker_with_its_arity() throws {
        for name in [
            "substr", "substring-before", "substring-after", "translate", "normalize-space", "boolean-from-string", "uuid", "pow",
            "log", "log10", "exp", "exp10", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "pi", "random",
            "count-non-empty", "checklist", "weighted-checklist", "today", "now", "date", "date-time", "decimal-date-time",
            "decimal-time", "format-date", "format-date-time", "jr:choice-name", "distance", "area", "once", "digest", "pulldata",
        ] {
            XCTAssertNotNil(FunctionLibrary.arities[name], name)
        }
        XCTAssertThrowsError(try ExpressionParser.parse("pow(2)"))
    }

    func test_choice_names_and_non_empty_counts_read_the_questionnaire() throws {
        let q = try XCTUnwrap(
            QuestionnaireLoader.load(
                text: """
                    questionnaire: t
                    version: "1"
                    languages: [en, ko]
                    sections:
                      - name: s
                        questions:
                          - {name: nat, type: select_one, choices: [{code: kr, label: {en: Korean firm, ko: 한국 기업}}], label: Nationality}
                          - {name: nat_label, type: calculate, calculation: "jr:choice-name(${nat}, '${nat}')"}
                      - name: people
                        repeat: true
                        questions:
                          - {name: who, type: text, label: Who}
                      - name: end
                        questions:
                          - {name: named, type: calculate, calculation: "count-non-empty(${who})"}
                    """
            ).questionnaire)
        let answers: [String: Answer] = [
            "nat": .value("kr"), "people[1]/who": .value("Kim"), "people[2]": .value("yes"), "people[2]/who": .skipped,
            "people[3]": .value("no"),
        ]
        let checked = try InterviewEngine.check(answers, questionnaire: q, completed: false).get()
        XCTAssertEqual(checked["nat_label"], .value("Korean firm"))
        XCTAssertEqual(checked["named"], .value("1"))
    }
}
