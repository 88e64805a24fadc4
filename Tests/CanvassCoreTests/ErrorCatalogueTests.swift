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
        // the questionnaire codes, before the XLSForm part
        let questionnaires = text.components(separatedBy: "\n# XLSForm problems")[0]
        for chunk in questionnaires.components(separatedBy: "\n## ").dropFirst() {
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

    /// The XLSForm part: each code with a CSV form, the position as SHEET:ROW:COLUMN and the message.
    static func xlsformEntries() throws -> [(code: String, csv: String, at: String, message: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        let part = text.components(separatedBy: "\n# XLSForm problems").dropFirst().joined()
        return part.components(separatedBy: "\n## ").dropFirst().compactMap { chunk in
            let code = String(chunk.prefix { $0 != "\n" })
            guard let start = chunk.range(of: "```csv\n"), let end = chunk.range(of: "\n```", range: start.upperBound..<chunk.endIndex),
                let at = chunk.range(of: "Reported at: `"), let quote = chunk.range(of: "\n> ")
            else { return nil }
            return (
                code, String(chunk[start.upperBound..<end.lowerBound]), String(chunk[at.upperBound...].prefix { $0 != "`" }),
                String(chunk[quote.upperBound...].prefix { $0 != "\n" })
            )
        }
    }

    func test_every_xlsform_example_reports_its_code_at_its_cell() throws {
        let entries = try Self.xlsformEntries()
        XCTAssertEqual(Set(entries.map(\.code)), Set(XLSFormCode.allCases.map(\.rawValue)))
        for e in entries {
            let form = XLSFormImport(XLSFormSheets(csv: e.csv + "\n"), fallbackID: "example")
            let match = form.problems.first { $0.code == e.code }
            XCTAssertNotNil(match, "\(e.code): example reports \(form.problems.map(\.code))")
            XCTAssertEqual(match?.location.description, e.at, e.code)
            XCTAssertEqual(match?.message, e.message, e.code)
        }
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
