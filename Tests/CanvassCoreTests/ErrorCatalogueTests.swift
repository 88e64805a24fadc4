import XCTest

@testable import CanvassCore

/// docs/errors.md is the error catalogue: every code is documented there, and every example
/// there reports its code at the position it states (as pyxform's tests follow its error list).
final class ErrorCatalogueTests: XCTestCase {
    struct Entry {
        var code: String
        var yaml: String
        var line: Int
        var column: Int
    }

    static func entries() throws -> [Entry] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        var out: [Entry] = []
        for chunk in text.components(separatedBy: "\n## ").dropFirst() {
            let code = String(chunk.prefix { $0 != "\n" })
            guard let start = chunk.range(of: "```yaml\n"), let end = chunk.range(of: "\n```", range: start.upperBound..<chunk.endIndex),
                let at = chunk.range(of: "Reported at: `")
            else {
                XCTFail("entry \(code) lacks an example or position")
                continue
            }
            let pos = chunk[at.upperBound...].prefix { $0 != "`" }.split(separator: ":").compactMap { Int($0) }
            out.append(Entry(code: code, yaml: String(chunk[start.upperBound..<end.lowerBound]), line: pos[0], column: pos[1]))
        }
        return out
    }

    func test_every_code_is_documented() throws {
        let documented = Set(try Self.entries().map(\.code))
        for code in DiagnosticCode.allCases {
            XCTAssertTrue(documented.contains(code.rawValue), "docs/errors.md has no entry for \(code.rawValue)")
        }
    }

    func test_every_example_reports_its_code_at_the_stated_position() throws {
        let entries = try Self.entries()
        XCTAssertEqual(entries.count, DiagnosticCode.allCases.count)
        for e in entries {
            let diagnostics = QuestionnaireLoader.load(text: e.yaml + "\n").diagnostics
            let match = diagnostics.first { $0.code.rawValue == e.code }
            XCTAssertNotNil(match, "\(e.code): example reports \(diagnostics.map(\.code.rawValue))")
            XCTAssertEqual(match?.location, SourceLocation(line: e.line, column: e.column), e.code)
        }
    }
}
