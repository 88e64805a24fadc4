import CanvassCore
import CanvassTestSupport
import Foundation
import XCTest

/// `schema export --xlsform`: the study's questionnaires as XLSForms that pyxform converts and ODK Validate (ODK's
/// own form engine, run by pyxform) accepts, with the same questions, types, logic and choices as the YAML.
final class XLSFormEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    /// The XForm's binds, one line each: name, type, and which of relevant (R), constraint (C), calculate (K) and
    /// required (Q) it has; then every choice value of its instances.
    static let binds = """
        import sys, xml.etree.ElementTree as ET
        x = '{http://www.w3.org/2002/xforms}'
        root = ET.parse(sys.argv[1]).getroot()
        for b in root.iter(x + 'bind'):
            flags = ''.join(f for f, k in [('R', 'relevant'), ('C', 'constraint'), ('K', 'calculate')] if b.get(k))
            flags += 'Q' if b.get('required') == 'true()' else ''
            print('bind', b.get('nodeset').split('/')[-1], b.get('type', 'group'), flags or '-')
        for i in root.iter(x + 'item'):
            n = i.find(x + 'name')
            if n is not None: print('choice', n.text)
        """

    func test_the_study_questionnaires_convert_in_pyxform_and_pass_odk_validate() throws {
        guard (try? Spawned.run("/usr/bin/env", ["xls2xform", "--help"]).status) == 0 else {
            throw XCTSkip("pyxform's xls2xform is not installed (pip install pyxform; .ci/run installs it)")
        }
        guard (try? Spawned.run("/usr/bin/env", ["java", "-version"]).status) == 0 else {
            throw XCTSkip("Java is not installed: ODK Validate needs it (.ci/run installs default-jre-headless)")
        }
        for name in ["firm_case", "expert_survey", "expert_meeting"] {
            let yaml = Harness.root.appendingPathComponent("schemas/\(name).yaml").path
            let form = h.path(name + ".xlsx"), xform = h.path(name + ".xml")
            let r = try h.run(["schema", "export", yaml, "--xlsform", form])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains("Not carried over as in Canvass:") && r.out.contains("questions accept dk/rf"), r.out)
            let converted = try Spawned.run("/usr/bin/env", ["xls2xform", "--odk_validate", form, xform], timeout: 240)
            XCTAssertEqual(converted.status, 0, name + ": " + converted.out + converted.err)
            XCTAssertFalse((converted.out + converted.err).contains("Invalid"), converted.out + converted.err)
            let listed = try Spawned.run("/usr/bin/python3", ["-c", Self.binds, xform])
            XCTAssertEqual(listed.status, 0, listed.err)
            var binds: [String: (type: String, flags: String)] = [:]
            var choices = Set<String>()
            for line in listed.out.split(separator: "\n") {
                let p = line.split(separator: " ").map(String.init)
                if p.first == "bind", p.count == 4 { binds[p[1]] = (p[2], p[3]) }
                if p.first == "choice", p.count == 2 { choices.insert(p[1]) }
            }
            // the questionnaire as Canvass reads it, against what ODK's form says
            let q = try XCTUnwrap(QuestionnaireLoader.load(text: String(contentsOfFile: yaml, encoding: .utf8)).questionnaire)
            let types: [QuestionType: String] = [
                .text: "string", .longText: "string", .integer: "int", .decimal: "decimal", .date: "date", .selectOne: "string",
                .selectMultiple: "string", .yesNo: "string", .scale: "int", .note: "string", .calculate: "string",
            ]
            for question in q.questions {
                guard let b = binds[question.name] else {
                    XCTFail("\(name): \(question.name) is not in the XForm")
                    continue
                }
                XCTAssertEqual(b.type, types[question.type], "\(name): \(question.name)")
                XCTAssertEqual(b.flags.contains("R"), question.relevant != nil, "\(name): \(question.name) relevant")
                XCTAssertEqual(
                    b.flags.contains("C"), question.constraint != nil || question.type == .scale, "\(name): \(question.name) constraint")
                XCTAssertEqual(b.flags.contains("K"), question.calculation != nil, "\(name): \(question.name) calculation")
                // ODK makes the NAME_other of or_other itself, not required
                let madeByODK = question.name.hasSuffix("_other") && r.out.contains("or_other questions written as XLSForm's or_other")
                if !madeByODK { XCTAssertEqual(b.flags.contains("Q"), question.required, "\(name): \(question.name) required") }
                for c in question.choices { XCTAssertTrue(choices.contains(c.code), "\(name): choice \(c.code) of \(question.name)") }
            }
            for group in q.groups where group.relevant != nil {
                XCTAssertTrue(binds[group.name]?.flags.contains("R") == true, "\(name): group \(group.name) relevant")
            }
            for section in q.sections where section.relevant != nil {
                XCTAssertTrue(binds[section.name]?.flags.contains("R") == true, "\(name): section \(section.name) relevant")
            }
        }
        // a questionnaire that cannot be read is one clear error, and nothing is written
        let bad = try h.write("bad.yaml", "questionnaire: x\n")
        let refused = try h.run(["schema", "export", bad, "--xlsform", h.path("bad.xlsx")])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("bad.yaml:1:1"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.path("bad.xlsx")))
    }
}
