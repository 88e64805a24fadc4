import CanvassCore
import CanvassTestSupport
import XCTest

/// The revision rule on plain values: ancestry, leaves, the winner, and merges as unions in any order.
final class RevisionHistoryTests: XCTestCase {
    func test_a_revision_names_its_generation_and_hashes_parents_and_content() {
        let a = RevisionHistory.revision(parents: [], content: "x")
        let b = RevisionHistory.revision(parents: [a], content: "y")
        XCTAssertTrue(a.hasPrefix("1-"))
        XCTAssertTrue(b.hasPrefix("2-"))
        XCTAssertEqual(RevisionHistory.revision(parents: [], content: "x"), a, "the same change made twice is the same revision")
        XCTAssertNotEqual(RevisionHistory.revision(parents: [a], content: "x"), RevisionHistory.revision(parents: [], content: "x"))
        XCTAssertEqual(RevisionHistory.revision(parents: [a, b], content: "z"), RevisionHistory.revision(parents: [b, a], content: "z"))
    }

    func test_ancestry_leaves_and_a_winner_every_database_agrees_on() {
        var h = RevisionHistory(["1-a": [], "2-b": ["1-a"], "2-c": ["1-a"], "3-d": ["2-b"]])
        XCTAssertTrue(h.isAncestor("1-a", of: "3-d"))
        XCTAssertFalse(h.isAncestor("2-c", of: "3-d"))
        XCTAssertEqual(h.leaves, ["2-c", "3-d"])
        XCTAssertEqual(h.winner, "3-d", "the longer history wins")
        h.add("3-e", parents: ["2-c"])
        XCTAssertEqual(h.winner, "3-e", "then the higher id")
        h.add("4-f", parents: ["3-d", "3-e"])
        XCTAssertEqual(h.leaves, ["4-f"], "a revision on top of every leaf settles the conflict")
    }

    func test_merges_in_any_order_and_direction_converge() {
        var rng = TestRandom(self)
        for _ in 0..<200 {
            // three copies of one history, each extended on its own
            var copies = Array(repeating: RevisionHistory(["1-base": []]), count: 3)
            for step in 0..<12 {
                let i = rng.below(3)
                if rng.below(3) == 0 {
                    let j = rng.below(3)
                    copies[j].formUnion(copies[i])
                } else {
                    let parent = copies[i].winner!
                    copies[i].add(RevisionHistory.revision(parents: [parent], content: "\(i)-\(step)"), parents: [parent])
                }
            }
            var all = RevisionHistory()
            for c in copies.shuffled(using: &rng) { all.formUnion(c) }
            for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
                var h = copies[order[0]]
                h.formUnion(copies[order[1]])
                h.formUnion(copies[order[2]])
                XCTAssertEqual(h, all)
                XCTAssertEqual(h.winner, all.winner)
                XCTAssertEqual(h.leaves, all.leaves)
            }
        }
    }
}
