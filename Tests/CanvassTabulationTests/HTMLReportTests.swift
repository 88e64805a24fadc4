import CanvassCore
import XCTest

@testable import CanvassTabulation

/// The report as HTML text: one section per table, escaped labels, the small-base rule, no scripts.
final class HTMLReportTests: XCTestCase {
    func test_sections_charts_escaping_and_suppression() throws {
        let q = TableRunnerTests.q
        let plan = ConcernPlanLoader.load(
            text: """
                questionnaire: t
                concerns:
                  - {code: csl, label: "Data <law> & more", experienced: "selected(${areas}, 'csl')", severity: csl_sev}
                """, questionnaire: q
        ).plan!
        let runner = TableRunner(TableRunnerTests.interviews, includeOpen: false)
        let (m, _) = try runner.concerns(TableRunnerTests.versions, plan: plan, groups: ["sector"], filter: nil, language: nil)
        let (t, _) = try runner.freq(TableRunnerTests.versions, question: "sector", by: nil, filter: nil, language: nil)
        var report = HTMLReport(title: "Study <1>", language: "en")
        report.addConcerns(m, name: "concerns", title: "Concerns", questionnaire: q, policy: SmallBasePolicy(minBase: 2))
        report.addFrequencies(t, name: "sector", title: "Sector", policy: SmallBasePolicy(minBase: 10))
        let html = report.render(generatedAt: "2018-07-02", source: "t 1")
        XCTAssertTrue(html.contains("<section id=\"concerns\">"))
        XCTAssertTrue(html.contains("<section id=\"sector\">"))
        XCTAssertTrue(html.contains("Study &lt;1&gt;"))
        XCTAssertTrue(html.contains("Data &lt;law&gt; &amp; more"))
        XCTAssertFalse(html.contains("<law>"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg").count - 1, 1)
        // every column of the sector table has a base below 10: its percentages are blanked
        let sector = html.components(separatedBy: "<section id=\"sector\">")[1]
        XCTAssertTrue(sector.contains("<td class=\"sup\">·</td>"), sector)
    }

    /// By-group tables draw the breakdown (a bar per group, named in a legend); sev (n) counts those rated; the heat map
    /// has a colour legend; captions and headers follow the report's language.
    func test_breakdowns_legends_and_language() throws {
        let q = TableRunnerTests.q
        let plan = ConcernPlanLoader.load(
            text: """
                questionnaire: t
                concerns:
                  - {code: csl, label: CSL, experienced: "selected(${areas}, 'csl')", severity: csl_sev}
                """, questionnaire: q
        ).plan!
        let runner = TableRunner(TableRunnerTests.interviews, includeOpen: false)
        let (m, _) = try runner.concerns(TableRunnerTests.versions, plan: plan, groups: ["sector"], filter: nil, language: nil)
        var en = HTMLReport(title: "T", language: "en")
        en.addConcerns(m, name: "c", title: "C", questionnaire: q, policy: SmallBasePolicy(minBase: 1))
        let html = en.render(generatedAt: "now", source: "t 1")
        let bars = html.components(separatedBy: "aria-label=\"incidence\"")[1].components(separatedBy: "</svg>")[0]
        XCTAssertTrue(bars.contains(">AI</text>") && bars.contains(">Cars</text>") && bars.contains(">Total</text>"), bars)
        XCTAssertEqual(bars.components(separatedBy: "<rect").count - 1, 3 + 3)  // the legend's three keys, a bar for all and each group
        XCTAssertTrue(html.contains("in each group (colours, see the legend)"))
        XCTAssertTrue(html.contains("<th>sev (n)</th>"))
        XCTAssertTrue(html.contains("<td>5.0 (1)</td>"), html)  // interview 1 rated csl 5; the n is of those who rated it
        XCTAssertTrue(html.contains("or no severity given"))
        var ko = HTMLReport(title: "T", language: "ko")
        ko.addConcerns(m, name: "c", title: "C", questionnaire: q, policy: SmallBasePolicy(minBase: 1))
        let korean = ko.render(generatedAt: "now", source: "t 1")
        XCTAssertTrue(korean.contains("<th>애로</th>") && korean.contains("심각도 (n)") && korean.contains("윌슨 95% 신뢰구간"), korean)
        XCTAssertFalse(korean.contains("Share that experienced") || korean.contains("generated"), korean)
        // the terminal table fits its width: labels when they fit, codes and a key when not, pages when even that is too wide
        let policy = SmallBasePolicy(minBase: 1)
        XCTAssertFalse(m.text(questionnaire: q, language: nil, policy: policy, width: 200).contains("Groups:"))
        let narrow = m.text(questionnaire: q, language: nil, policy: policy, width: 45)
        XCTAssertTrue(narrow.contains("Groups: ai = AI; car = Cars"), narrow)
        XCTAssertTrue(narrow.components(separatedBy: "Total").count - 1 >= 2, "paged, each page beside the total: " + narrow)
        // every line fits, the key too (it was one 420-column line for --by sector,nationality)
        for line in m.text(questionnaire: q, language: nil, policy: policy, width: 20).split(separator: "\n") where line.hasPrefix("Groups")
        {
            XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 20, String(line))
        }
        XCTAssertEqual(
            ConcernMatrix.wrapped("Groups: ", ["ai x kr = 인공지능 x 한국", "o2o = O2O", "car = Cars"], width: 34),
            "Groups: ai x kr = 인공지능 x 한국;\n        o2o = O2O; car = Cars")
    }
}
