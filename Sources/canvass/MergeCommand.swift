import ArgumentParser
import CanvassExport
import CanvassFiles
import CanvassStorage
import CanvassTerminal
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Bring interviews from other laptops' databases into this one; settle conflicts.",
        subcommands: [Files.self, Resolve.self], defaultSubcommand: Files.self)

    struct Files: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from",
            abstract: "Merge other databases into this one (canvass merge OTHER.db...).",
            discussion: """
                Brings in questionnaires, interviews and answers; one transaction per file. Merging the same file again adds
                nothing. An interview changed on both sides since they last met is a conflict: both versions are kept and
                listed (settle with canvass merge resolve). The same respondent interviewed twice is reported, not merged.
                A questionnaire version whose source differs between the files is refused with both hashes.
                """)
        @Argument(help: "Databases to merge in.") var others: [String]
        @Flag(help: "Print what would happen and change nothing.") var dryRun = false
        @Option(help: "Write every added, updated, conflicting and duplicate interview to this CSV file.") var report: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            if let report { try OutputFile.refuseDatabase(report) }  // before anything is merged
            let merged = try DatabaseMerge.merge(into: database.open(), from: others, dryRun: dryRun, say: Console.out)
            if let report {
                try OutputFile.csv(report, privateMode: true) { try $0.writeRows([MergeReport.header] + merged.rows.map(\.fields)) }
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a merge conflict: keep ours, take theirs, or set answers; recorded in the audit trail.")
        @Argument(help: "The interview number (as shown by merge).") var id: Int
        @Option(parsing: .upToNextOption, help: "ours, theirs, or QUESTION=VALUE pairs applied to ours.") var take: [String]
        @Option(help: "Why (required; kept in the audit trail).") var reason: String
        @Option(help: "Which database's version, when the interview conflicts with several (a prefix of its id).") var peer: String?
        @Option(help: "Who settles it (default: $USER).") var by: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try checkTyped(reason, "--reason", "--reason must say why")
            if case .failure(let e) = DatabaseMerge.Resolution.parse(take) { throw ValidationError(e.message) }
        }

        func run() throws {
            let (store, resolution) = (try database.open(create: false), try DatabaseMerge.Resolution.parse(take).get())
            let actor = by ?? CanvassStore.currentUser ?? NSUserName()
            let what = try DatabaseMerge.resolve(store, interview: id, peer: peer, resolution: resolution, reason: reason, actor: actor)
            Console.out("Interview \(id): \(what); recorded in the audit trail.")
        }
    }
}
