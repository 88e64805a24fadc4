import CanvassCore
import Crypto
import Foundation

/// The study's key pair. The principal investigator makes it once (`canvass study keygen`) and keeps the private half
/// off the field laptops; the laptops get the public half (`canvass study use-key`), which seals identifier answers as
/// they are saved. Sealing is HPKE (RFC 9180) in base mode, X25519 + HKDF-SHA256 + ChaCha20-Poly1305, from swift-crypto.
///
/// The public half also carries the study's blind-index key (derived from the private key), so that every laptop
/// hashes a firm's name alike: duplicates are found and free text redacted without the name being readable.
public enum StudyKey {
    static var suite: HPKE.Ciphersuite { .Curve25519_SHA256_ChachaPoly }
    static let info = Data("canvass study key 1".utf8)
    static let publicPrefix = "canvass-study-public-1:"
    static let privateHeader = "canvass-study-private-key-1"

    /// The public half as text: the X25519 public key and the blind-index key, base64.
    public struct Public: Sendable {
        /// The X25519 public key's 32 bytes.
        let raw: [UInt8]
        let indexKey: [UInt8]

        public var text: String { StudyKey.publicPrefix + Data(raw + indexKey).base64EncodedString() }
        /// 16 hex digits naming the key pair (stored with every sealed value).
        public var keyID: String {
            String(Crypto.SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16))
        }

        public init(text: String) throws {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard t.hasPrefix(StudyKey.publicPrefix), let raw = Data(base64Encoded: String(t.dropFirst(StudyKey.publicPrefix.count))),
                raw.count == 64, (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw.prefix(32))) != nil
            else {
                throw SealingError(
                    t.hasPrefix(StudyKey.privateHeader)
                        ? "this is the study's private key; the laptops take its public key (canvass study keygen printed it)"
                        : "this is not a Canvass study public key (it starts with \(StudyKey.publicPrefix))")
            }
            (self.raw, indexKey) = (Array(raw.prefix(32)), Array(raw.suffix(32)))
        }

        init(raw: [UInt8], indexKey: [UInt8]) { (self.raw, self.indexKey) = (raw, indexKey) }

        /// What seals values on a laptop.
        public var sealer: Sealer {
            let raw = self.raw
            return Sealer(keyID: keyID, indexKey: indexKey) { plain in
                let key = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
                var sender = try HPKE.Sender(recipientKey: key, ciphersuite: StudyKey.suite, info: StudyKey.info)
                let box = try sender.seal(plain)
                return Array(sender.encapsulatedKey) + Array(box)
            }
        }
    }

    /// The private half: what opens sealed values.
    public struct Private: Sendable {
        /// The X25519 private key's 32 bytes.
        let raw: [UInt8]
        var key: Curve25519.KeyAgreement.PrivateKey { try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) }

        public var publicHalf: Public {
            let index = HKDF<Crypto.SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: key.rawRepresentation), info: Data("canvass blind index 1".utf8), outputByteCount: 32)
            return Public(raw: Array(key.publicKey.rawRepresentation), indexKey: index.withUnsafeBytes { Array($0) })
        }

        /// The key file's text.
        public var text: String { StudyKey.privateHeader + "\n" + key.rawRepresentation.base64EncodedString() + "\n" }

        public static func generate() -> Private { Private(raw: Array(Curve25519.KeyAgreement.PrivateKey().rawRepresentation)) }

        public init(text: String, file: String) throws {
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            guard lines.count == 2, lines[0] == StudyKey.privateHeader, let raw = Data(base64Encoded: lines[1]), raw.count == 32,
                (try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)) != nil
            else {
                throw SealingError(
                    text.hasPrefix(StudyKey.publicPrefix)
                        ? "\(file) holds the study's public key; opening sealed values needs the private key file (canvass study keygen --out)"
                        : "\(file) is not a Canvass study key file (its first line is \(StudyKey.privateHeader))")
            }
            self.raw = Array(raw)
        }

        init(raw: [UInt8]) { self.raw = raw }

        /// Reads a key file.
        public static func read(_ path: String) throws -> Private {
            guard let data = FileManager.default.contents(atPath: path) else { throw SealingError("cannot read the key file \(path)") }
            return try Private(text: String(decoding: data, as: UTF8.self), file: path)
        }

        /// What opens values sealed to this key pair.
        public var opener: Opener {
            let raw = self.raw
            return Opener(keyID: publicHalf.keyID) { sealed in
                guard sealed.count > 32 else { throw SealingError("too short") }
                let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
                var recipient = try HPKE.Recipient(
                    privateKey: key, ciphersuite: StudyKey.suite, info: StudyKey.info, encapsulatedKey: Data(sealed.prefix(32)))
                return Array(try recipient.open(Data(sealed.dropFirst(32))))
            }
        }
    }
}
