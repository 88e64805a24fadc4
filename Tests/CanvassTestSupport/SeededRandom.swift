import CanvassCore
import XCTest

/// Randomness for tests that can be replayed: the seed comes from `CANVASS_TEST_SEED` or is drawn once, and is
/// printed with every failure of the test that used it.
public struct TestRandom: RandomNumberGenerator {
    public let seed: UInt64
    private var generator: SeededGenerator

    public init(_ test: XCTestCase) {
        let given = ProcessInfo.processInfo.environment["CANVASS_TEST_SEED"].flatMap(UInt64.init)
        seed = given ?? UInt64.random(in: 1...UInt64(UInt32.max))
        generator = SeededGenerator(seed: seed)
        let seed = seed
        test.addTeardownBlock {
            if let run = test.testRun, run.failureCount + run.unexpectedExceptionCount > 0 {
                print("\(test.name) failed with random seed \(seed): replay with CANVASS_TEST_SEED=\(seed)")
            }
        }
    }

    public mutating func next() -> UInt64 { generator.next() }
}

extension RandomNumberGenerator {
    /// A whole number from 0 to `n - 1` (0 when `n` is 0).
    public mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    /// A number from 0 up to 1.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
