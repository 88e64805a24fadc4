import Foundation
import XCTest

/// The tools on the other side of an export (PSPP, R with haven, Python with pyreadstat, pandas and openpyxl), found
/// where `.ci/run` installs them; a test that needs one that is missing is skipped with the reason, never silently.
public enum Peers {
    public static func tool(_ name: String, install: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for dir in path + ["/usr/local/bin", "/usr/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
            return dir + "/" + name
        }
        throw XCTSkip("\(name) is not installed (\(install); .ci/run installs it)")
    }

    /// python3 with the readers the checks use.
    public static func python(_ h: Harness) throws -> String {
        let python = try tool("python3", install: "apt-get install python3")
        let probe = try h.run(["-c", "import pyreadstat, pandas, openpyxl"], executable: python)
        guard probe.status == 0 else {
            throw XCTSkip(
                "python3 lacks pyreadstat, pandas or openpyxl (pip install pyreadstat pandas openpyxl; .ci/run installs them): \(probe.err)"
            )
        }
        return python
    }

    /// Rscript with haven.
    public static func r(_ h: Harness) throws -> String {
        let r = try tool("Rscript", install: "apt-get install r-base-core")
        guard try h.run(["-e", "library(haven)"], executable: r).status == 0 else {
            throw XCTSkip("R lacks haven (apt-get install r-cran-haven; .ci/run installs it)")
        }
        return r
    }

    public static func pspp() throws -> String { try tool("pspp", install: "apt-get install pspp") }

    /// A check script of Tests/Peers.
    public static func script(_ name: String) -> String { Harness.root.appendingPathComponent("Tests/Peers/" + name).path }
}
