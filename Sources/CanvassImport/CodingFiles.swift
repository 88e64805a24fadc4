import CanvassCore
import Foundation

/// `code agreement FRAME CODINGS.csv`: the frame and the codings read and checked (problems through `report`, with
/// their positions), then the agreement of the coders as a table or tidy CSV lines.
public enum CodingFiles {
    public static func agreement(
        frame framePath: String, codings path: String, coders list: String?, csv: Bool, report: (String) -> Void
    ) throws -> [String] {
        let wanted = list.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
        guard let frameData = FileManager.default.contents(atPath: framePath), let frameText = String(data: frameData, encoding: .utf8)
        else {
            throw ImportError("\(framePath): no such file, or not UTF-8 text")
        }
        let loaded = CodingFrameLoader.load(text: frameText)
        loaded.diagnostics.forEach { report($0.formatted(file: framePath)) }
        guard let frame = loaded.frame else { throw ImportError("\(framePath) has errors; fix them and try again") }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ImportError("\(path): no such file, or not UTF-8 text")
        }
        let table: CodingsTable
        switch CodingsTable.read(text, file: path, frame: frame) {
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
        return csv ? lines(tidy: a, frame) : lines(text: a, frame)
    }

    static func fixed(_ v: Double?, _ digits: Int) -> String {
        guard let v, v.isFinite else { return "" }
        var s = String(Int((abs(v) * pow(10, Double(digits))).rounded()))
        while s.count <= digits { s = "0" + s }
        let cut = s.index(s.endIndex, offsetBy: -digits)
        return (v < 0 && s != String(repeating: "0", count: s.count) ? "-" : "") + s[..<cut] + "." + s[cut...]
    }

    static func lines(text a: CoderAgreement, _ frame: CodingFrame) -> [String] {
        var grid = [["theme", "", "units", "agreement %", "kappa", "alpha"]]
        for t in a.themes {
            let label = frame.theme(t.theme)?.label.text(in: "en") ?? t.theme
            let indent = frame.theme(t.theme)?.parent == nil ? "" : "  "
            grid.append([indent + t.theme, label, String(t.units), fixed(t.agreementPercent, 1), fixed(t.kappa, 3), fixed(t.alpha, 3)])
        }
        var out = [
            "Coder agreement on \(frame.id) (coders \(a.coders.joined(separator: ", ")); a unit is one coded answer)", "",
            DisplayWidth.grid(grid, rightAligned: [2, 3, 4, 5]), "",
            "Mean Krippendorff's alpha over the themes: \(fixed(a.meanAlpha, 3).isEmpty ? "undefined" : fixed(a.meanAlpha, 3))",
            "kappa: Cohen's, two coders only; blank where every unit has the same value (nothing to agree on).",
        ]
        let disagreements = a.themes.flatMap { t in t.disagreements.map { "  \(t.theme): \($0)" } }
        out.append(disagreements.isEmpty ? "No disagreements." : "Disagreements (\(disagreements.count)):")
        out += disagreements
        return out
    }

    static func lines(tidy a: CoderAgreement, _ frame: CodingFrame) -> [String] {
        var out = ["table,row_var,row_code,row_label,col_var,col_code,col_label,statistic,value"]
        func quoted(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacing("\"", with: "\"\"") + "\"" : s
        }
        for t in a.themes {
            let label = quoted(frame.theme(t.theme)?.label.text(in: "en") ?? t.theme)
            for (statistic, value) in [
                ("units", Double(t.units)), ("agreement_pct", t.agreementPercent), ("kappa", t.kappa), ("alpha", t.alpha),
            ] {
                out.append(
                    "agreement,theme,\(t.theme),\(label),,,,\(statistic),\(statistic == "units" ? String(t.units) : fixed(value, 6))")
            }
        }
        out.append("agreement,theme,,all themes,,,,mean_alpha,\(fixed(a.meanAlpha, 6))")
        return out
    }
}
