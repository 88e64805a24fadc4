import CanvassTestSupport
import Testing

@testable import CanvassCore

/// The console's own words: every key in every language, with the same placeholders; an interview in Korean or
/// Chinese shows them in that language, and an unknown language falls back to English.
struct ConsoleWordsTests {
    @Test func every_key_has_every_language_with_the_same_placeholders() {
        func placeholders(_ s: String) -> [String] { (1...3).map { "{\($0)}" }.filter { s.contains($0) } }
        for key in ConsoleWords.Key.allCases {
            let row = ConsoleWords.table[key] ?? [:]
            #expect(Set(row.keys) == Set(ConsoleWords.languages), "\(key) lacks a language")
            for language in ConsoleWords.languages {
                #expect(placeholders(row[language] ?? "") == placeholders(row["en"] ?? ""), "\(key) in \(language)")
            }
            for language in ["ko", "zh"] { #expect(row[language] != row["en"], "\(key) in \(language) is the English text") }
        }
    }

    @Test func languages_by_their_first_part_and_english_otherwise() {
        #expect(ConsoleWords.text(.yesNo, "ko-KR") == "(예/아니오)")
        #expect(ConsoleWords.text(.yesNo, "zh_Hans") == "(是/否)")
        #expect(ConsoleWords.text(.yesNo, "fr") == "(y/n)")
        #expect(ConsoleWords.text(.current, nil, ["12"]) == "(current: 12)")
    }

    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: w
            version: "1"
            languages: [ko, en, zh]
            sections:
              - name: s
                questions:
                  - {name: ok, type: yes_no, label: {ko: 동의?, en: Agree?, zh: 同意？}}
                  - {name: day, type: date, label: {ko: 날짜, en: Day, zh: 日期}}
                  - {name: areas, type: select_multiple, choices: [{code: a, label: A}, {code: b, label: B}], label: {ko: 분야, en: Areas, zh: 领域}}
            """
    ).questionnaire!

    @Test func an_interview_in_korean_or_chinese_shows_the_console_words_in_it() throws {
        for (language, words) in [
            ("ko", ["(예/아니오)", "(YYYY-MM-DD, 예: 2018-07-02)", "(하나 이상:", "인터뷰를 완료할까요?", "! 예 또는 아니오로"]),
            ("zh", ["(是/否)", "(YYYY-MM-DD，例如", "(可多选", "完成本次访谈吗？", "! 请回答是或否"]),
        ] {
            let (_, t) = try ConsoleTranscript.run(Self.q, ["예", "2018-07-02", "a", "maybe", ":quit"], language: language)
            for w in words { #expect(t.output.contains(w), "\(language): \(w)\n\(t.output)") }
            for english in ["(y/n)", "Complete this interview", "one or more", "answer y or n"] {
                #expect(!t.output.contains(english), "\(language): \(english)")
            }
        }
        // no --lang: the questionnaire's first language, as its labels
        let (_, t) = try ConsoleTranscript.run(Self.q, [":quit"])
        #expect(t.output.contains("(예/아니오)"), "\(t.output)")
    }
}

/// An interview's name (instance_name) before anything it reads is answered: none, not the bare separators.
struct InstanceNameTests {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: n
            version: "1"
            instance_name: "concat(${sector}, ' / ', ${city})"
            sections:
              - name: s
                questions:
                  - {name: sector, type: text, label: S}
                  - {name: city, type: text, label: C}
            """
    ).questionnaire!

    @Test func separators_alone_name_nothing() {
        #expect(StoredInterview(Self.q, answers: [:]).instanceName(includeIdentifiers: true) == nil)
        #expect(StoredInterview(Self.q, answers: ["city": .value("杭州")]).instanceName(includeIdentifiers: true) == " / 杭州")
        #expect(
            StoredInterview(Self.q, answers: ["sector": .value("AI"), "city": .value("서울")]).instanceName(includeIdentifiers: true)
                == "AI / 서울")
    }
}
