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

    /// `tab concerns`: a title line (plan, questionnaire, interviews counted, the filter, the small-base rule), the
    /// table, and what its columns mean.
    public func report(questionnaire q: Questionnaire, interviews: Int, filter: String?, language: String?, policy: SmallBasePolicy)
        -> String
    {
        let filtered = filter.map { ", where \($0)" } ?? ""
        return [
            "\(q.text(plan.title, in: language)) (\(q.id), \(interviews) interviews\(filtered); bases below \(policy.minBase) suppressed)",
            "",
            text(questionnaire: q, language: language, policy: policy), "",
            "% = experienced among those asked (n); sev = mean severity (1-5) among those who experienced it; · = base below "
                + "\(policy.minBase). --csv adds Wilson 95% intervals, top-2 % and ranks.",
        ].joined(separator: "\n")
    }
}
