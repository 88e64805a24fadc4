import CanvassCore
import XCTest

/// The sealing rules with a stand-in box (not encryption: the rules do not depend on it).
final class SealingTests: XCTestCase {
    let sealer = Sealer(keyID: "00112233aabbccdd", indexKey: Array("index key".utf8)) { Array($0.reversed()) }
    let q = QuestionnaireLoader.load(
        text: """
            questionnaire: t
            version: '1'
            sections:
              - name: s
                questions:
                  - {name: story, type: long_text, label: Story}
                  - {name: firm_name, type: text, label: Firm, identifier: true}
                  - {name: staff, type: integer, label: Staff}
            """
    ).questionnaire!

    func testIdentifiersAreSealedAndTextThatNamesThemRedactedWithItsOriginalBeside() throws {
        let s = Sealing(sealer)
        let w = try s.write(
            [("firm_name", .value("Hanbit Delivery 有限公司")), ("story", .value("ＨＡＮＢＩＴ  delivery waited; Hanbitx did not."))],
            existing: [:], respondent: try sealer.seal("Kim Corp"), questionnaire: q)
        let out = Dictionary(uniqueKeysWithValues: w.changes.map { ($0.key, $0.answer) })
        XCTAssertTrue(SealedValue.isSealed(out["firm_name"]??.value ?? ""))
        XCTAssertEqual(out["story"]??.value, "[firm_name] waited; Hanbitx did not.")
        let original = try XCTUnwrap(SealedValue(out["story#sealed"]??.value ?? ""))
        XCTAssertEqual(String(decoding: original.box.reversed(), as: UTF8.self), "ＨＡＮＢＩＴ  delivery waited; Hanbitx did not.")
        XCTAssertEqual(original.blinds, [], "a text's original needs no blind index")
    }

    func testTextSavedBeforeTheNameIsRedactedWhenTheNameComes() throws {
        let s = Sealing(sealer)
        let first = try s.write([("story", .value("Hanbit Delivery waited a year."))], existing: [:], respondent: "r", questionnaire: q)
        XCTAssertEqual(first.changes.count, 1, "no name known yet: kept as typed")
        // the name arrives sealed already (a later session): found by its blind hashes alone
        let sealedName = try sealer.seal("Hanbit Delivery 有限公司")
        let later = try s.write(
            [("staff", .value("3"))], existing: ["story": .value("Hanbit Delivery waited a year."), "firm_name": .value(sealedName)],
            respondent: "r", questionnaire: q)
        XCTAssertEqual(later.changes.count, 1, "no identifier changed: the saved text is not looked at again")
        let typed = try s.write(
            [("firm_name", .value("Hanbit Delivery 有限公司"))], existing: ["story": .value("Hanbit Delivery waited a year.")],
            respondent: "r", questionnaire: q)
        let out = Dictionary(uniqueKeysWithValues: typed.changes.map { ($0.key, $0.answer) })
        XCTAssertEqual(out["story"]??.value, "[firm_name] waited a year.")
        XCTAssertNotNil(out["story#sealed"] ?? nil)
        XCTAssertEqual(typed.redactedAgain, ["story"])
        XCTAssertEqual(typed.redaction?.apply("Hanbit Delivery said no"), "[firm_name] said no", "the audit trail is redacted alike")
    }

    func testABlindRedactionFindsWhatAClearOneFinds() throws {
        let texts = ["hanbit delivery co., ltd. 에서", "Hanbit Delivery", "HanbitDelivery", "Ｈａｎｂｉｔ Delivery 有限公司 said", "Leeds Hanbit"]
        let clear = Redaction(q, answers: ["firm_name": .value("Hanbit Delivery 有限公司")], respondent: nil)
        let blind = Redaction(q, answers: ["firm_name": .value(try sealer.seal("Hanbit Delivery 有限公司"))], respondent: nil, sealer: sealer)
        for t in texts { XCTAssertEqual(blind.apply(t), clear.apply(t), t) }
        // another study's sealed value is passed over
        let other = Sealer(keyID: "ffffffffffffffff", indexKey: [1]) { $0 }
        XCTAssertEqual(
            Redaction(q, answers: ["firm_name": .value(try other.seal("Hanbit"))], respondent: nil, sealer: sealer).apply("Hanbit"),
            "Hanbit")
        XCTAssertThrowsError(
            try Sealing(sealer).write([("firm_name", .value(try other.seal("x")))], existing: [:], respondent: "r", questionnaire: q))
    }
}
