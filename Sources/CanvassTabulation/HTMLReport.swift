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
        let words = ReportWords.of(language)
        body.append(incidenceBars(m, categories: categories, questionnaire: q, policy: policy, words: words))
        // heat map: mean severity, categories x groups
        if !m.groupOrder.isEmpty {
            let labelWidth = 260, cellW = 90, cellH = 22
            var heat =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"severity\" "
                + "width=\"\(max(labelWidth + cellW * m.groupOrder.count + 10, labelWidth + 420))\" height=\"\(cellH * (categories.count + 1) + 60)\">"
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
            // the colour legend: severity 1 to 5, then grey
            let legendY = 22 + categories.count * cellH + 8
            for k in 0...4 {
                let t = Double(k) / 4
                heat +=
                    "<rect x=\"\(labelWidth + k * 30)\" y=\"\(legendY)\" width=\"28\" height=\"12\" fill=\"rgb(255,\(Int(235 - 170 * t)),\(Int(200 - 170 * t)))\"/>"
                    + "<text x=\"\(labelWidth + k * 30 + 14)\" y=\"\(legendY + 24)\" text-anchor=\"middle\" font-size=\"10\">\(k + 1)</text>"
            }
            heat +=
                "<rect x=\"\(labelWidth + 160)\" y=\"\(legendY)\" width=\"28\" height=\"12\" fill=\"#eee\"/>"
                + "<text x=\"\(labelWidth + 194)\" y=\"\(legendY + 10)\" font-size=\"10\">\(HTMLReport.escape(words.noSeverity))</text>"
            heat += "</svg>"
            body.append("<figure>\(heat)<figcaption>\(HTMLReport.escape(words.heatCaption(policy.minBase)))</figcaption></figure>")
        }
        // the table itself
        let groups = [""] + m.groupOrder
        var table =
            "<table><thead><tr><th>\(HTMLReport.escape(words.concern))</th>"
            + groups.map { "<th colspan=\"4\">\(HTMLReport.escape($0.isEmpty ? words.total : (m.groupLabels[$0] ?? $0)))</th>" }.joined()
            + "</tr>"
        table +=
            "<tr><th></th>"
            + groups.map { _ in
                "<th>n</th><th>%</th><th>\(HTMLReport.escape(words.interval))</th><th>\(HTMLReport.escape(words.severity))</th>"
            }
            .joined() + "</tr></thead><tbody>"
        for c in m.plan.concerns {
            table += "<tr class=\"\(c.category == nil ? "category" : "item")\"><td>\(HTMLReport.escape(q.text(c.label, in: language)))</td>"
            for g in groups {
                let cell = m.cell(g, c.code)
                if policy.hides(base: cell.asked) || cell.asked == 0 {
                    table += "<td>\(cell.asked)</td><td class=\"sup\">·</td><td></td><td></td>"
                    continue
                }
                let p = Double(cell.experienced) * 100 / Double(cell.asked)
                let ci =
                    Wilson.interval(successes: cell.experienced, trials: cell.asked).map {
                        "\(HTMLReport.fmt($0.low * 100, 0))–\(HTMLReport.fmt($0.high * 100, 0))"
                    } ?? ""
                let sev = cell.severities.isEmpty ? "" : HTMLReport.fmt(cell.severities.reduce(0, +) / Double(cell.severities.count))
                // sev (n): the mean over the n who experienced it and rated its severity
                let rated = cell.severities.isEmpty ? "" : "\(sev) (\(cell.severities.count))"
                table += "<td>\(cell.asked)</td><td>\(HTMLReport.fmt(p, 0))</td><td>\(ci)</td><td>\(rated)</td>"
            }
            table += "</tr>"
        }
        body.append(table + "</tbody></table></section>")
    }

    /// Incidence of each category with Wilson 95% whiskers: one bar for all, and with groups one bar per group under it
    /// (a colour each, named in the legend), so the breakdown the heading promises is drawn.
    func incidenceBars(
        _ m: ConcernMatrix, categories: [ConcernPlan.Concern], questionnaire q: Questionnaire, policy: SmallBasePolicy, words: ReportWords
    ) -> String {
        let palette = ["#3b7dd8", "#e07b39", "#2e9e6a", "#9b59b6", "#c0392b", "#16a085", "#d4ac0d", "#7f8c8d"]
        let groups = [""] + m.groupOrder
        let barH = groups.count == 1 ? 14 : 10, blockH = groups.count * (barH + 2) + 8
        let labelWidth = 260, barWidth = 420, legendH = groups.count == 1 ? 0 : 22
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"incidence\" "
            + "width=\"\(labelWidth + barWidth + 90)\" height=\"\(legendH + blockH * categories.count + 20)\">"
        if groups.count > 1 {
            var x = labelWidth
            for (k, g) in groups.enumerated() {
                let name = g.isEmpty ? words.total : (m.groupLabels[g] ?? g)
                svg +=
                    "<rect x=\"\(x)\" y=\"4\" width=\"12\" height=\"10\" fill=\"\(k == 0 ? "#555" : palette[(k - 1) % palette.count])\"/>"
                    + "<text x=\"\(x + 16)\" y=\"13\" font-size=\"11\">\(HTMLReport.escape(String(name.prefix(18))))</text>"
                x += 30 + min(18, name.count) * 7
            }
        }
        for (i, c) in categories.enumerated() {
            let top = legendH + 6 + i * blockH
            svg +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(top + barH)\" text-anchor=\"end\" font-size=\"12\">\(HTMLReport.escape(q.text(c.label, in: language)))</text>"
            for (k, g) in groups.enumerated() {
                let cell = m.cell(g, c.code)
                let y = top + k * (barH + 2)
                guard !policy.hides(base: cell.asked), cell.asked > 0 else {
                    svg +=
                        "<text x=\"\(labelWidth + 4)\" y=\"\(y + barH - 1)\" font-size=\"10\" fill=\"#888\">\(HTMLReport.escape(words.baseBelow(policy.minBase)))</text>"
                    continue
                }
                let p = Double(cell.experienced) / Double(cell.asked)
                let colour = k == 0 ? (groups.count == 1 ? "#3b7dd8" : "#555") : palette[(k - 1) % palette.count]
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(Int(p * Double(barWidth)))\" height=\"\(barH)\" fill=\"\(colour)\"/>"
                if let ci = Wilson.interval(successes: cell.experienced, trials: cell.asked) {
                    let x1 = labelWidth + Int(ci.low * Double(barWidth)), x2 = labelWidth + Int(ci.high * Double(barWidth)),
                        mid = y + barH / 2
                    svg +=
                        "<line x1=\"\(x1)\" x2=\"\(x2)\" y1=\"\(mid)\" y2=\"\(mid)\" stroke=\"#222\"/><line x1=\"\(x1)\" x2=\"\(x1)\" "
                        + "y1=\"\(y + 1)\" y2=\"\(y + barH - 1)\" stroke=\"#222\"/><line x1=\"\(x2)\" x2=\"\(x2)\" y1=\"\(y + 1)\" "
                        + "y2=\"\(y + barH - 1)\" stroke=\"#222\"/>"
                }
                svg +=
                    "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + barH - 1)\" font-size=\"10\">\(HTMLReport.fmt(p * 100, 0))% (\(cell.asked))</text>"
            }
        }
        svg += "</svg>"
        let caption = groups.count == 1 ? words.incidenceCaption : words.incidenceByCaption
        return "<figure>\(svg)<figcaption>\(HTMLReport.escape(caption))</figcaption></figure>"
    }

    public mutating func addFrequencies(_ t: Tabulation, name: String, title: String, policy: SmallBasePolicy) {
        body.append("<section id=\"\(HTMLReport.escape(name))\"><h2>\(HTMLReport.escape(title))</h2>")
        var table =
            "<table><thead><tr><th></th>"
            + t.columns.map { "<th colspan=\"2\">\(HTMLReport.escape($0.kind == .total ? ReportWords.of(language).total : $0.label))</th>" }
            .joined()
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
        table +=
            "<tr class=\"base\"><td>\(HTMLReport.escape(ReportWords.of(language).base))</td>"
            + t.columns.indices.map { "<td>\(t.validBase[$0])</td><td></td>" }.joined() + "</tr>"
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
        <p>\(HTMLReport.escape(ReportWords.of(language).generated(source, generatedAt)))</p>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }
}
