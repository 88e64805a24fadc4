import Foundation
import XCTest

/// Runs the built `canvass` binary with arguments, piped input and its own temporary folder.
public struct Harness: Sendable {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The executable built with the tests: next to the test runner in the build folder.
    public static let binary: URL = {
        let runner = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        let candidates = [
            runner.deletingLastPathComponent().appendingPathComponent("canvass"),
            Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent().appendingPathComponent("canvass"),
            root.appendingPathComponent(".build/debug/canvass"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    public let dir: URL

    public init() throws {
        // A child that exits before reading all its input must not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(at: dir) }

    public func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    public var db: String { path("test.db") }

    public func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// The study's questionnaires and example interviews in this harness's database.
    public func loadStudy() throws {
        let schemas = ["firm_case.yaml", "expert_survey.yaml", "expert_meeting.yaml"].map {
            Harness.root.appendingPathComponent("schemas/" + $0).path
        }
        XCTAssertEqual(try run(["schema", "add"] + schemas + ["--db", db]).status, 0)
        for f in ["firm_interviews.jsonl", "expert_survey.jsonl", "expert_meetings.jsonl"] {
            XCTAssertEqual(try run(["import", Harness.root.appendingPathComponent("fixtures/" + f).path, "--db", db]).status, 0)
        }
    }

    public func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    public struct Result {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// Runs to the end; stdin is `input` (or empty), never a terminal. A run that outlives `timeout` is killed and fails.
    @discardableResult
    public func run(
        _ args: [String], input: String = "", environment: [String: String] = [:], cwd: String? = nil, executable: String? = nil,
        timeout: TimeInterval = 300, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Result {
        var env: [String: String?] = ["CANVASS_DB": nil]
        for (k, v) in environment { env[k] = v }
        let r = try Spawned.run(
            executable ?? Self.binary.path, args, cwd: cwd ?? dir.path, environment: env, input: Data(input.utf8), timeout: timeout,
            file: file, line: line)
        return Result(status: r.status, out: r.out, err: r.err)
    }
}

final class BundleMarker {}

/// Runs the sqlite3 CLI on `db` (the other side of the store in tests: it reads and writes behind Canvass's back).
public func sqlite3(_ db: String, _ sql: String) throws -> (status: Int32, out: String) {
    let r = try Spawned.run("/usr/bin/sqlite3", [db, sql])
    return (r.status, r.out)
}

public final class LockedData: @unchecked Sendable {
    public init() {}
    private let lock = NSLock()
    private var _data = Data()
    private var _done = false
    public func set(_ d: Data) {
        lock.lock()
        _data = d
        _done = true
        lock.unlock()
    }
    /// Marks the data complete (`done`).
    public func finish() {
        lock.lock()
        _done = true
        lock.unlock()
    }
    public func append(_ d: Data) {
        lock.lock()
        _data.append(d)
        lock.unlock()
    }
    public var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return _data
    }
    public var done: Bool {
        lock.lock()
        defer { lock.unlock() }
        return _done
    }
}

/// Reads a CSV file (RFC 4180) into rows, to compare exports cell by cell.
public func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], cell = ""
    var quoted = false, i = text.startIndex
    while i < text.endIndex {
        let c = text[i]
        if quoted {
            if c == "\"" {
                let n = text.index(after: i)
                if n < text.endIndex, text[n] == "\"" {
                    cell.append("\"")
                    i = n
                } else {
                    quoted = false
                }
            } else {
                cell.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(cell)
            cell = ""
        } else if c == "\n" || c == "\r\n" {
            row.append(cell)
            rows.append(row)
            row = []
            cell = ""
        } else {
            cell.append(c)
        }
        i = text.index(after: i)
    }
    if !cell.isEmpty || !row.isEmpty {
        row.append(cell)
        rows.append(row)
    }
    return rows
}

extension Harness {
    /// Every identifier value of the example data (fixtures/*.jsonl) and the respondents, with the firm names also without their legal form.
    public static func fixtureIdentifierValues() throws -> Set<String> {
        let identifiers: Set<String> = [
            "firm_name", "contact_email", "project_title", "expert_name", "chair_name", "participant_name", "affiliation_name",
        ]
        var values = Set<String>()
        func collect(_ any: Any) {
            if let d = any as? [String: Any] {
                for (k, v) in d {
                    if identifiers.contains(k), let s = v as? String { values.insert(s) }
                    collect(v)
                }
            } else if let a = any as? [Any] {
                a.forEach(collect)
            }
        }
        for f in ["firm_interviews.jsonl", "expert_survey.jsonl", "expert_meetings.jsonl"] {
            for line in try String(contentsOf: Harness.root.appendingPathComponent("fixtures/" + f), encoding: .utf8).split(separator: "\n")
            {
                let d = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                collect(d["answers"] ?? [:])
                if let r = d["respondent"] as? String { values.insert(r) }
            }
        }
        for v in values where v.hasSuffix(" 有限公司") { values.insert(String(v.dropLast(" 有限公司".count))) }
        return values
    }
}
