import Testing

@testable import CanvassCore

/// Small pure helpers, in Swift Testing (the suite runs both XCTest and Swift Testing).
struct SupportTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256_matches_the_fips_test_vectors(input: String, digest: String) {
        #expect(SHA256.hex(input.utf8) == digest)
    }

    @Test func sha256_of_a_million_a() {
        #expect(
            SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmac_sha256_matches_rfc_4231() {
        #expect(
            HMAC.sha256Hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(
            HMAC.sha256Hex(
                key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func suggestions_pick_the_nearest_known_word() {
        #expect(Suggestion.nearest(to: "lable", among: ["label", "hint", "name"]) == "label")
        #expect(Suggestion.nearest(to: "integr", among: QuestionType.allCases.map(\.rawValue)) == "integer")
        #expect(Suggestion.nearest(to: "zzzzzz", among: ["label", "hint"]) == nil)
    }

    @Test func names_follow_the_xlsform_rule() {
        #expect(QuestionnaireLoader.isValidName("firm_size"))
        #expect(!QuestionnaireLoader.isValidName("1st"))
        #expect(!QuestionnaireLoader.isValidName("firm size"))
        #expect(!QuestionnaireLoader.isValidName("기업"))
    }
}

/// Dates as the other tools count them, and paths split without Foundation.
struct CalendarDateTests {
    @Test func days_and_local_seconds() {
        #expect(CalendarDate.days("1970-01-01") == 0)
        #expect(CalendarDate.days("1960-01-01") == CalendarDate.Epoch.stata)
        #expect(CalendarDate.days("1582-10-14") == CalendarDate.Epoch.spss)
        #expect(CalendarDate.days("1899-12-30") == CalendarDate.Epoch.excel)
        #expect(CalendarDate.days("2000-02-29") == 11016)
        #expect(CalendarDate.days("2018-02-30") == nil)
        #expect(CalendarDate.days("2018-2-3") == nil)
        #expect(CalendarDate.localSeconds("2018-06-02T09:00:00+08:00") == 1_527_930_000)
        #expect(CalendarDate.localSeconds("2018-06-02T09:00:00.250Z") == 1_527_930_000)
        #expect(CalendarDate.localSeconds("2018-06-02T25:00:00Z") == nil)
        #expect(CalendarDate.localSeconds("2018-06-02T09:00:00+0800") == nil)
    }

    @Test func path_names_of_any_length() {
        #expect(PathName.folder("r") == "")
        #expect(PathName.name("r") == "r")
        #expect(PathName.folder("a/b/c.csv") == "a/b")
        #expect(PathName.folder("/x") == "/")
        #expect(PathName.name("out/") == "out")
        #expect(PathName.folder("a//b") == "a")
    }
}

/// `--where` names codes the questions have: a wrong case or a typo is an error with the code meant.
struct FilterCodeTests {
    @Test func unknown_codes_are_refused_with_the_code_meant() throws {
        let q = QuestionnaireLoader.load(
            text: """
                questionnaire: t
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: nat, type: select_one, choices: [{code: kr, label: K}, {code: cn, label: C}], label: N}
                      - {name: areas, type: select_multiple, choices: [{code: csl, label: C}, {code: tbt, label: T}], label: A}
                """
        ).questionnaire!
        #expect(throws: Never.self) { try InterviewFilter.parse("${nat} = 'kr' or selected(${areas}, 'tbt')", for: q) }
        #expect(throws: Never.self) { try InterviewFilter.parse("${nat} != '-98'", for: q) }
        do {
            _ = try InterviewFilter.parse("${nat} = 'KR'", for: q)
            Issue.record("'KR' was accepted")
        } catch let e as FilterError {
            #expect(e.message == "--where: 'KR' is not a code of nat; did you mean 'kr'? (its codes: kr, cn)")
        }
        #expect(throws: FilterError.self) { try InterviewFilter.parse("selected(${areas}, 'ccl')", for: q) }
    }
}
