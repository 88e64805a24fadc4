import ArgumentParser
import CanvassSealing
import CanvassStorage
import CanvassTerminal

struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study", abstract: "The study key: identifier answers sealed at rest (docs/sealing.md).",
        subcommands: [Keygen.self, UseKey.self])

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the study's key pair: a new private key file (0600); prints the public key.")
        @Option(help: "The private key file to write (kept by the principal investigator, never on a field laptop).") var out: String
        func run() throws { try StudyKeyFile.generate(into: out).forEach(Console.out) }
    }

    struct UseKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every identifier and respondent this database saves with the study key.")
        @Argument(help: "The study's public key, as keygen printed it, or a file that holds it.") var publicKey: String
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            let key = try StudyKeyFile.publicKey(publicKey)
            Console.out(
                "\(database.path) \(try database.open().useStudyKey(key) ? "now seals" : "already seals") with study key \(key.keyID).")
        }
    }
}
