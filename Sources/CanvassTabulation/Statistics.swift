/// Summary statistics of a list of numbers.
public struct NumericSummary: Equatable, Sendable {
    public var n: Int
    public var mean: Double
    /// Sample standard deviation (n - 1); 0 for one value.
    public var sd: Double
    public var min: Double
    public var median: Double
    public var max: Double

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        n = sorted.count
        let sum = sorted.reduce(0, +)
        mean = sum / Double(n)
        let m = mean
        sd = n > 1 ? (sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot() : 0
        min = sorted[0]
        max = sorted[n - 1]
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
