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

    /// Lengths either side of a block and of the padding's boundary (56 bytes), each digest from Python's hashlib;
    /// a text is hashed in place, other sequences through a copy: both give the same digest.
    @Test(arguments: [
        (55, "1deace58c745f3ecadde68a5923f494c3703fa73f0306483ccb898a5826e8d70"),
        (56, "06dbe23685750e4d3881ded95047abaf93fa8f9c5d3501dc57c717a72ff1398e"),
        (57, "011f4bced20a249afb834d24b3e4eca31ad5ea2bdd1d8a1a564c2d2410398e69"),
        (63, "47fb38b12335c9298d09280515c0666489a189d1554bb0ac1a0740806ce9d8b6"),
        (64, "dfa798724b1a8014994f363e5da7474ed26ce3757fb29e07aa47ad5a9352d37b"),
        (65, "dd2eab5a5507d7717c63ce953d9ac61752c21e664425ad1227054722a0d97f69"),
        (119, "c6e0f435df5d7d265baacca31e0602c00aa22fa6d3819aed664649294c743756"),
        (120, "17eb8960823a644bde3065620bb9d45931fe8993fd8eb692a17aff0fd725db6a"),
        (128, "3a9c1e22e20578eebe442238f431befd688bd56698eb7c77d95d3f97d8f58207"),
    ])
    func sha256_at_block_boundaries(length: Int, digest: String) {
        let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 251) }
        #expect(SHA256.hex(bytes) == digest)
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == digest)
    }

    @Test func utf8_order_is_code_point_order_not_string_order() {
        // "é" composed (U+00E9) and decomposed (e + U+0301) are equal as Strings but not as bytes
        let words = ["b", "a", "é", "e\u{301}", "z", "가", "aa", "", "participant[10]/x", "participant[2]/x", "中"]
        #expect(words.sorted(by: UTF8Order.precedes) == words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(!UTF8Order.precedes("a", "a"))
        #expect(UTF8Order.precedes("a", "aa"))
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
