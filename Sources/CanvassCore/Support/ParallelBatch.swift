import Foundation
import Synchronization

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

extension ParallelBatch {
    /// The items `feed` gives, `transform`ed on every core a batch of `size` at a time while the next batch is read,
    /// each output handed to `consume` in input order; `progress` after each batch with how many were consumed.
    public static func stream(
        size: Int = 1024, _ feed: ((Input) throws -> Void) throws -> Void, _ transform: @escaping @Sendable (Input) -> Output,
        consume: (Output) throws -> Void, progress: (Int) -> Void = { _ in }
    ) throws {
        // the hand-over runs inside `feed`'s callback: it may use `consume` and `progress`, which do not outlive this call
        try withoutActuallyEscaping(consume) { consume in
            try withoutActuallyEscaping(progress) { progress in
                var running = ParallelBatch([], transform)
                var batch: [Input] = []
                var done = 0
                let handOver = {
                    let outputs = running.wait()
                    for output in outputs { try consume(output) }
                    done += outputs.count
                    progress(done)
                    running = ParallelBatch(batch, transform)
                    batch = []
                }
                try feed { item in
                    batch.append(item)
                    if batch.count == size { try handOver() }
                }
                try handOver()
                try handOver()
            }
        }
    }
}

/// `items.map(transform)` on every core; results in input order.
public func parallelMap<Input: Sendable, Output: Sendable>(_ items: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
    let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
    let slots = Slots<Output>(count: items.count)
    // each worker takes the next item when it is free: a worker slowed down (the core is shared with the thread that
    // writes) does not hold the batch up while the others wait
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < items.count else { return }
            slots.set(i, transform(items[i]))
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
