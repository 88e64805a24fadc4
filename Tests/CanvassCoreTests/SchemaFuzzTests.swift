import Foundation
import XCTest

@testable import CanvassCore

/// Mutated questionnaire files: every outcome is a questionnaire or located diagnostics, never a crash or a hang.
final class SchemaFuzzTests: XCTestCase {
    func test_mutated_questionnaires_give_located_diagnostics() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let base = try String(contentsOf: root.appendingPathComponent("schemas/firm_case.yaml"), encoding: .utf8)
        let lines = base.components(separatedBy: "\n")
        var state: UInt64 = 99
        func rnd(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(1, n)))
        }
        let junk = [
            "{", "}", "[", "]", ":", "- ", "&a ", "*a", "!!binary ", "\t", "'", "\"", "${", "${x}", ")", "((((", "selected(", " and ", "#",
            "? ", "|", ">", "%", "@", "`", "\u{0}", "\u{FEFF}", "type: zzz", "name: q1", "relevant: \"${consent} = 'yes'\"",
            "constraint: \". > \"", "choices: nolist",
        ]
        let count = ProcessInfo.processInfo.environment["CANVASS_STRESS"] == "1" ? 10_000 : 1_000
        var withErrors = 0
        let start = Date()
        for _ in 0..<count {
            var m = lines
            for _ in 0..<(1 + rnd(4)) {
                let i = rnd(m.count)
                switch rnd(6) {
                case 0: m.remove(at: i)
                case 1: m.insert(m[rnd(m.count)], at: i)
                case 2: m[i] = String(m[i].prefix(rnd(m[i].count + 1)))
                case 3:
                    var l = Array(m[i])
                    l.insert(contentsOf: Array(junk[rnd(junk.count)]), at: rnd(l.count + 1))
                    m[i] = String(l)
                case 4: m[i] = String(repeating: " ", count: rnd(12)) + m[i].trimmingCharacters(in: .whitespaces)
                default: m.swapAt(i, rnd(m.count))
                }
            }
            let text = m.joined(separator: "\n")
            let result = QuestionnaireLoader.load(text: text)
            if result.questionnaire == nil {
                withErrors += 1
                XCTAssertFalse(result.errors.isEmpty)
            }
            for d in result.diagnostics {
                XCTAssertGreaterThanOrEqual(d.location.line, 1)
                XCTAssertGreaterThanOrEqual(d.location.column, 1)
                XCTAssertLessThanOrEqual(d.location.line, m.count + 1, d.message)
                XCTAssertFalse(d.message.isEmpty)
            }
        }
        // hostile documents: an alias bomb and very deep nesting
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<10 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]\n" }
        bomb += "questionnaire: d\nversion: '1'\nsections:\n  - name: s\n    questions: *a9\n"
        XCTAssertNil(QuestionnaireLoader.load(text: bomb).questionnaire)
        let deep =
            "questionnaire: d\nversion: '1'\nsections: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            + "\n"
        XCTAssertEqual(QuestionnaireLoader.load(text: deep).errors.first?.code, .tooLarge)
        var block = "questionnaire: d\nversion: '1'\nsections:\n"
        for i in 0..<3000 { block += String(repeating: " ", count: i) + "- x:\n" }
        _ = QuestionnaireLoader.load(text: block)
        XCTAssertLessThan(Date().timeIntervalSince(start), 120)
        print("reliability: \(count) mutated questionnaires (\(withErrors) with errors) and 3 hostile documents, 0 crashes")
    }
}
