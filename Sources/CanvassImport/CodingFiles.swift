import CanvassCore
import CanvassTabulation

/// `code agreement FRAME CODINGS.csv`: the frame and the codings read and checked (problems through `report`, with
/// their positions), then the agreement of the coders as a table or tidy CSV lines.
public enum CodingFiles {
    public static func agreement(
        frame framePath: String, codings path: String, coders list: String?, csv: Bool, report: (String) -> Void
    ) throws -> [String] {
        let wanted = list.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
        let loaded = CodingFrameLoader.load(text: try PlanFile.utf8Text(framePath).text)
        loaded.diagnostics.forEach { report($0.formatted(file: framePath)) }
        guard let frame = loaded.frame else { throw ImportError("\(framePath) has errors; fix them and try again") }
        let table: CodingsTable
        switch CodingsTable.read(try PlanFile.utf8Text(path).text, file: path, frame: frame) {
        case .success(let t): table = t
        case .failure(let p):
            p.messages.prefix(50).forEach(report)
            throw ImportError("\(path): \(p.messages.count) bad row\(p.messages.count == 1 ? "" : "s"); nothing was read")
        }
        // a theme is given where one of its sub-themes is: "data rules" holds every answer coded data_local
        var byCoder = table.byCoder
        for (coder, units) in byCoder {
            for (unit, given) in units {
                var all = given
                for code in given {
                    var parent = frame.theme(code)?.parent
                    while let p = parent {
                        all.insert(p)
                        parent = frame.theme(p)?.parent
                    }
                }
                byCoder[coder]?[unit] = all
            }
        }
        let coders = wanted ?? byCoder.keys.sorted()
        for c in coders where byCoder[c] == nil {
            let near = Suggestion.nearest(to: c, among: byCoder.keys.sorted()).map { "; did you mean \($0)?" } ?? ""
            throw ImportError("--coders: \(c) coded nothing in \(path)\(near)")
        }
        guard coders.count >= 2 else {
            throw ImportError("agreement needs at least two coders; \(path) has \(coders.joined(separator: ", "))")
        }
        let a = CoderAgreement(coders: coders, themes: frame.themes.map(\.code), codings: byCoder)
        return csv ? AgreementTable.tidy(a, frame) : AgreementTable.text(a, frame)
    }
}
