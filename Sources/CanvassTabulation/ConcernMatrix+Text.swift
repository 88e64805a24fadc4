import CanvassCore
import Foundation

extension ConcernMatrix {
    /// The matrix as an aligned terminal table: per group, % experienced, mean severity and n asked; cells
    /// under the small-base rule show `·` and their base.
    /// The table fits `width` columns: group labels in the header when they fit, else the groups' codes with a key
    /// under the table, and when even that is too wide the groups in pages, each beside the total.
    public func text(questionnaire q: Questionnaire, language: String?, policy: SmallBasePolicy, width: Int = .max) -> String {
        func widest(_ s: String) -> Int { s.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0 }
        let labelled = grid(groupOrder, codes: false, q, language, policy)
        if widest(labelled) <= width || groupOrder.isEmpty { return labelled }
        let key = Self.wrapped("Groups: ", groupOrder.map { "\($0) = \(groupLabels[$0] ?? $0)" }, width: width)
        for labelWidth in [Int.max, 32] {
            let coded = grid(groupOrder, codes: true, q, language, policy, labelWidth: labelWidth)
            if widest(coded) <= width { return coded + "\n\n" + key }
        }
        var pages: [[String]] = [[]]
        for g in groupOrder {
            let page = pages[pages.count - 1] + [g]
            if page.count > 1, widest(grid(page, codes: true, q, language, policy, labelWidth: 32)) > width { pages.append([]) }
            pages[pages.count - 1].append(g)
        }
        return pages.map { grid($0, codes: true, q, language, policy, labelWidth: 32) }.joined(separator: "\n\n") + "\n\n" + key
    }

    /// `head` then `items` joined by "; ", broken into lines of at most `width` display columns (continuation lines
    /// indented under the first item).
    static func wrapped(_ head: String, _ items: [String], width: Int) -> String {
        let indent = String(repeating: " ", count: DisplayWidth.of(head))
        var lines = [head]
        for (n, item) in items.enumerated() {
            let piece = item + (n == items.count - 1 ? "" : ";")
            let line = lines[lines.count - 1]
            if line != head, line != indent, DisplayWidth.of(line) + 1 + DisplayWidth.of(piece) > width {
                lines.append(indent + piece)
            } else {
                lines[lines.count - 1] += (line == head || line == indent ? "" : " ") + piece
            }
        }
        return lines.joined(separator: "\n")
    }

    private func grid(
        _ groups: [String], codes: Bool, _ q: Questionnaire, _ language: String?, _ policy: SmallBasePolicy, labelWidth: Int = .max
    ) -> String {
        let columns = [""] + groups
        var grid: [[String]] = [["", ""] + columns.flatMap { [$0.isEmpty ? "Total" : (codes ? $0 : groupLabels[$0] ?? $0), "", ""] }]
        grid.append(["", ""] + columns.flatMap { _ in ["%", "sev", "n"] })
        for concern in plan.concerns {
            let indent = concern.category == nil ? "" : "  "
            var line = [indent + concern.code, TableOutput.clip(indent + q.text(concern.label, in: language), labelWidth)]
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
    public func report(
        questionnaire q: Questionnaire, interviews: Int, filter: String?, language: String?, policy: SmallBasePolicy, width: Int = .max
    ) -> String {
        let filtered = filter.map { ", where \($0)" } ?? ""
        return [
            "\(q.text(plan.title, in: language)) (\(q.id), \(interviews) interviews\(filtered); bases below \(policy.minBase) suppressed)",
            "",
            text(questionnaire: q, language: language, policy: policy, width: width), "",
            "% = experienced among those asked (n); sev = mean severity (1-5) among those who experienced it;",
            "· = base below \(policy.minBase). --csv adds Wilson 95% intervals, top-2 % and ranks.",
        ].joined(separator: "\n")
    }
}
