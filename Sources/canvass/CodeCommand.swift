import ArgumentParser
import CanvassImport
import CanvassTerminal

struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code", abstract: "Coding the open answers into a frame's themes: coder agreement.", subcommands: [Agreement.self])

    struct Agreement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per theme percent agreement, Cohen's kappa (two coders), Krippendorff's alpha; the mean alpha; the disagreements.")
        @Argument(help: "The coding frame (e.g. coding/concerns_accounts.yaml).") var frame: String
        @Argument(help: "The codings: a CSV with key,question,coder,theme,start,end,note.") var codings: String
        @Option(help: "The coders to compare, comma-separated (default: every coder in the file).") var coders: String?
        @Flag(help: "Tidy CSV (one row per theme and statistic) instead of the table.") var csv = false

        func run() throws {
            try CodingFiles.agreement(frame: frame, codings: codings, coders: coders, csv: csv, report: Console.diagnostic).forEach(
                Console.out)
        }
    }
}
