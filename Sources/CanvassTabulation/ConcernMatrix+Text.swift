import CanvassCore
import Foundation

extension ConcernMatrix {
    /// The matrix as an aligned terminal table: per group, % experienced, mean severity and n asked; cells
    /// under the small-base rule show `·` and their base.
    public func text(questionnaire q: Questionnaire, language: String?, policy: SmallBasePolicy) -> String {
        let columns = [""] + groupOrder
        var grid: [[String]] = [["", ""] + columns.flatMap { [$0.isEmpty ? "Total" : (groupLabels[$0] ?? $0), "", ""] }]
        grid.append(["", ""] + columns.flatMap { _ in ["%", "sev", "n"] })
        for concern in plan.concerns {
            let indent = concern.category == nil ? "" : "  "
            var line = [indent + concern.code, indent + q.text(concern.label, in: language)]
            for g in columns {
                let c = cell(g, concern.code)
                if policy.hides(base: c.asked) {
                    line += ["·", "", String(c.asked)]
                    continue
                }
                let sev = c.meanSeverity.map { String(format: "%.1f", $0) } ?? ""
                line += [String(format: "%.0f", (c.incidence ?? 0) * 100), sev, String(c.asked)]
            }
            grid.append(line)
        }
        return DisplayWidth.grid(grid, rightAligned: Set(2..<(2 + 3 * columns.count)))
    }
}
