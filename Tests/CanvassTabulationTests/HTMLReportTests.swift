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
}
