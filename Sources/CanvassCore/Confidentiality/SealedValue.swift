import Foundation

/// An answer sealed with the study's public key, as the database stores it in place of the value:
/// `sealed:1:KEYID:BLINDS:BOX`.
///
/// - KEYID: which study key sealed it (16 hex digits), so a wrong key is named, not tried.
/// - BLINDS: keyed hashes of the value's name forms (`Redaction.variants`), `;`-separated, each `LENGTH.EDGES.HASH`:
///   the first is the whole name (the blind index that finds the same firm interviewed twice), the others let free
///   text saved later be redacted without the name being readable. EDGES (0-3) says whether the form starts and ends
///   with a Latin letter or digit, for the whole-word rule.
/// - BOX: the HPKE encapsulated key and ciphertext, base64.
///
/// Everything here is pure: the cryptography is handed in as a `Sealer` or an `Opener` (module CanvassSealing).
public struct SealedValue: Sendable, Equatable {
    public struct Blind: Sendable, Equatable {
        /// The folded form's length in scalars.
        public var length: Int
        public var startsWord: Bool
        public var endsWord: Bool
        public var nameLike: Bool
        public var hash: String
    }

    public var keyID: String
    public var blinds: [Blind]
    public var box: [UInt8]

    public static let prefix = "sealed:1:"
    /// What every listing, the audit trail and a check show instead of a sealed value.
    public static let shown = "(sealed)"

    public static func isSealed(_ s: String) -> Bool { s.hasPrefix(prefix) }

    public init(keyID: String, blinds: [Blind], box: [UInt8]) {
        (self.keyID, self.blinds, self.box) = (keyID, blinds, box)
    }

    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let box = Data(base64Encoded: String(parts[2])) else { return nil }
        var blinds: [Blind] = []
        for entry in parts[1].split(separator: ";") {
            let f = entry.split(separator: ".")
            guard f.count == 3, let length = Int(f[0]), length > 0, let edges = Int(f[1]), (0...7).contains(edges) else { return nil }
            blinds.append(
                Blind(length: length, startsWord: edges & 1 != 0, endsWord: edges & 2 != 0, nameLike: edges & 4 != 0, hash: String(f[2])))
        }
        self.init(keyID: String(parts[0]), blinds: blinds, box: Array(box))
    }

    public var text: String {
        let b = blinds.map { "\($0.length).\(($0.startsWord ? 1 : 0) | ($0.endsWord ? 2 : 0) | ($0.nameLike ? 4 : 0)).\($0.hash)" }.joined(
            separator: ";")
        return Self.prefix + keyID + ":" + b + ":" + Data(box).base64EncodedString()
    }

    /// The blind index: the keyed hash of the whole name, folded.
    public var identity: String? { blinds.first?.hash }

    /// `s` as a listing may show it: a sealed value as `(sealed)`.
    public static func shown(_ s: String) -> String { isSealed(s) ? shown : s }
}

/// Seals text with the study's public key: what a field laptop holds. `box` is the public-key encryption (HPKE);
/// the blind hashes are keyed with `indexKey`, which goes with the public key to the laptops.
public struct Sealer: Sendable {
    public let keyID: String
    let indexKey: [UInt8]
    let box: @Sendable ([UInt8]) throws -> [UInt8]

    public init(keyID: String, indexKey: [UInt8], box: @escaping @Sendable ([UInt8]) throws -> [UInt8]) {
        (self.keyID, self.indexKey, self.box) = (keyID, indexKey, box)
    }

    /// The keyed hash of a folded name form.
    public func blind(_ folded: some Collection<UInt32>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.count * 3)
        for v in folded { if let s = Unicode.Scalar(v) { UTF8.encode(s) { bytes.append($0) } } }
        return String(HMAC.sha256Hex(key: indexKey, message: bytes).prefix(24))
    }

    /// `text` sealed, with the blind hashes of its whole form and its name-like forms (`indexed`; a free text's original
    /// needs none).
    public func seal(_ text: String, indexed: Bool = true) throws -> String {
        guard indexed else { return SealedValue(keyID: keyID, blinds: [], box: try box(Array(text.utf8))).text }
        let whole = Redaction.foldAll(text)
        var forms = [whole]
        for v in Redaction.variants(of: text) where Redaction.isNameLike(v) && v != whole { forms.append(v) }
        let blinds = forms.filter { !$0.isEmpty }.map { f in
            SealedValue.Blind(
                length: f.count, startsWord: Redaction.isWordScalar(f[0]), endsWord: Redaction.isWordScalar(f[f.count - 1]),
                nameLike: Redaction.isNameLike(f), hash: blind(f))
        }
        return SealedValue(keyID: keyID, blinds: blinds, box: try box(Array(text.utf8))).text
    }
}

/// Opens what a `Sealer` of the same study key sealed: the principal investigator's private key.
public struct Opener: Sendable {
    public let keyID: String
    let open: @Sendable ([UInt8]) throws -> [UInt8]

    public init(keyID: String, open: @escaping @Sendable ([UInt8]) throws -> [UInt8]) {
        (self.keyID, self.open) = (keyID, open)
    }

    /// The text sealed in `sealed`; a value that is not sealed is returned as it is.
    public func open(_ value: String) throws -> String {
        guard let s = SealedValue(value) else {
            if SealedValue.isSealed(value) { throw SealingError("a sealed value is damaged (it does not read as sealed:1:KEY:BLINDS:BOX)") }
            return value
        }
        guard s.keyID == keyID else {
            throw SealingError("values here are sealed with study key \(s.keyID), and the key given is \(keyID); give that study's key")
        }
        do {
            return String(decoding: try open(s.box), as: UTF8.self)
        } catch {
            throw SealingError("a value sealed with study key \(s.keyID) does not open with the key given: it was altered")
        }
    }
}

/// A sealing problem, said in one sentence.
public struct SealingError: Error, CustomStringConvertible, UserFacingError {
    public var message: String { description }
    public let description: String
    public init(_ d: String) { description = d }
}
