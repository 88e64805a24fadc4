import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
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
            q = try SchemaFile.read(questionnaire).questionnaire()
        } else if questionnaire.hasSuffix(".yaml") || questionnaire.hasSuffix(".json") || questionnaire.contains("/") {
            throw Failure("\(questionnaire): no such file")
        } else {
            q = try database.open(create: false).requireVersions(of: questionnaire).latest
        }
        var simulator = InterviewSimulator(questionnaire: q, seed: seed)
        try ExportFile.write(out, privateMode: false) { output in
            for n in 1...max(1, count) where count > 0 {
                let answers = simulator.interview(number: n)
                let day = 1 + (n * 7) % 28, month = 6 + (n / 28) % 3
                let date = "2018-0\(month)-\(day < 10 ? "0" : "")\(day)"
                let data = ExportedInterview(
                    id: n, key: "sim-\(seed)-\(n)", questionnaire: q.id, version: q.version, status: "completed",
                    respondent: "Simulated respondent \(n)", interviewer: interviewer, language: q.defaultLanguage,
                    startedAt: "\(date)T10:00:00+08:00", completedAt: "\(date)T11:00:00+08:00", answers: answers)
                try output.writeLine(InterviewJSON.line(data, questionnaire: q, includeIdentifiers: true))
            }
        }
        if let file = realFile(out) { Console.out("Wrote \(counted(count, "simulated interview")) of \(q.id) \(q.version) to \(file).") }
    }
}
