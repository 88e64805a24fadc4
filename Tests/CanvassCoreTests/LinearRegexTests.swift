import CanvassCore
import XCTest

/// The regex() engine: the patterns forms use, matched as Java/XPath match them, in linear time.
final class LinearRegexTests: XCTestCase {
    func m(_ pattern: String, _ text: String) throws -> Bool { try LinearRegex(pattern).matches(text) }

    func test_the_patterns_forms_use() throws {
        let email = #"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"#
        XCTAssertTrue(try m(email, "kim@kiep.go.kr"))
        XCTAssertFalse(try m(email, "kim@kiep"))
        XCTAssertTrue(try m(#"^\d{3}-\d{4}$"#, "123-4567"))
        XCTAssertFalse(try m(#"^\d{3}-\d{4}$"#, "123-456"))
        XCTAssertTrue(try m("^(ai|o2o|smartcar)$", "o2o"))
        XCTAssertFalse(try m("^(ai|o2o|smartcar)$", "o2"))
        XCTAssertTrue(try m("b+", "abbc"))  // unanchored: found anywhere, as regex() does in ODK
        XCTAssertTrue(try m("^[^0-9]*$", "한국어 텍스트"))
        XCTAssertTrue(try m("^[가-힣]+$", "한빛"))
        XCTAssertTrue(try m("(?i)^kr$", "KR"))
        XCTAssertTrue(try m(#"\bCo\b"#, "ACME Co Ltd"))
        XCTAssertFalse(try m(#"\bCo\b"#, "ACME Coop"))
        XCTAssertTrue(try m("^a{2,3}$", "aaa"))
        XCTAssertFalse(try m("^a{2,3}$", "aaaa"))
        XCTAssertTrue(try m("^x{0}y$", "y"))
        XCTAssertTrue(try m("^$", ""))
        XCTAssertTrue(try m("^a.c$", "a한c"))
        XCTAssertFalse(try m("^a.c$", "a\nc"))
        XCTAssertTrue(try m(#"^\u0041$"#, "A"))
        XCTAssertTrue(try m("^(a*)*$", "aaaa"))
        XCTAssertTrue(try m("^[\\d.]+$", "12.5"))
        XCTAssertTrue(try m("^a|b$", "xb"))
    }

    func test_patterns_that_hang_backtracking_engines_are_linear() throws {
        // each of these takes exponential or quadratic time in a backtracking engine on a non-matching text
        let evil = try LinearRegex("^(a+)+$"), nested = try LinearRegex("^(a|aa)*c$"), email = try LinearRegex(#"^([a-z0-9]+\.?)+@x$"#)
        let text = String(repeating: "a", count: 20_000) + "!"
        let start = Date()
        XCTAssertFalse(evil.matches(text))
        XCTAssertFalse(nested.matches(text))
        XCTAssertFalse(email.matches(String(repeating: "a.", count: 10_000) + "!"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20, "linear in the text, whatever the pattern")
    }

    func test_unsupported_and_broken_patterns_are_refused_with_a_position() {
        for (pattern, message) in [
            ("(a", "a '(' without its ')'"), ("a)", "an unmatched ')'"), ("[a-", "a '[' without its ']'"), ("*a", "'*' repeats nothing"),
            (#"(a)\1"#, #"back-references (\1) are not supported"#), ("(?=a)", "look-around and other (? groups are not supported"),
            ("a{5,2}", "{5,2}: the upper bound is below the lower"), (#"\q"#, #"unknown escape \q"#),
            ("[z-a]", "a range from a higher to a lower character"),
            ("(a{1000}){1000}", "the pattern is too long once its repetitions are written out"),
        ] {
            XCTAssertThrowsError(try LinearRegex(pattern), pattern) {
                XCTAssertEqual(($0 as? LinearRegex.SyntaxError)?.message, message, pattern)
            }
        }
    }
}
