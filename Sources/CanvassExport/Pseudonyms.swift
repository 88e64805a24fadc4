import CanvassCore

/// Stable keyed hashes of interview keys: the same interview gets the same pseudonym in every file from one
/// database, and nobody without the database's key can link a pseudonym back to a row.
public struct Pseudonyms: Sendable {
    public let function: @Sendable (String) -> String
    public init(key: [UInt8]) {
        function = { "p" + String(HMAC.sha256Hex(key: key, message: Array($0.utf8)).prefix(16)) }
    }
}

/// Numbers in files as people read them: whole numbers without a point, others to three decimals.
public enum TableNumber {
    public static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String((v * 1000).rounded() / 1000)
    }
}
