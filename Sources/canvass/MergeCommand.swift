import ArgumentParser
import CanvassExport
import CanvassStorage
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

        static let words: [MergeOutcome: String] = [.conflict: "conflicts", .duplicate: "likely duplicates"]

        func run() throws {
            let target = try database.open()
            var merged = MergeReport()
            for other in others {
                guard FileManager.default.fileExists(atPath: other) else { throw Failure("\(other): no such file") }
                var one = MergeReport()
                try DatabaseMerge.merge(into: target, from: other, dryRun: dryRun, report: &one)
                let c = one.counts
                let summary = MergeOutcome.allCases.map { "\(c[$0] ?? 0) \(Self.words[$0] ?? $0.rawValue)" }.joined(separator: ", ")
                Console.out("\(dryRun ? "[dry run] " : "")\(other): \(summary)")
                if c.values.reduce(0, +) == (c[.unchanged] ?? 0) { Console.out("  nothing new: every interview was already here") }
                for row in one.rows where row.outcome == .conflict {
                    Console.out(
                        "  conflict: interview \(row.interview ?? 0) \(row.question): here \(quoted(row.ours)) (\(row.oursBy), \(row.oursAt)), "
                            + "there \(quoted(row.theirs)) (\(row.theirsBy), \(row.theirsAt))")
                }
                for row in one.rows where row.outcome == .duplicate {
                    Console.out("  duplicate: interview \(row.interview ?? 0): \(row.note)")
                }
                merged.add(one)
            }
            if merged.counts[.conflict, default: 0] > 0 && !dryRun {
                Console.out("Settle each conflict with: canvass merge resolve N --take ours|theirs|QUESTION=VALUE... --reason TEXT")
            }
            if let report {
                try ExportFile.csv(report, privateMode: true) { writer in
                    try writer.writeRow(MergeReport.header)
                    for r in merged.rows { try writer.writeRow(r.fields) }
                }
            }
        }

        func quoted(_ s: String) -> String { s.isEmpty ? "(none)" : "'\(s.count > 40 ? String(s.prefix(40)) + "..." : s)'" }
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
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
            if take.isEmpty { throw ValidationError("--take needs ours, theirs or QUESTION=VALUE") }
            if take.count > 1 && (take.contains("ours") || take.contains("theirs")) {
                throw ValidationError("--take ours or --take theirs stands alone")
            }
            for t in take where t != "ours" && t != "theirs" && !t.contains("=") {
                throw ValidationError("--take \(t): write ours, theirs, or QUESTION=VALUE")
            }
        }

        func run() throws {
            let store = try database.open(create: false)
            let resolution: DatabaseMerge.Resolution
            switch take.first {
            case "ours": resolution = .ours
            case "theirs": resolution = .theirs
            default:
                let pairs = take.map { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init) }
                resolution = .values(Dictionary(pairs.map { ($0[0], $0[1]) }, uniquingKeysWith: { _, last in last }))
            }
            let actor = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            let what = try DatabaseMerge.resolve(store, interview: id, peer: peer, resolution: resolution, reason: reason, actor: actor)
            Console.out("Interview \(id): \(what); recorded in the audit trail.")
        }
    }
}
