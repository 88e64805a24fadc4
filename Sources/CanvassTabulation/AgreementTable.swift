import CanvassCore
import Foundation

/// `code agreement`: coder agreement as the aligned terminal table or the tidy CSV lines.
public enum AgreementTable {
    /// `digits` decimals written out in full (never an exponent), blank for undefined.
    static func fixed(_ v: Double?, _ digits: Int) -> String {
        guard let v, v.isFinite else { return "" }
        var s = String(Int((abs(v) * pow(10, Double(digits))).rounded()))
        while s.count <= digits { s = "0" + s }
        let cut = s.index(s.endIndex, offsetBy: -digits)
        return (v < 0 && s != String(repeating: "0", count: s.count) ? "-" : "") + s[..<cut] + "." + s[cut...]
    }

    /// The agreement as an aligned table, the mean alpha and the disagreements.
    public static func text(_ a: CoderAgreement, _ frame: CodingFrame) -> [String] {
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

    /// The agreement in the tidy table format: one row per theme and statistic, then the mean alpha.
    public static func tidy(_ a: CoderAgreement, _ frame: CodingFrame) -> [String] {
        var out = [TidyCell.header.joined(separator: ",")]
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
