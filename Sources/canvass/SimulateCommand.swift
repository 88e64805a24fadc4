import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassFiles
import CanvassImport
import CanvassStorage
import CanvassTerminal
import Foundation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Make random but valid interviews (JSON Lines, ready for import) to try a questionnaire and its tables.",
        discussion:
            "Types, choices, constraints and skip logic are respected, with dk/rf/skip rates like field data; the same --seed gives the same file."
    )
    @Argument(help: "A questionnaire file, or the id of a questionnaire stored in the database.") var questionnaire: String
    @Option(help: "How many interviews.") var count: Int = 100
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Output file (default: standard output).") var out: String?
    @Option(help: "The interviewer written into each interview.") var interviewer = "simulated"
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard count >= 0, count <= 10_000_000 else { throw ValidationError("--count must be from 0 to 10000000") }
    }

    func run() throws {
        let q: Questionnaire
        if FileManager.default.fileExists(atPath: questionnaire) {
            q = try QuestionnaireFile.read(questionnaire).questionnaire()
        } else if questionnaire.hasSuffix(".yaml") || questionnaire.hasSuffix(".json") || questionnaire.contains("/") {
            throw Failure("\(questionnaire): no such file")
        } else {
            q = try database.open(create: false).requireVersions(of: questionnaire).latest
        }
        try OutputFile.write(out, privateMode: false) {
            try InterviewExports.simulated(q, count: count, seed: seed, interviewer: interviewer, to: $0)
        }
        if let file = realFile(out) { Console.out("Wrote \(counted(count, "simulated interview")) of \(q.id) \(q.version) to \(file).") }
    }
}
