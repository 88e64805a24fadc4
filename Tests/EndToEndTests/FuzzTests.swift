import CanvassCore
import CanvassTestSupport
import Foundation
import XCTest

/// Random and adversarial input through the binary: no crash, no hang, no stack trace.
final class FuzzTests: XCTestCase {
    func test_random_prompt_lines_never_crash_the_interview() throws {
        try fuzz("firm_case.yaml", seed: 7, lines: ReliabilityTests.stress ? 100_000 : 10_000, first: "y\nFuzz Ltd")
    }

    /// The same on a questionnaire of repeats: "Add another?", nested instances, jumps by repeat path.
    func test_random_prompt_lines_never_crash_a_meeting_interview() throws {
        try fuzz(
            "expert_meeting.yaml", seed: 11, lines: ReliabilityTests.stress ? 50_000 : 4_000, first: "2018-05-05",
            extra: [
                ":jump participant[2]/role", ":jump role", ":jump agenda[1]/view[1]/view_text", ":jump participant[9]", ":review", ":where",
                ":next", ":note fuzz", ":lang zh", ":lang en", "y", "y", "n", "presenter", "observer", "2", ":confirm why",
            ])
    }

    func fuzz(_ schemaFile: String, seed: UInt64, lines total: Int, first: String, extra: [String] = []) throws {
        let h = try Harness()
        defer { h.remove() }
        let schema = Harness.root.appendingPathComponent("schemas/" + schemaFile).path
        var rng = SeededGenerator(seed: seed)
        let commands =
            [
                ":dk", ":rf", ":back", ":skip", ":help", ":b", ":h", "::", ":", "::x", ":jump 3", ":dk extra", "", " ", ".", "y", "n", "1",
                "0", "-1", "99999999999999999999999", "1e9", "nan", "inf", "2018-02-30", "csl tbt", "1,2,,3", "한국어", "\t", "\u{0}",
                "\u{1B}[31m",
            ] + extra
        var lines: [[UInt8]] = [Array(first.utf8)]
        for _ in 0..<total {
            let k = rng.unit()
            var line: [UInt8]
            if k < 0.5 {
                line = Array(commands[rng.below(commands.count)].utf8)
            } else if k < 0.7 {
                line = (0..<rng.below(40)).map { _ in UInt8(rng.below(256)) }
            } else if k < 0.72 {
                line = Array(repeating: UInt8(ascii: "x"), count: rng.below(200_000))
            } else {
                line = Array(
                    String(String.UnicodeScalarView((0..<rng.below(30)).compactMap { _ in Unicode.Scalar(UInt32(32 + rng.below(0x3000))) }))
                        .utf8)
            }
            line = line.map { $0 == 10 ? 32 : $0 }
            if let s = String(validating: line, as: UTF8.self), s.lowercased().hasPrefix(":q") || s.hasPrefix(":pause") { continue }
            lines.append(line)
        }
        var input = Data()
        for l in lines {
            input.append(contentsOf: l)
            input.append(10)
        }
        let file = h.path("fuzz.txt")
        try input.write(to: URL(fileURLWithPath: file))
        // run until the input is used up: each run ends (completed, or end of input) and the next resumes
        let start = Date()
        let p = try Spawned.run(
            "/bin/bash",
            [
                "-c", "\"$0\" interview new \"$1\" --respondent F --interviewer z --db \"$2\" < \"$3\"", Harness.binary.path, schema,
                h.db, file,
            ], stdout: .null, timeout: 180)
        let message = p.err
        XCTAssertEqual(p.ending, .exited(0), message)
        XCTAssertEqual(message, "")
        XCTAssertLessThan(Date().timeIntervalSince(start), 120)
        print("reliability: \(lines.count) fuzzed prompt lines, 0 crashes")
    }
}
