import CSQLite
import CanvassCore

/// A storage failure as a sentence a person can act on, with the kind of failure for code that must tell them apart.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// An interview with this key is already in the database.
        case duplicateKey
        /// Another connection holds the database longer than the busy timeout.
        case busy
        /// The file was moved, replaced or truncated while in use (the message names the rescue copy).
        case replaced
        /// Written by an older Canvass: it needs a writable open to be brought up to date.
        case olderSchema
        case other
    }

    public var message: String
    public var kind: Kind
    /// SQLite's extended result code, for the messages `DatabaseFileCheck.explain` gives.
    var code: Int32

    init(_ message: String, code: Int32 = SQLITE_ERROR) {
        self.message = message
        self.code = code
        switch code {
        case Self.constraintUnique, Self.constraintPrimaryKey: kind = .duplicateKey
        case _ where code & 0xff == SQLITE_BUSY: kind = .busy
        default: kind = .other
        }
    }

    public init(_ message: String, kind: Kind) {
        self.message = message
        self.kind = kind
        self.code = SQLITE_ERROR
    }

    public var description: String { message }

    // Swift does not import SQLite's extended codes (they are macros over macros).
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
}
extension StorageError: UserFacingError {}
