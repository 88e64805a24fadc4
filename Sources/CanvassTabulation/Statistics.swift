#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Summary statistics of a list of numbers.
public struct NumericSummary: Equatable, Sendable {
    public var n: Int
    public var mean: Double
    /// Sample standard deviation (n - 1); 0 for one value.
    public var sd: Double
    public var min: Double
    public var median: Double
    public var max: Double
    /// Quartiles by linear interpolation between order statistics (R's type 7, Excel's QUARTILE.INC).
    public var p25: Double
    public var p75: Double

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
        func quantile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        p25 = quantile(0.25)
        p75 = quantile(0.75)
    }

    /// Share (0-100) of values in the top two points of a scale ending at `max`.
    public static func topTwo(_ values: [Double], scaleMax: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        return Double(values.filter { $0 >= scaleMax - 1 }.count) * 100 / Double(values.count)
    }
}

/// Pearson's chi-square test of independence for a table of counts.
public struct ChiSquare: Equatable, Sendable {
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    /// Cells whose expected count is below 5: the approximation is doubtful.
    public var smallExpected: Int

    public init?(_ table: [[Int]]) {
        let rows = table.filter { $0.reduce(0, +) > 0 }
        guard let width = rows.first?.count else { return nil }
        let columnTotals = (0..<width).map { c in rows.reduce(0) { $0 + $1[c] } }
        let cols = columnTotals.indices.filter { columnTotals[$0] > 0 }
        let n = Double(columnTotals.reduce(0, +))
        guard rows.count > 1, cols.count > 1, n > 0 else { return nil }
        var x2 = 0.0, small = 0
        for r in rows {
            let rowTotal = Double(r.reduce(0, +))
            for c in cols {
                let expected = rowTotal * Double(columnTotals[c]) / n
                if expected < 5 { small += 1 }
                x2 += (Double(r[c]) - expected) * (Double(r[c]) - expected) / expected
            }
        }
        statistic = x2
        degreesOfFreedom = (rows.count - 1) * (cols.count - 1)
        pValue = ChiSquare.upperTail(x2, Double(degreesOfFreedom))
        smallExpected = small
    }

    /// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms): accurate to about 1e-15.
    static func logGamma(_ x: Double) -> Double {
        let c = [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ]
        if x < 0.5 { return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x) }
        let y = x - 1
        var sum = c[0]
        for i in 1..<9 { sum += c[i] / (y + Double(i)) }
        let t = y + 7.5
        return 0.5 * log(2 * Double.pi) + (y + 0.5) * log(t) - t + log(sum)
    }

    /// P(X > x) for chi-square with k degrees of freedom: the regularised upper incomplete gamma Q(k/2, x/2).
    static func upperTail(_ x: Double, _ k: Double) -> Double {
        guard x > 0 else { return 1 }
        let a = k / 2, z = x / 2
        let lnGammaA = logGamma(a)
        if z < a + 1 {
            // series for P(a, z)
            var sum = 1 / a, term = 1 / a, ap = a
            for _ in 0..<500 {
                ap += 1
                term *= z / ap
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return Swift.max(0, 1 - sum * exp(-z + a * log(z) - lnGammaA))
        }
        // continued fraction for Q(a, z) (Lentz)
        var b = z + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d
        for i in 1..<500 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c
            if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return Swift.min(1, exp(-z + a * log(z) - lnGammaA) * h)
    }
}
