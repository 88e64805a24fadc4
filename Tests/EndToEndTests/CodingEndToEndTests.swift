import CanvassTestSupport
import Foundation
import XCTest

/// `code agreement`: Cohen's kappa, Krippendorff's alpha and percent agreement, checked against scikit-learn's
/// `cohen_kappa_score` and the `krippendorff` package on the study's fixture codings and on seeded random codings
/// (three coders, units some coders left out).
final class CodingEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    /// The reference: reads the codings CSV and prints, per theme, the statistics by the two packages.
    static let reference = """
        import csv, sys, math, numpy as np, krippendorff
        from sklearn.metrics import cohen_kappa_score
        path, coders, themes, parents = sys.argv[1], sys.argv[2].split(','), sys.argv[3].split(','), dict(p.split(':') for p in sys.argv[4].split(',') if p)
        given = {}
        for r in csv.DictReader(open(path, encoding='utf-8')):
            s = given.setdefault(r['coder'], {}).setdefault(r['key'] + ' ' + r['question'], set())
            t = r['theme']
            while t:
                s.add(t); t = parents.get(t, '')
        units = sorted(set(u for c in coders for u in given.get(c, {})))
        for theme in themes:
            m = [[(1.0 if theme in given[c][u] else 0.0) if u in given.get(c, {}) else np.nan for u in units] for c in coders]
            complete = [i for i in range(len(units)) if all(not math.isnan(row[i]) for row in m)]
            values = set(v for row in m for v in row if not math.isnan(v))
            alpha = krippendorff.alpha(reliability_data=np.array(m), level_of_measurement='nominal') if len(values) > 1 else float('nan')
            kappa = float('nan')
            if len(coders) == 2 and complete:
                a, b = [m[0][i] for i in complete], [m[1][i] for i in complete]
                if len(set(a) | set(b)) > 1 and not (len(set(a)) == 1 and set(a) == set(b)):
                    kappa = cohen_kappa_score(a, b)
            pct = 100 * sum(1 for i in complete if m[0][i] == m[1][i] and all(row[i] == m[0][i] for row in m)) / len(complete) if complete else float('nan')
            print(theme, 'alpha', alpha); print(theme, 'kappa', kappa); print(theme, 'agreement_pct', pct)
        """

    func check(
        _ codings: String, frame: String, coders: String, themes: [String], parents: String = "", file: StaticString = #filePath,
        line: UInt = #line
    )
        throws
    {
        let ours = try h.run(["code", "agreement", frame, codings, "--coders", coders, "--csv"])
        XCTAssertEqual(ours.status, 0, ours.err, file: file, line: line)
        var mine: [String: Double] = [:]
        for row in parseCSV(ours.out).dropFirst() where row.count == 9 && !row[2].isEmpty {
            mine[row[2] + " " + row[7]] = row[8].isEmpty ? .nan : Double(row[8])
        }
        let ref = try Spawned.run(
            "/usr/bin/env", ["python3", "-c", Self.reference, codings, coders, themes.joined(separator: ","), parents])
        XCTAssertEqual(ref.status, 0, ref.err, file: file, line: line)
        var compared = 0
        for l in ref.out.split(separator: "\n") {
            let p = l.split(separator: " ").map(String.init)
            guard p.count == 3, let theirs = Double(p[2]) else { continue }
            let key = p[0] + " " + p[1]
            let value = mine[key] ?? -99
            if theirs.isNaN {
                XCTAssertTrue(value.isNaN, "\(key): ours \(value), theirs undefined", file: file, line: line)
            } else {
                XCTAssertEqual(value, theirs, accuracy: 1e-6, "\(key)", file: file, line: line)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, themes.count, ref.out, file: file, line: line)
    }

    func test_agreement_equals_scikit_learn_and_krippendorff() throws {
        guard (try? Spawned.run("/usr/bin/env", ["python3", "-c", "import sklearn, krippendorff"]).status) == 0 else {
            throw XCTSkip("scikit-learn and krippendorff are not installed (pip install scikit-learn krippendorff; .ci/run installs them)")
        }
        // the study's frame and the fixture's two coders (sub-themes roll up into their parent)
        try check(
            Harness.root.appendingPathComponent("fixtures/codings.csv").path,
            frame: Harness.root.appendingPathComponent("coding/concerns_accounts.yaml").path, coders: "a,b",
            themes: ["data", "data_local", "data_transfer", "review", "certification", "licence", "subsidy"],
            parents: "data_local:data,data_transfer:data")
        // seeded random codings: three coders, some units left out by some coders
        var rng = TestRandom(self)
        let themes = ["t1", "t2", "t3", "t4"]
        let frame = try h.write(
            "frame.yaml", "frame: f\nquestions: {q: [x]}\nthemes:\n" + themes.map { "  - {code: \($0), label: \($0)}\n" }.joined())
        for round in 0..<6 {
            var csv = "key,question,coder,theme,start,end,note\n"
            for unit in 0..<40 {
                for coder in ["a", "b", "c"] where rng.below(10) > 0 {
                    let given = themes.filter { _ in rng.below(3) == 0 }
                    if given.isEmpty { csv += "k\(unit),x,\(coder),,,,\n" }
                    for t in given { csv += "k\(unit),x,\(coder),\(t),,,\n" }
                }
            }
            let file = try h.write("codings\(round).csv", csv)
            try check(file, frame: frame, coders: "a,b", themes: themes)
            try check(file, frame: frame, coders: "a,b,c", themes: themes)
        }
    }

    func test_bad_codings_are_located_and_nothing_is_read() throws {
        let frame = Harness.root.appendingPathComponent("coding/concerns_accounts.yaml").path
        let bad = try h.write("bad.csv", "key,question,coder,theme,start,end,note\nk1,q,a,data_locl,,,\nk1,q,b,licence,3,1,\n,q,b,,,,\n")
        let r = try h.run(["code", "agreement", frame, bad])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(
            r.err.contains("bad.csv:2: 'data_locl' is not a theme of the frame concerns_accounts; did you mean data_local?"), r.err)
        XCTAssertTrue(r.err.contains("bad.csv:3: end 1 is before start 3"), r.err)
        XCTAssertTrue(r.err.contains("bad.csv:4: key, question and coder must all be given"), r.err)
        XCTAssertTrue(r.err.contains("3 bad rows; nothing was read"), r.err)
        let broken = try h.write("frame.yaml", "frame: x\nquestions: {q: [a]}\nthemes:\n  - {code: a, label: A}\n  - {code: a, label: B}\n")
        let f = try h.run(["code", "agreement", broken, bad])
        XCTAssertTrue(f.err.contains("frame.yaml:5:") && f.err.contains("theme 'a' appears twice"), f.err)
        let one = try h.write("one.csv", "key,question,coder,theme,start,end,note\nk1,q,a,licence,,,\n")
        XCTAssertTrue(try h.run(["code", "agreement", frame, one]).err.contains("agreement needs at least two coders"))
        XCTAssertTrue(try h.run(["code", "agreement", frame, one, "--coders", "a,bb"]).err.contains("--coders: bb coded nothing"))
    }
}
