import Foundation

/// Work on a batch of items spread over every core, in the background, while the caller prepares the next batch.
public final class ParallelBatch<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var results: [Output] = []

    public init(_ items: [Input], _ transform: @escaping @Sendable (Input) -> Output) {
        guard !items.isEmpty else { return }
        DispatchQueue.global().async(group: group) {
            self.results = parallelMap(items, transform)
        }
    }

    /// The outputs, in input order, once the work is done.
    public func wait() -> [Output] {
        group.wait()
        return results
    }
}

/// `items.map(transform)` on every core; results in input order.
public func parallelMap<Input: Sendable, Output: Sendable>(_ items: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
    let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
    let slots = Slots<Output>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < items.count {
            slots.set(i, transform(items[i]))
            i += workers
        }
    }
    return slots.values
}

/// Slots written by parallel workers, each to its own indices, read after all have finished.
final class Slots<T>: @unchecked Sendable {
    private var storage: [T?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { storage.withUnsafeMutableBufferPointer { $0[i] = v } }
    var values: [T] { storage.map { $0! } }
}
