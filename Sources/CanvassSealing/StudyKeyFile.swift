import CanvassCore
import CanvassFiles
import Foundation

/// The study key's files: a private key is written once, never over another file (a lost private key is every sealed
/// value lost), mode 0600; a public key is read from the command line or from a file.
public enum StudyKeyFile {
    /// A new key pair, its private half written to `path`; returns what to print: the public key, then what to do.
    public static func generate(into path: String) throws -> [String] {
        if FileManager.default.fileExists(atPath: path) {
            throw SealingError(
                "\(path) already exists; a key file is never overwritten (another study's key may be in it): choose another --out")
        }
        let key = StudyKey.Private.generate()
        try OutputFile.write(path, privateMode: true) { try $0.write(key.text) }
        return [
            key.publicHalf.text,
            "(study key \(key.publicHalf.keyID): the private key is in \(path), keep it off the laptops; on each laptop: canvass study "
                + "use-key PUBLIC --db FILE)",
        ]
    }

    /// `text` as a public key, or the public key in the file it names.
    public static func publicKey(_ text: String) throws -> StudyKey.Public {
        if !text.hasPrefix("canvass-"), let data = FileManager.default.contents(atPath: text) {
            return try StudyKey.Public(text: String(decoding: data, as: UTF8.self))
        }
        return try StudyKey.Public(text: text)
    }
}
