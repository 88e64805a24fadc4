import CanvassCore
import Foundation

/// One cell of the tidy table format shared by every table kind.
public struct TidyCell: Equatable, Sendable {
    public var table, rowVar, rowCode, rowLabel, colVar, colCode, colLabel: String
    public var statistic: TidyStatistic
    public var value: Double
    public static let header = ["table", "row_var", "row_code", "row_label", "col_var", "col_code", "col_label", "statistic", "value"]
    public var fields: [String] {
        [table, rowVar, rowCode, rowLabel, colVar, colCode, colLabel, statistic.rawValue, TableOutput.number(value)]
    }
}

/// Renders a tabulation as tidy cells (CSV) or as aligned text for the terminal.
public enum TableOutput {
    /// Tidy values: whole numbers as such, others to at most 10 decimal places, without float noise (33.3333333333,
    /// not 33.333333333333336); `tab --help` and the README state it.
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        guard v.isFinite, abs(v) < 1e5 else { return "\(v)" }
        let r = (v * 1e10).rounded() / 1e10
        if r == r.rounded() { return String(Int64(r)) }
        return "\(r)"
    }

    static func fixed(_ v: Double?, _ digits: Int = 1) -> String {
        guard let v, v.isFinite else { return "" }
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (v * p).rounded() / p
        var s = "\(r)"
        if let dot = s.firstIndex(of: ".") {
            let have = s.distance(from: dot, to: s.endIndex) - 1
            if have < digits { s += String(repeating: "0", count: digits - have) }
        } else if digits > 0 {
            s += "." + String(repeating: "0", count: digits)
        }
        return s
    }

    static func clip(_ s: String, _ width: Int) -> String {
        guard DisplayWidth.of(s) > width else { return s }
        var out = ""
        for ch in s {
            if DisplayWidth.of(out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }

    /// Independence of the question and its --by variable, over valid values (single-choice questions only).
    public static func chiSquare(_ t: Tabulation) -> ChiSquare? {
        guard t.by != nil, t.question.type.isCategorical else { return nil }
        let valueRows = t.rows.indices.filter { t.rows[$0].kind == .value }
        return ChiSquare(valueRows.map { r in Array(t.counts[r].dropLast()) })
    }

    public static func tidy(_ t: Tabulation, table: String) -> [TidyCell] {
        var out: [TidyCell] = []
        let colVar = t.by?.name ?? ""
        func cell(_ row: Category?, _ c: Int, _ stat: TidyStatistic, _ v: Double?) {
            guard let v else { return }
            let col = t.columns[c]
            out.append(
                TidyCell(
                    table: table, rowVar: t.question.name, rowCode: row?.code ?? "", rowLabel: row?.label ?? "",
                    colVar: col.kind == .total ? "" : colVar, colCode: col.code,
                    colLabel: col.kind == .total && t.by == nil ? "" : col.label,
                    statistic: stat, value: v))
        }
        for c in t.columns.indices {
            cell(nil, c, .base, Double(t.validBase[c]))
            for (r, row) in t.rows.enumerated() {
                cell(row, c, .count, Double(t.counts[r][c]))
                guard row.kind == .value else { continue }
                if t.question.type == .selectMultiple {
                    cell(row, c, .pctRespondents, Tabulation.percent(t.counts[r][c], of: t.validBase[c]))
                    cell(row, c, .pctMentions, Tabulation.percent(t.counts[r][c], of: t.mentions[c]))
                } else {
                    cell(row, c, .colPct, Tabulation.percent(t.counts[r][c], of: t.validBase[c]))
                    if t.by != nil, t.columns[c].kind != .total {
                        // row % over the valid by-categories of this row; total % over every valid cell of the cross
                        let rowBase = t.columns.indices.filter { t.columns[$0].kind != .total }.reduce(0) { $0 + t.counts[r][$1] }
                        let grand = t.columns.indices.filter { t.columns[$0].kind != .total }.reduce(0) { $0 + t.validBase[$1] }
                        cell(row, c, .rowPct, Tabulation.percent(t.counts[r][c], of: rowBase))
                        cell(row, c, .totalPct, Tabulation.percent(t.counts[r][c], of: grand))
                    }
                }
            }
            for (value, counts) in t.textRows {
                let row = Category(code: value, label: value, kind: .value)
                cell(row, c, .count, Double(counts[c]))
                cell(row, c, .colPct, Tabulation.percent(counts[c], of: t.validBase[c]))
            }
            if t.question.type.isNumeric, let s = t.summary(column: c) {
                let summary: [(TidyStatistic, Double?)] = [
                    (.n, Double(s.n)), (.mean, s.mean), (.sd, s.sd), (.min, s.min), (.p25, s.p25), (.median, s.median), (.p75, s.p75),
                    (.max, s.max),
                ]
                for (name, v) in summary {
                    cell(nil, c, name, v)
                }
                if t.question.type == .scale, let top = NumericSummary.topTwo(t.numbers[c], scaleMax: Double(t.question.max ?? 5)) {
                    cell(nil, c, .top2Pct, top)
                }
            }
        }
        if let chi = chiSquare(t) {
            let test: [(TidyStatistic, Double)] = [
                (.chiSquare, chi.statistic), (.df, Double(chi.degreesOfFreedom)), (.pValue, chi.pValue),
                (.smallExpectedCells, Double(chi.smallExpected)),
            ]
            for (name, v) in test {
                out.append(
                    TidyCell(
                        table: table, rowVar: t.question.name, rowCode: "", rowLabel: "", colVar: t.by?.name ?? "", colCode: "",
                        colLabel: "", statistic: name, value: v))
            }
        }
        return out
    }

    /// The table for a terminal `width` columns wide: `filter` (the `--where` expression) and the base are said under
    /// it; `policy` blanks the percentages of columns whose valid base is below its minimum, as everywhere else.
    public static func text(
        _ t: Tabulation, questionnaire q: Questionnaire, language: String?, filter: String? = nil, policy: SmallBasePolicy? = nil,
        width: Int = 120
    ) -> String {
        let multi = t.question.type == .selectMultiple
        var lines: [String] = []
        // a label that shows earlier answers (${name}) has no single value in a table: the question's name in brackets
        func label(_ l: LocalizedText) -> String {
            q.text(l, in: language).replacingOccurrences(of: #"\$\{([A-Za-z0-9_]*)\}"#, with: "[$1]", options: .regularExpression)
        }
        let hidden = t.columns.indices.map { policy?.hides(base: t.validBase[$0]) ?? false }
        func pct(_ v: Double?, column c: Int) -> String { hidden[c] ? "" : fixed(v) }
        // column labels as wide as the terminal allows (never under 18)
        let labelWidth = max(18, (width - 50) / max(1, t.columns.count) - 7)
        var title = "\(t.question.name): \(label(t.question.label))"
        if let by = t.by { title += "   by \(by.name): \(label(by.label))" }
        lines.append(title)
        let total = t.columns.count - 1
        // a question inside a repeat counts its instances (participants, projects), not interviews
        var unit = "Interviews"
        if let i = q.index(of: t.question.name), let g = q.repeatChain(ofQuestionAt: i).last {
            let name = q.groups[g].name, label = q.text(q.groups[g].label, in: language)
            unit = "Instances of \(name)" + (label == name ? "" : " (\(label))")
        }
        lines.append("\(unit): \(t.interviews); valid base: \(t.validBase[total])" + (multi ? "; mentions: \(t.mentions[total])" : ""))
        lines.append("")
        var grid: [[String]] = []
        var header = ["", ""]
        for col in t.columns { header += [col.kind == .total ? "Total" : col.code, "%"] }
        if multi { header.append("% mentions") }
        grid.append(header)
        if t.by != nil {
            var labels = ["", ""]
            for col in t.columns { labels += [col.kind == .total ? "" : clip(label(LocalizedText(col.label)), labelWidth), ""] }
            if multi { labels.append("") }
            grid.append(labels)
        }
        let valueRows = t.rows.enumerated().filter { $0.element.kind == .value }
        for (r, row) in valueRows {
            var line = [row.code, clip(label(LocalizedText(row.label)), 40)]
            for c in t.columns.indices {
                line += [String(t.counts[r][c]), pct(Tabulation.percent(t.counts[r][c], of: t.validBase[c]), column: c)]
            }
            if multi { line.append(pct(Tabulation.percent(t.counts[r][total], of: t.mentions[total]), column: total)) }
            grid.append(line)
        }
        for (value, counts) in t.textRows.prefix(50) {
            var line = ["", value.count > 40 ? String(value.prefix(40)) + "..." : value]
            for c in t.columns.indices { line += [String(counts[c]), pct(Tabulation.percent(counts[c], of: t.validBase[c]), column: c)] }
            grid.append(line)
        }
        if t.textRows.count > 50 { grid.append(["", "(\(t.textRows.count - 50) more values; use --csv for all)"]) }
        var baseLine = ["", multi ? "Base (respondents)" : "Base (valid)"]
        for c in t.columns.indices { baseLine += [String(t.validBase[c]), t.validBase[c] > 0 ? "100.0" : ""] }
        grid.append(baseLine)
        for (r, row) in t.rows.enumerated() where row.kind != .value {
            var line = [row.code, row.label]
            for c in t.columns.indices { line += [String(t.counts[r][c]), ""] }
            grid.append(line)
        }
        var right = Set<Int>()
        for i in 2..<(header.count) { right.insert(i) }
        lines.append(DisplayWidth.grid(grid, rightAligned: right))
        if t.question.type.isNumeric {
            lines.append("")
            var stats: [[String]] = [
                ["", "n", "mean", "sd", "min", "p25", "median", "p75", "max"] + (t.question.type == .scale ? ["top-2 %"] : [])
            ]
            for (c, col) in t.columns.enumerated() {
                guard let s = t.summary(column: c), !hidden[c] else {
                    stats.append([col.kind == .total ? "Total" : col.code, String(t.summary(column: c)?.n ?? 0)])
                    continue
                }
                var line = [
                    col.kind == .total ? "Total" : col.code, String(s.n), fixed(s.mean, 2), fixed(s.sd, 2), number(s.min), fixed(s.p25, 2),
                    number(s.median), fixed(s.p75, 2), number(s.max),
                ]
                if t.question.type == .scale {
                    line.append(fixed(NumericSummary.topTwo(t.numbers[c], scaleMax: Double(t.question.max ?? 5))))
                }
                stats.append(line)
            }
            lines.append(DisplayWidth.grid(stats, rightAligned: Set(1...9)))
        }
        if let chi = chiSquare(t) {
            lines.append("")
            lines.append(
                "Chi-square \(fixed(chi.statistic, 2)), df \(chi.degreesOfFreedom), "
                    + (chi.pValue < 0.001 ? "p < 0.001" : "p = \(fixed(chi.pValue, 3))")
                    + (chi.smallExpected > 0 ? "  (! \(chi.smallExpected) cells expect fewer than 5: read with care)" : ""))
        }
        lines.append("")
        lines.append(
            multi
                ? "% = of respondents with a valid answer; % mentions = of all codes chosen; dk/rf/no answer/not asked are outside the base."
                : "% = of the valid base (dk, rf, no answer and not asked are outside it).")
        if let policy, hidden.contains(true) {
            lines.append("% left blank where the valid base is below \(policy.minBase) (--min-base); the base is shown.")
        }
        lines.append(
            "Base: \(t.validBase[total]) valid of \(t.interviews)" + (filter.map { "; where \($0)" } ?? "; all completed interviews"))
        return lines.joined(separator: "\n")
    }
}
