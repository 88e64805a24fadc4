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

/// An interview run entirely in Korean (and in Chinese), through every kind of refusal, command and reply the
/// console has, shows no English console text: what is left in Latin letters is only the questionnaire's names and
/// codes, the commands themselves and a few technical words (YYYY-MM-DD, Enter, Ctrl-C).
struct WholeInterviewLanguageTests {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: w
            version: "1"
            languages: [ko, en, zh]
            sections:
              - name: s
                title: {ko: 기본, en: Basics, zh: 基本}
                questions:
                  - {name: firm, type: text, required: true, special: [], label: {ko: 기업명, en: Firm, zh: 企业}}
                  - {name: nat, type: select_one, required: true, special: [], label: {ko: 국적, en: Nationality, zh: 国籍},
                     choices: [{code: kr, label: {ko: 한국, en: Korea, zh: 韩国}}, {code: cn, label: {ko: 중국, en: China, zh: 中国}}]}
                  - {name: areas, type: select_multiple, label: {ko: 분야, en: Areas, zh: 领域},
                     choices: [{code: csl, label: {ko: 사이버보안법, en: CSL, zh: 网络安全法}}, {code: ip, label: {ko: 지재권, en: IP, zh: 知识产权}}]}
                  - {name: emp, type: integer, constraint: ". >= 1 and . <= 600", label: {ko: 종업원, en: Staff, zh: 员工}}
                  - {name: yrs, type: integer, constraint: ". > 0", label: {ko: 연수, en: Years, zh: 年数},
                     warning: {check: ". <= 40", message: {ko: 40년 초과는 드뭅니다, en: Over 40 is rare, zh: 超过40年较少见}}}
                  - {name: day, type: date, label: {ko: 날짜, en: Day, zh: 日期}}
                  - {name: sat, type: scale, min: 1, max: 5, label: {ko: 만족도, en: Satisfaction, zh: 满意度}}
                  - {name: ok, type: yes_no, label: {ko: 동의?, en: Agree?, zh: 同意？}}
                  - {name: story, type: long_text, label: {ko: 경험, en: Story, zh: 经历}}
              - name: people
                title: {ko: 참석자, en: People, zh: 参会者}
                label: {ko: 참석자, en: person, zh: 参会者}
                repeat: true
                questions:
                  - {name: who, type: text, label: {ko: 이름, en: Name, zh: 姓名}}
            """
    ).questionnaire!

    /// Latin-letter words allowed in a Korean or Chinese console: the questionnaire's names and codes, commands
    /// (after ':'), and technical words.
    static let allowed: Set<String> =
        Set(q.questions.map(\.name) + q.groups.map(\.name) + q.questions.flatMap { $0.choices.map(\.code) })
        .union(["YYYY", "MM", "DD", "Enter", "Ctrl", "C", "canvass", "interview", "resume", "L", "y", "n", "yes", "no", "dk", "rf"])
        .union(q.languages)
        // what the interviewer typed, quoted back in a refusal
        .union(input.flatMap { $0.split { !($0.isASCII && ($0.isLetter || $0 == "_")) }.map(String.init) })

    static let input = [
        ":help", ":back", ":dk", "", "한빛", "KRR", "2", "csl ipp", "csl, ip", "abc", "0", "601", "12", "50", ":confirm",
        ":confirm 확인함", "2018-02-30", "2018-13-01", "2/3/2018", "2018-07-02", "9", "3", "maybe", "예", "첫 줄", "둘째 줄", ".",
        ":delete", "아니오", "김", ":where", ":review", ":jump", ":jump zzz", ":jump who", ":note", ":note 메모", ":dk", ":frob",
        ":lang xx", ":skip", ":confirm", ":next", "아니오", ":back", "", "", "maybe", "예",
    ]

    @Test(arguments: ["ko", "zh"]) func an_interview_in_one_language_shows_no_english(language: String) throws {
        let (outcome, t) = try ConsoleTranscript.run(Self.q, Self.input, language: language)
        #expect(outcome == .completed, "\(t.output)")
        var english: [String] = []
        for line in t.output.split(separator: "\n") {
            // the typed line itself is the interviewer's, not the console's
            let said = line.hasPrefix("> ") ? "" : String(line)
            var word = ""
            var afterColon = false
            for ch in said + " " {
                if ch.isASCII && (ch.isLetter || ch == "_") {
                    word.append(ch)
                    continue
                }
                if !word.isEmpty, !afterColon, !Self.allowed.contains(word) { english.append("\(word) in: \(line)") }
                afterColon = ch == ":"
                word = ""
            }
        }
        #expect(english.isEmpty, "\(english.joined(separator: "\n"))\n\(t.output)")
        // and the console did say things in the language, not nothing
        let expected =
            language == "ko"
            ? [
                "명령 (어느 질문에서나 입력)", "필수 질문입니다", "선택지에 없습니다", "(ip을(를) 뜻했나요?)", "정수가 아닙니다", "1에서 600 사이의 수",
                "40년 초과는 드뭅니다", "이유를 적으세요", "2018년 2월은 28일까지", "월은 01에서 12까지", "날짜가 아닙니다",
                "1에서 5 사이의 정수", "예 또는 아니오로 답하세요", "섹션 2/2", "(메모 저장됨)", "알 수 없는 명령", "다음 언어 중 하나",
                "삭제하지 않음", "첫 번째 질문", "확인할 것이 없습니다", "인터뷰를 완료할까요?", "받지 않습니다",
            ]
            : [
                "命令（在任何提示处输入）", "为必答题", "不在选项中", "（您是指 ip 吗？）", "不是整数", "请输入 1 到 600 之间的数",
                "超过40年较少见", "请说明理由", "2018 年 2月只有 28 天", "月份为 01 到 12", "不是日期", "请输入 1 到 5 之间的整数",
                "请回答是或否", "第 2/2 部分", "(备注已保存)", "未知命令", "请给出以下语言之一", "(未删除)", "这是第一个问题",
                "没有需要确认的内容", "完成本次访谈吗？", "不接受",
            ]
        for e in expected { #expect(t.output.contains(e), "\(language): \(e)\n\(t.output)") }
    }
}

/// `:lang` switches the console's own words with the labels; the completion question takes :review and :jump.
struct LanguageSwitchTests {
    @Test func lang_switches_the_console_words_and_the_completion_question_takes_jump() throws {
        let (_, t) = try ConsoleTranscript.run(
            WholeInterviewLanguageTests.q,
            [
                "Hanbit", ":lang en", "abc", "한빛", "kr", "", "", "", "", "", "", "", "", "아니오", ":review", ":jump nat", "cn", "", "",
                "", "", "", "", "", "", "", "y",
            ],
            language: "ko")
        let afterSwitch = t.output.components(separatedBy: ":lang en").last ?? ""
        // refusals after the switch are said in English
        #expect(afterSwitch.contains("! 'abc' is not one of the choices: give a code or a number from 1 to 2"), "\(t.output)")
        #expect(afterSwitch.contains("! '한빛' is not one of the choices"), "\(t.output)")
        #expect(afterSwitch.contains("Complete this interview? [y/n]"), "\(t.output)")
        #expect(!afterSwitch.contains("인터뷰를 완료할까요?"), "\(t.output)")
        #expect(t.saved.last { $0.0 == "nat" }?.1 == .value("cn"), "the :jump at the completion question changed nat")
        #expect(t.completed)
    }
}
