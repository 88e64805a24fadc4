import CanvassTestSupport
import Foundation
import XCTest

/// The HTML report: self-contained, every table of the plan, SVG charts; rendered by headless Chromium when it is installed.
final class ReportEndToEndTests: XCTestCase {
    func test_the_report_holds_every_table_and_renders() throws {
        let h = try Harness()
        defer { h.remove() }
        try h.loadStudy()
        let plan = Harness.root.appendingPathComponent("tabulations/concerns.yaml").path
        let r = try h.run(["report", plan, "--out", h.path("report.html"), "--lang", "ko", "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        let html = try h.read("report.html")
        XCTAssertEqual(html.components(separatedBy: "<table>").count - 1, 11)
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg").count - 1, 4)
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("http://") && html.contains("src=\"http"))
        XCTAssertTrue(html.contains("사이버보안법"))
        XCTAssertFalse(html.contains("Co., Ltd."))  // no identifiers
    }

    /// Headless Chromium renders the report: the tables in its DOM, and a screenshot that is not blank.
    func test_the_report_renders_in_chromium() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else { throw XCTSkip("Chromium is not installed (apt-get install chromium; .ci/run installs it)") }
        let h = try Harness()
        defer { h.remove() }
        try h.loadStudy()
        let plan = Harness.root.appendingPathComponent("tabulations/concerns.yaml").path
        XCTAssertEqual(try h.run(["report", plan, "--out", h.path("report.html"), "--lang", "ko", "--db", h.db]).status, 0)
        func run(_ args: [String]) throws -> String {
            try Spawned.run(
                chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] + args, cwd: h.dir.path, stderr: .null,
                timeout: 120
            ).out
        }
        let dom = try run(["--dump-dom", "file://" + h.path("report.html")])
        XCTAssertEqual(dom.components(separatedBy: "<table>").count - 1, 11, "the rendered DOM holds the tables")
        _ = try run(["--screenshot=" + h.path("shot.png"), "--window-size=1100,1400", "file://" + h.path("report.html")])
        let png = try Data(contentsOf: URL(fileURLWithPath: h.path("shot.png")))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertGreaterThan(png.count, 30_000, "a blank page compresses to a few kB")
    }
}
