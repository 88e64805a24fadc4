import CanvassCore

/// A self-contained HTML report (no network, no JavaScript): each table of a plan, with SVG charts where
/// people would rather look than read: incidence bars with interval whiskers, and a severity heat map.
public struct HTMLReport {
    public var title: String
    public var language: String?
    private var body: [String] = []

    public init(title: String, language: String?) {
        self.title = title
        self.language = language
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func fmt(_ v: Double, _ digits: Int = 1) -> String {
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (v * p).rounded() / p
        let s = "\(r)"
        return s.hasSuffix(".0") && digits == 0 ? String(s.dropLast(2)) : s
    }

    /// A table of a plan run, drawn as its kind is.
    public mutating func add(_ t: PlanRun.Table) {
        switch t.result {
        case .freq(let table): addFrequencies(table, name: t.spec.name, title: t.title, policy: t.policy)
        case .concerns(let m): addConcerns(m, name: t.spec.name, title: t.title, questionnaire: t.questionnaire, policy: t.policy)
        }
    }

    public mutating func addConcerns(
        _ m: ConcernMatrix, name: String, title: String, questionnaire q: Questionnaire, policy: SmallBasePolicy
    ) {
        body.append("<section id=\"\(HTMLReport.escape(name))\"><h2>\(HTMLReport.escape(title))</h2>")
        let categories = m.plan.concerns.filter { $0.category == nil }
        // bars: incidence of each category among all, with Wilson 95% whiskers
        let rowHeight = 22, labelWidth = 260, barWidth = 420
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"incidence\" "
            + "width=\"\(labelWidth + barWidth + 80)\" height=\"\(rowHeight * categories.count + 30)\">"
        for (i, c) in categories.enumerated() {
            let cell = m.cell("", c.code)
            let y = 10 + i * rowHeight
            svg +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\" font-size=\"12\">\(HTMLReport.escape(q.text(c.label, in: language)))</text>"
            guard !policy.hides(base: cell.asked), cell.asked > 0 else {
                svg += "<text x=\"\(labelWidth + 4)\" y=\"\(y + 14)\" font-size=\"11\" fill=\"#888\">base below \(policy.minBase)</text>"
                continue
            }
            let p = Double(cell.experienced) / Double(cell.asked)
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(Int(p * Double(barWidth)))\" height=\"14\" fill=\"#3b7dd8\"/>"
            if let ci = Wilson.interval(successes: cell.experienced, trials: cell.asked) {
                let x1 = labelWidth + Int(ci.low * Double(barWidth)), x2 = labelWidth + Int(ci.high * Double(barWidth))
                svg +=
                    "<line x1=\"\(x1)\" x2=\"\(x2)\" y1=\"\(y + 10)\" y2=\"\(y + 10)\" stroke=\"#222\"/><line x1=\"\(x1)\" "
                    + "x2=\"\(x1)\" y1=\"\(y + 5)\" y2=\"\(y + 15)\" stroke=\"#222\"/><line x1=\"\(x2)\" x2=\"\(x2)\" "
                    + "y1=\"\(y + 5)\" y2=\"\(y + 15)\" stroke=\"#222\"/>"
            }
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 14)\" font-size=\"11\">\(HTMLReport.fmt(p * 100, 0))%</text>"
        }
        svg += "</svg>"
        body.append(
            "<figure>\(svg)<figcaption>Share of firms that experienced each concern (bars), with Wilson 95% intervals (whiskers).</figcaption></figure>"
        )
        // heat map: mean severity, categories x groups
        if !m.groupOrder.isEmpty {
            let cellW = 90, cellH = 22
            var heat =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"severity\" "
                + "width=\"\(labelWidth + cellW * m.groupOrder.count + 10)\" height=\"\(cellH * (categories.count + 1) + 20)\">"
            for (j, g) in m.groupOrder.enumerated() {
                heat +=
                    "<text x=\"\(labelWidth + j * cellW + cellW / 2)\" y=\"16\" text-anchor=\"middle\" "
                    + "font-size=\"11\">\(HTMLReport.escape(String((m.groupLabels[g] ?? g).prefix(14))))</text>"
            }
            for (i, c) in categories.enumerated() {
                let y = 22 + i * cellH
                heat +=
                    "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" "
                    + "font-size=\"12\">\(HTMLReport.escape(q.text(c.label, in: language)))</text>"
                for (j, g) in m.groupOrder.enumerated() {
                    let cell = m.cell(g, c.code)
                    let x = labelWidth + j * cellW
                    guard !policy.hides(base: cell.asked), !cell.severities.isEmpty else {
                        heat += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"#eee\"/>"
                        continue
                    }
                    let mean = cell.severities.reduce(0, +) / Double(cell.severities.count)
                    let t = max(0, min(1, (mean - 1) / 4))
                    let red = Int(255), green = Int(235 - 170 * t), blue = Int(200 - 170 * t)
                    heat +=
                        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"rgb(\(red),\(green),\(blue))\"/>"
                    heat +=
                        "<text x=\"\(x + cellW / 2)\" y=\"\(y + 15)\" text-anchor=\"middle\" font-size=\"11\">\(HTMLReport.fmt(mean))</text>"
                }
            }
            heat += "</svg>"
            body.append(
                "<figure>\(heat)<figcaption>Mean severity (1-5) among firms that experienced the concern; grey: base below "
                    + "\(policy.minBase).</figcaption></figure>"
            )
        }
        // the table itself
        let groups = [""] + m.groupOrder
        var table =
            "<table><thead><tr><th>Concern</th>"
            + groups.map { "<th colspan=\"3\">\(HTMLReport.escape($0.isEmpty ? "Total" : (m.groupLabels[$0] ?? $0)))</th>" }.joined()
            + "</tr>"
        table += "<tr><th></th>" + groups.map { _ in "<th>%</th><th>95% CI</th><th>sev (n)</th>" }.joined() + "</tr></thead><tbody>"
        for c in m.plan.concerns {
            table += "<tr class=\"\(c.category == nil ? "category" : "item")\"><td>\(HTMLReport.escape(q.text(c.label, in: language)))</td>"
            for g in groups {
                let cell = m.cell(g, c.code)
                if policy.hides(base: cell.asked) || cell.asked == 0 {
                    table += "<td class=\"sup\">·</td><td></td><td>(\(cell.asked))</td>"
                    continue
                }
                let p = Double(cell.experienced) * 100 / Double(cell.asked)
                let ci =
                    Wilson.interval(successes: cell.experienced, trials: cell.asked).map {
                        "\(HTMLReport.fmt($0.low * 100, 0))–\(HTMLReport.fmt($0.high * 100, 0))"
                    } ?? ""
                let sev = cell.severities.isEmpty ? "" : HTMLReport.fmt(cell.severities.reduce(0, +) / Double(cell.severities.count))
                table += "<td>\(HTMLReport.fmt(p, 0))</td><td>\(ci)</td><td>\(sev) (\(cell.asked))</td>"
            }
            table += "</tr>"
        }
        body.append(table + "</tbody></table></section>")
    }

    public mutating func addFrequencies(_ t: Tabulation, name: String, title: String, policy: SmallBasePolicy) {
        body.append("<section id=\"\(HTMLReport.escape(name))\"><h2>\(HTMLReport.escape(title))</h2>")
        var table =
            "<table><thead><tr><th></th>"
            + t.columns.map { "<th colspan=\"2\">\(HTMLReport.escape($0.kind == .total ? "Total" : $0.label))</th>" }.joined()
            + "</tr></thead><tbody>"
        for (r, row) in t.rows.enumerated() where row.kind == .value {
            table += "<tr><td>\(HTMLReport.escape(row.label))</td>"
            for c in t.columns.indices {
                if policy.hides(base: t.validBase[c]) {
                    table += "<td class=\"sup\">·</td><td></td>"
                    continue
                }
                table +=
                    "<td>\(t.counts[r][c])</td><td>\(Tabulation.percent(t.counts[r][c], of: t.validBase[c]).map { HTMLReport.fmt($0) } ?? "")%</td>"
            }
            table += "</tr>"
        }
        table += "<tr class=\"base\"><td>Base</td>" + t.columns.indices.map { "<td>\(t.validBase[$0])</td><td></td>" }.joined() + "</tr>"
        body.append(table + "</tbody></table></section>")
    }

    public func render(generatedAt: String, source: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language ?? "en")"><head><meta charset="utf-8"><title>\(HTMLReport.escape(title))</title>
        <style>
        body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Noto Sans CJK SC", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
          margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0 2em; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: right; }
        td:first-child, th:first-child { text-align: left; }
        tr.item td:first-child { padding-left: 1.8em; color: #444; }
        tr.category td { font-weight: 600; }
        td.sup { color: #999; text-align: center; }
        figure { margin: 1em 0; } figcaption { font-size: 12px; color: #555; }
        </style></head><body>
        <h1>\(HTMLReport.escape(title))</h1>
        <p>\(HTMLReport.escape(source)); generated \(HTMLReport.escape(generatedAt)). Small bases are suppressed (·).</p>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }
}
