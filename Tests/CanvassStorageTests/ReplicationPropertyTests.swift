import CanvassCore
import CanvassTestSupport
import XCTest

@testable import CanvassStorage

/// Random edits on 3-5 databases made by copying one, random merges in random order and direction, conflicts settled
/// now and then; after everyone has merged everyone, every database shows the same interviews with the same values
/// and the same conflicts, and no version that was never edited over is lost.
final class ReplicationPropertyTests: XCTestCase {
    static let schedules = ProcessInfo.processInfo.environment["CANVASS_STRESS"] == "1" ? 100_000 : 1000

    func test_random_schedules_over_copies_converge_and_lose_nothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvass-replication-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = TestRandom(self)
        // one prepared database, copied as a team hands one out to each laptop
        let base = dir.appendingPathComponent("base.db").path
        do {
            let store = try CanvassStore(path: base)
            let stored = try store.storeQuestionnaire(CanvassStoreTests.questionnaire, source: CanvassStoreTests.source, format: "yaml")
            for n in 0..<2 {
                let id = try store.startInterview(questionnaire: stored, respondent: "r\(n)", interviewer: "kim", language: nil)
                try store.saveAnswer(interview: id, question: "b", answer: .value("v0-\(n)"))
            }
        }
        var edits = 0, merges = 0, resolved = 0
        for schedule in 0..<Self.schedules {
            let count = 3 + rng.below(3)
            let paths = (0..<count).map { dir.appendingPathComponent("s\(schedule % 4)-\($0).db").path }
            for p in paths {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) }
                try FileManager.default.copyItem(atPath: base, toPath: p)
            }
            let stores = try paths.map { try CanvassStore(path: $0) }
            // every version made (interview, value), and those later edited over where they were shown
            var superseded = Set<String>()
            var made = Set<String>()
            func standing(_ s: CanvassStore, _ id: Int) throws -> [String] {
                var out = [try s.answers(interview: id)["b"]?.value ?? ""]
                for text in try s.conflictingVersions(interview: id).values {
                    out.append(try InterviewCodec.decode(text, record: s.interview(id)!).answers["b"]?.value ?? "")
                }
                return out
            }
            for step in 0..<(6 + rng.below(6)) {
                let i = rng.below(count), id = 1 + rng.below(2)
                switch rng.below(10) {
                case 0..<5:
                    let shown = try stores[i].answers(interview: id)["b"]?.value ?? ""
                    superseded.insert("\(id):\(shown)")
                    let value = "s\(schedule)-\(step)-\(i)"
                    try stores[i].saveAnswer(interview: id, question: "b", answer: .value(value))
                    made.insert("\(id):\(value)")
                    edits += 1
                case 5..<9:
                    let j = rng.below(count)
                    var report = MergeReport()
                    try DatabaseMerge.merge(into: stores[j], from: paths[i], dryRun: false, report: &report)
                    merges += 1
                default:
                    guard !(try stores[i].conflictingVersions(interview: id)).isEmpty else { continue }
                    for v in try standing(stores[i], id) { superseded.insert("\(id):\(v)") }
                    let take: DatabaseMerge.Resolution = rng.below(2) == 0 ? .ours : .values(["b": "r\(schedule)-\(step)"])
                    if case .values(let v) = take { made.insert("\(id):\(v["b"]!)") }
                    _ = try DatabaseMerge.resolve(stores[i], interview: id, peer: nil, resolution: take, reason: "test", actor: "t")
                    resolved += 1
                }
            }
            // everyone merges everyone, twice round: then all agree
            for _ in 0..<2 {
                for j in 0..<count {
                    for i in 0..<count where i != j {
                        var report = MergeReport()
                        try DatabaseMerge.merge(into: stores[j], from: paths[i], dryRun: false, report: &report)
                    }
                }
            }
            for id in 1...2 {
                let first = try standing(stores[0], id)
                let firstLeaves = Set(try stores[0].history(interview: id).leaves)
                for s in stores.dropFirst() {
                    XCTAssertEqual(
                        try s.answers(interview: id), try stores[0].answers(interview: id), "schedule \(schedule), seed \(rng.seed)")
                    XCTAssertEqual(Set(try s.history(interview: id).leaves), firstLeaves, "schedule \(schedule), seed \(rng.seed)")
                }
                for v in made where v.hasPrefix("\(id):") && !superseded.contains(v) {
                    XCTAssertTrue(
                        first.contains(String(v.dropFirst(2))), "schedule \(schedule): \(v) was lost; standing \(first); seed \(rng.seed)")
                }
            }
            for s in stores { XCTAssertEqual(try DatabaseChecks.problems(s), []) }
        }
        print(
            "reliability: \(Self.schedules) random schedules over 3-5 copies: \(edits) edits, \(merges) merges, \(resolved) settlements; all converged, 0 versions lost"
        )
    }
}
