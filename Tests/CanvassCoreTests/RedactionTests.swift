import Testing

@testable import CanvassCore

/// Names taken out of free text: the interview's own identifier answers, as people write them again.
struct RedactionTests {
    static let q = QuestionnaireLoader.load(
        text: """
            questionnaire: r
            version: "1"
            redact: [KIEP]
            sections:
              - name: s
                questions:
                  - {name: firm_name, type: text, identifier: true, label: F}
                  - {name: email, type: text, identifier: true, label: E}
                  - {name: account, type: long_text, label: A}
                  - {name: brand, type: text, label: B, redact: [Zappy]}
              - name: people
                repeat: true
                questions:
                  - {name: who, type: text, identifier: true, label: W}
                  - {name: view, type: text, label: V}
            """
    ).questionnaire!

    func redaction(_ firm: String, _ people: [String] = []) -> Redaction {
        var answers: [String: Answer] = ["firm_name": .value(firm), "email": .value("lee@hanbit.example")]
        for (n, p) in people.enumerated() { answers["people[\(n + 1)]/who"] = .value(p) }
        return Redaction(Self.q, answers: answers, respondent: "Hanbit AI", extra: [])
    }

    @Test func a_name_in_any_case_spacing_and_width_and_without_its_legal_form() {
        let r = redaction("Hanbit Delivery 有限公司")
        #expect(r.apply("Hanbit Delivery 有限公司 waited a year") == "[firm_name] waited a year")
        #expect(r.apply("HANBIT  delivery had to store data locally") == "[firm_name] had to store data locally")
        #expect(r.apply("Ｈａｎｂｉｔ Ｄｅｌｉｖｅｒｙ의 경우") == "[firm_name]의 경우")
        #expect(r.apply("write to LEE@hanbit.example") == "write to [email]")
        #expect(r.apply("Hanbit AI said so") == "[respondent] said so")
        #expect(r.apply("nothing to hide here") == "nothing to hide here")
    }

    @Test func korean_and_chinese_names_and_their_legal_forms() {
        let ko = redaction("주식회사 한빛")
        #expect(ko.apply("한빛은 인증이 늦어졌다") == "[firm_name]은 인증이 늦어졌다")
        let zh = redaction("杭州智慧城市有限公司")
        #expect(zh.apply("杭州智慧城市的数据需要本地存储") == "[firm_name]的数据需要本地存储")
    }

    @Test func whole_words_only_for_latin_names_and_the_longest_first() {
        let r = redaction("Lee Ltd", ["Lee Min-ho", "Park"])
        #expect(r.apply("Leeds is not Lee") == "Leeds is not [firm_name]")
        #expect(r.apply("Lee Min-ho and Park spoke") == "[who 1] and [who 2] spoke")
        // too short to be a name on its own: a two-letter surname would take out half of every text
        #expect(redaction("Li").apply("Li said") == "Li said")
    }

    @Test func the_free_text_of_an_interview_redacted_and_its_identifiers_left_to_the_masking() {
        let answers: [String: Answer] = [
            "firm_name": .value("Hanbit AI Co., Ltd."), "account": .value("Hanbit AI met KIEP"), "brand": .value("Zappy by Hanbit AI"),
            "people[1]/who": .value("Kim Jisoo"), "people[1]/view": .value("Kim Jisoo thinks Zappy is fine"),
        ]
        let out = Redaction.redacted(answers, respondent: nil, questionnaire: Self.q)
        #expect(out["firm_name"] == .value("Hanbit AI Co., Ltd."))
        #expect(out["account"] == .value("[firm_name] met [redacted]"))
        #expect(out["brand"] == .value("[redacted] by [firm_name]"))
        // a question's own words are for that question only
        #expect(out["people[1]/view"] == .value("[who 1] thinks Zappy is fine"))
    }

    @Test func redact_lists_are_checked_where_they_are_written() {
        let r = QuestionnaireLoader.load(
            text: """
                questionnaire: r
                version: "1"
                redact: KIEP
                sections:
                  - name: s
                    questions:
                      - {name: a, type: text, label: A, redact: [""]}
                """)
        #expect(r.questionnaire == nil)
        #expect(r.diagnostics.map(\.message).contains { $0.contains("redact must be a list") }, "\(r.diagnostics)")
        #expect(r.diagnostics.map(\.message).contains { $0.contains("a word of redact of") && $0.contains("is empty") })
    }
}

/// Random texts with the firm's name written in any of the ways people write it (case, spacing, full width, with or
/// without the legal form) at random places: never a mention left, never a crash on any Unicode (seeded; the seed
/// is in the failure message).
struct RedactionPropertyTests {
    struct LCG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static let names = ["Hanbit Delivery 有限公司", "주식회사 한빛", "杭州智慧城市有限公司", "Daehan Robotics Co., Ltd.", "kim@hanbit.example"]
    static let fragments = [
        "the licence", "인증이 늦어졌다", "数据需要本地存储", ", ", ". ", "\n", "(", ")", "é", "e\u{301}", "🚗", "Leeds", "Hanbitx",
        "  ", "\u{3000}", "MLPS 2.0", "한", "杭",
    ]

    static func written(_ name: String, _ r: inout LCG) -> String {
        var s = name
        if Bool.random(using: &r) {
            // without the legal form
            for form in ["有限公司", "주식회사 ", "Co., Ltd."] { s = s.replacing(form, with: "") }
            while s.hasPrefix(" ") { s.removeFirst() }
            while s.hasSuffix(" ") { s.removeLast() }
        }
        switch Int.random(in: 0..<4, using: &r) {
        case 0: s = s.uppercased()
        case 1: s = s.lowercased()
        case 2:
            // full width, as Chinese and Korean keyboards type Latin letters
            s = String(
                String.UnicodeScalarView(
                    s.unicodeScalars.map { c in (0x21...0x7E).contains(c.value) ? Unicode.Scalar(c.value + 0xFEE0)! : c }))
        default: s = s.replacing(" ", with: "  ")
        }
        return s
    }

    @Test func no_mention_survives_and_nothing_crashes() {
        let seed = UInt64(20_261_202)
        var r = LCG(state: seed)
        let q = RedactionTests.q
        for round in 0..<2000 {
            let name = Self.names[round % Self.names.count]
            let redaction = Redaction(q, answers: ["firm_name": .value(name)], respondent: nil)
            var text = ""
            var mentioned = 0
            for _ in 0..<Int.random(in: 1...12, using: &r) {
                if Int.random(in: 0..<4, using: &r) == 0 {
                    text += " " + Self.written(name, &r) + " "
                    mentioned += 1
                } else {
                    text += Self.fragments.randomElement(using: &r)!
                }
            }
            let out = redaction.apply(text)
            let folded = String(String.UnicodeScalarView(Redaction.foldAll(out).compactMap(Unicode.Scalar.init)))
            for variant in Redaction.variants(of: name) {
                let v = String(String.UnicodeScalarView(variant.compactMap(Unicode.Scalar.init)))
                #expect(!folded.contains(" " + v + " ") && !folded.hasPrefix(v + " "), "seed \(seed) round \(round): \(text) -> \(out)")
            }
            #expect(out.components(separatedBy: "[firm_name]").count - 1 == mentioned, "seed \(seed) round \(round): \(text) -> \(out)")
        }
    }
}
