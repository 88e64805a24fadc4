import XCTest

@testable import CanvassCore

final class ExpressionTests: XCTestCase {
    func eval(_ text: String, current: String = "", _ values: [String: String] = [:]) throws -> ExpressionValue {
        let e = try ExpressionParser.parse(text)
        return ExpressionEvaluator(current: current) { values[$0] ?? "" }.evaluate(e)
    }

    func test_numeric_comparison_of_an_answer() throws {
        XCTAssertEqual(try eval("${firm_size} > 50", ["firm_size": "120"]), .boolean(true))
        XCTAssertEqual(try eval("${firm_size} > 50", ["firm_size": "7"]), .boolean(false))
    }

    func test_unanswered_reads_as_empty_and_compares_false() throws {
        XCTAssertEqual(try eval("${firm_size} > 50"), .boolean(false))
        XCTAssertEqual(try eval("${firm_size} = ''"), .boolean(true))
    }

    func test_selected_and_count_selected() throws {
        let v = ["concerns": "csl tbt_cert"]
        XCTAssertEqual(try eval("selected(${concerns}, 'csl')", v), .boolean(true))
        XCTAssertEqual(try eval("selected(${concerns}, 'cs')", v), .boolean(false))
        XCTAssertEqual(try eval("count-selected(${concerns})", v), .number(2))
    }

    func test_precedence_follows_xpath() throws {
        XCTAssertEqual(try eval("1 + 2 * 3"), .number(7))
        XCTAssertEqual(try eval("10 div 4"), .number(2.5))
        XCTAssertEqual(try eval("10 mod 4"), .number(2))
        XCTAssertEqual(try eval("-2 * 3"), .number(-6))
        XCTAssertEqual(try eval("1 = 1 or 1 = 2 and 1 = 3"), .boolean(true))
        XCTAssertEqual(try eval("(1 = 1 or 1 = 2) and 1 = 3"), .boolean(false))
    }

    func test_dot_is_the_answer_being_checked() throws {
        XCTAssertEqual(try eval(". >= 1 and . <= 5000000", current: "120"), .boolean(true))
        XCTAssertEqual(try eval(". >= 1 and . <= 5000000", current: "0"), .boolean(false))
    }

    func test_functions() throws {
        XCTAssertEqual(try eval("if(${a} = 'yes', 'Y', 'N')", ["a": "yes"]), .string("Y"))
        XCTAssertEqual(try eval("not(${a} = 'yes')", ["a": "no"]), .boolean(true))
        XCTAssertEqual(try eval("string-length('한국어')"), .number(3))
        XCTAssertEqual(try eval("regex('a@b.cn', '^[^@]+@[^@]+$')"), .boolean(true))
        XCTAssertEqual(try eval("round(2.456, 2)"), .number(2.46))
        XCTAssertEqual(try eval("concat('a', 1, 'b')"), .string("a1b"))
    }

    func test_string_equality_and_number_equality() throws {
        XCTAssertEqual(try eval("${s} = 'o2o'", ["s": "o2o"]), .boolean(true))
        XCTAssertEqual(try eval("${n} = 5", ["n": "5.0"]), .boolean(true))
        XCTAssertEqual(try eval("${d} < '2018-07-01'", ["d": "2018-06-30"]), .boolean(true))
    }

    func test_division_by_zero_does_not_trap() throws {
        XCTAssertEqual(try eval("int(1 div 0) > 0"), .boolean(true))
        XCTAssertEqual(try eval("1 mod 0").numberValue.isNaN, true)
    }

    func test_syntax_error_points_at_the_bad_token() {
        XCTAssertThrowsError(try ExpressionParser.parse("${q1} > > 50")) { error in
            let e = error as! ExpressionError
            XCTAssertEqual(e.kind, .syntax)
            XCTAssertEqual(e.offset, 8)
        }
        XCTAssertThrowsError(try ExpressionParser.parse("selected(${q}, 'a'")) { XCTAssertEqual(($0 as! ExpressionError).kind, .syntax) }
        XCTAssertThrowsError(try ExpressionParser.parse("${q")) { XCTAssertEqual(($0 as! ExpressionError).offset, 0) }
        XCTAssertThrowsError(try ExpressionParser.parse("")) { XCTAssertEqual(($0 as! ExpressionError).kind, .syntax) }
    }

    func test_unknown_function_and_arity() {
        XCTAssertThrowsError(try ExpressionParser.parse("selectd(${q}, 'a')")) {
            XCTAssertEqual(($0 as! ExpressionError).kind, .unknownFunction)
        }
        XCTAssertThrowsError(try ExpressionParser.parse("selected(${q})")) { XCTAssertEqual(($0 as! ExpressionError).kind, .wrongArity) }
    }

    func test_deep_nesting_is_refused_not_crashed() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        XCTAssertThrowsError(try ExpressionParser.parse(deep)) { XCTAssertEqual(($0 as! ExpressionError).kind, .tooDeep) }
        let minus = String(repeating: "-", count: 10_000) + "1"
        XCTAssertThrowsError(try ExpressionParser.parse(minus)) { XCTAssertEqual(($0 as! ExpressionError).kind, .tooDeep) }
    }

    func test_references_are_listed_with_offsets() throws {
        let e = try ExpressionParser.parse("${a} > 1 and selected(${b}, 'x')")
        XCTAssertEqual(e.references.map(\.name), ["a", "b"])
        XCTAssertEqual(e.references.map(\.offset), [0, 22])
    }
}
