import CanvassTestSupport
import Foundation
import XCTest

/// The README's shell blocks, run in order on a fresh folder with the example files: every command must succeed, and
/// the output lines the README shows after a command (`#   ...`) must be what it prints (times aside). A README
/// change that breaks the tour fails here.
final class ReadmeTourTests: XCTestCase {
    struct Step {
        var command: String
        var shown: [String]
        var line: Int
    }

    static func steps(_ readme: String) -> [Step] {
        var steps: [Step] = []
        var inShell = false
        var pending = ""
        let lines = readme.components(separatedBy: "\n")
        for (n, raw) in lines.enumerated() {
            if raw.hasPrefix("```") {
                inShell = raw == "```sh"
                continue
            }
            guard inShell else { continue }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#   "), var last = steps.popLast() {
                // shown output of the command above, until a line that is not
                last.shown.append(String(raw.dropFirst(raw.hasPrefix("#   ") ? 4 : 0)))
                steps.append(last)
                continue
            }
            if line.hasPrefix("#") || line.isEmpty || line.hasPrefix("alias ") { continue }
            if line.hasSuffix("\\") {
                pending += String(line.dropLast()) + " "
                continue
            }
            steps.append(Step(command: pending + line, shown: [], line: n + 1))
            pending = ""
        }
        return steps
    }

    /// Output lines compared as shown: times replaced, trailing spaces dropped.
    static func normal(_ s: String) -> String {
        var t = s.replacingOccurrences(
            of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)"#, with: "TIME", options: .regularExpression)
        while t.last == " " { t.removeLast() }
        return t
    }

    func test_the_readme_tour_runs_as_written() throws {
        let h = try Harness()
        defer { h.remove() }
        for folder in ["schemas", "fixtures", "tabulations", "coding"] {
            try FileManager.default.copyItem(at: Harness.root.appendingPathComponent(folder), to: h.dir.appendingPathComponent(folder))
        }
        let readme = try String(contentsOf: Harness.root.appendingPathComponent("README.md"), encoding: .utf8)
        let steps = Self.steps(readme).filter {
            !$0.command.hasPrefix("swift ") && !$0.command.hasPrefix("bash ") && !$0.command.hasPrefix("scripts/")
        }
        XCTAssertGreaterThan(steps.count, 40)
        var checked = 0
        for step in steps {
            let script = "canvass() { '\(Harness.binary.path)' \"$@\"; }\nexport NO_COLOR=1\n" + step.command + "\n"
            let r = try h.run(["-c", script], executable: "/bin/bash")
            XCTAssertEqual(r.status, 0, "README line \(step.line): \(step.command)\n\(r.err)")
            let printed = (r.out + r.err).components(separatedBy: "\n").map(Self.normal)
            for shown in step.shown where !shown.contains("...") {
                XCTAssertTrue(
                    printed.contains(Self.normal(shown)),
                    "README line \(step.line): \(step.command)\nshows: \(shown)\nprinted:\n\(r.out.prefix(3000))")
                checked += 1
            }
        }
        print("reliability: README tour: \(steps.count) commands run, \(checked) shown output lines checked")
    }
}
