import Testing

@testable import CanvassCore

/// Answers typed as people type them: codes in any case, labels, yes/no in Korean and Chinese; near misses refused
/// with the code meant; checks and dates explained in words.
struct ForgivingInputTests {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: f
            version: "1"
            sections:
              - name: s
                questions:
                  - {name: nat, type: select_one, choices: [{code: kr, label: {en: Korean firm, ko: 한국 기업}}, {code: cn, label: Chinese firm}], label: N}
                  - {name: areas, type: select_multiple, choices: [{code: csl, label: C}, {code: tbt, label: T}, {code: ip, label: I}], label: A}
                  - {name: ok, type: yes_no, label: OK}
                  - {name: emp, type: integer, constraint: ". >= 1 and . <= 600", label: E}
                  - {name: day, type: date, label: D}
                  - {name: one, type: select_one, choices: [{code: only, label: Only}], label: O}
            """
    ).questionnaire!

    func parse(_ s: String, _ name: String) -> Result<String, AnswerParser.Rejection> {
        AnswerParser.parse(s, for: Self.q.question(named: name)!)
    }

    @Test func codes_in_any_case_and_labels_in_any_language() throws {
        #expect(try parse("KR", "nat").get() == "kr")
        #expect(try parse("한국 기업", "nat").get() == "kr")
        #expect(try parse("chinese FIRM", "nat").get() == "cn")
        #expect(try parse("CSL, Tbt", "areas").get() == "csl tbt")
        // stored data stays strict: an import must give the codes themselves
        #expect(throws: AnswerParser.Rejection.self) {
            try AnswerParser.parse("KR", for: Self.q.question(named: "nat")!, strict: true).get()
        }
    }

    @Test func yes_and_no_in_english_korean_and_chinese() throws {
        for y in ["y", "Yes", "예", "네", "是"] { #expect(try parse(y, "ok").get() == "yes") }
        for n in ["n", "NO", "아니오", "아니요", "否"] { #expect(try parse(n, "ok").get() == "no") }
        #expect(AnswerParser.yesOrNo("maybe") == nil)
    }

    @Test func near_misses_name_the_code_meant_and_save_nothing() {
        guard case .failure(let r) = parse("csl, tbt, ipp", "areas") else {
            Issue.record("ipp was taken")
            return
        }
        #expect(r.reason == "'ipp' is not one of the choices: give a code or a number from 1 to 3; did you mean ip?")
        guard case .failure(let one) = parse("x", "one") else {
            Issue.record("x was taken")
            return
        }
        #expect(one.reason == "'x' is not the choice offered: give its code (only) or 1")
    }

    @Test func dates_say_why_they_are_impossible() {
        guard case .failure(let feb) = parse("2018-02-30", "day"), case .failure(let month) = parse("2018-13-01", "day"),
            case .failure(let form) = parse("2/3/2018", "day")
        else {
            Issue.record("an impossible date was taken")
            return
        }
        #expect(feb.reason == "2018-02-30: February has 28 days in 2018")
        #expect(month.reason == "2018-13-01: there is no month 13; months run from 01 to 12")
        #expect(form.reason.contains("write YYYY-MM-DD"))
        #expect((try? parse("2016-02-29", "day").get()) == "2016-02-29")
    }

    @Test func constraints_without_a_message_are_said_in_words() throws {
        func words(_ text: String) throws -> String? {
            ConstraintWords.describe(try ExpressionParser.parse(text)).map { AnswerParser.Rejection(words: $0).reason }
        }
        #expect(try words(". >= 1 and . <= 600") == "enter a number from 1 to 600")
        #expect(try words(". > 0") == "enter a number over 0")
        #expect(try words("600 >= .") == "enter a number of at most 600")
        #expect(try words(". >= -5 and . < 10") == "enter a number of at least -5 and under 10")
        #expect(try words("regex(., '^[a-z]+$')") == nil)
    }
}
