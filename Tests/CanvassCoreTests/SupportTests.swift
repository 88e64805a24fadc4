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
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
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
