import CanvassCore
import CanvassSealing
import XCTest

final class StudyKeyTests: XCTestCase {
    func testSealedValuesOpenOnlyWithTheirPrivateKey() throws {
        let key = StudyKey.Private.generate()
        let sealer = key.publicHalf.sealer
        let sealed = try sealer.seal("Hanbit Delivery 有限公司")
        XCTAssertTrue(SealedValue.isSealed(sealed))
        XCTAssertFalse(sealed.contains("Hanbit"))
        XCTAssertEqual(try key.opener.open(sealed), "Hanbit Delivery 有限公司")
        // each seal is new (an ephemeral key), the blind index the same
        let again = try sealer.seal("hanbit  delivery 有限公司")
        XCTAssertNotEqual(sealed, again)
        XCTAssertEqual(SealedValue(sealed)?.identity, SealedValue(again)?.identity)
        // another study's key names the key, a tampered box says it was altered
        let other = StudyKey.Private.generate()
        XCTAssertThrowsError(try other.opener.open(sealed)) { XCTAssertTrue("\($0)".contains("sealed with study key")) }
        var s = try XCTUnwrap(SealedValue(sealed))
        s.box[40] ^= 1
        XCTAssertThrowsError(try key.opener.open(s.text)) { XCTAssertTrue("\($0)".contains("altered")) }
    }

    func testKeysReadBackFromTheirText() throws {
        let key = StudyKey.Private.generate()
        let read = try StudyKey.Private(text: key.text, file: "study.key")
        XCTAssertEqual(read.publicHalf.text, key.publicHalf.text)
        let pub = try StudyKey.Public(text: key.publicHalf.text + "\n")
        XCTAssertEqual(pub.keyID, key.publicHalf.keyID)
        XCTAssertEqual(try key.opener.open(try pub.sealer.seal("x@example.com")), "x@example.com")
        XCTAssertThrowsError(try StudyKey.Public(text: key.text)) { XCTAssertTrue("\($0)".contains("private key")) }
        XCTAssertThrowsError(try StudyKey.Private(text: key.publicHalf.text, file: "pub.txt")) {
            XCTAssertTrue("\($0)".contains("public key"))
        }
        XCTAssertThrowsError(try StudyKey.Public(text: "garbage"))
    }
}
