/// How far coders agree on a coding frame's themes. A unit is one coded answer (an interview's answer to one
/// question, by its key and repeat path); for each theme, each coder's value in a unit is whether the coder gave it.
/// Per theme: percent agreement and Cohen's kappa (two coders), Krippendorff's alpha (nominal, any number of
/// coders, units coded by fewer than two left out); overall: the mean of the themes' alphas.
public struct CoderAgreement: Sendable {
    public struct ThemeAgreement: Sendable {
        public var theme: String
        /// Units coded by every coder compared (kappa and percent agreement are over these).
        public var units: Int
        public var agreementPercent: Double?
        /// nil where it is undefined (every coder gave the same value to every unit: no variation to agree on).
        public var kappa: Double?
        public var alpha: Double?
        /// Units where the coders differ on this theme, by unit.
        public var disagreements: [String]
    }
    public var coders: [String]
    public var themes: [ThemeAgreement]
    /// Mean of the defined alphas.
    public var meanAlpha: Double?

    /// `codings`: coder -> unit -> themes given (an empty set: coded, no theme). Units a coder has no entry for are
    /// missing for that coder.
    public init(coders: [String], themes: [String], codings: [String: [String: Set<String>]]) {
        self.coders = coders
        let units = Set(coders.flatMap { codings[$0]?.keys.map { $0 } ?? [] }).sorted()
        var out: [ThemeAgreement] = []
        for theme in themes {
            // value per coder per unit: 1 given, 0 not given, nil not coded by that coder
            let matrix: [[Int?]] = coders.map { c in units.map { u in codings[c]?[u].map { $0.contains(theme) ? 1 : 0 } } }
            let complete = units.indices.filter { i in matrix.allSatisfy { $0[i] != nil } }
            var disagreements: [String] = []
            var agreeing = 0
            for i in complete {
                let values = Set(matrix.map { $0[i]! })
                if values.count == 1 { agreeing += 1 } else { disagreements.append(units[i]) }
            }
            let percent = complete.isEmpty ? nil : 100 * Double(agreeing) / Double(complete.count)
            let kappa = coders.count == 2 ? Self.cohensKappa(complete.map { matrix[0][$0]! }, complete.map { matrix[1][$0]! }) : nil
            out.append(
                ThemeAgreement(
                    theme: theme, units: complete.count, agreementPercent: percent, kappa: kappa,
                    alpha: Self.krippendorffAlpha(units.indices.map { i in matrix.map { $0[i] } }), disagreements: disagreements))
        }
        self.themes = out
        let alphas = out.compactMap(\.alpha)
        meanAlpha = alphas.isEmpty ? nil : alphas.reduce(0, +) / Double(alphas.count)
    }

    /// Cohen's kappa of two coders' nominal values over the same units; nil when chance agreement is total.
    public static func cohensKappa(_ a: [Int], _ b: [Int]) -> Double? {
        guard a.count == b.count, !a.isEmpty else { return nil }
        let n = Double(a.count)
        let observed = Double(zip(a, b).filter { $0 == $1 }.count) / n
        var expected = 0.0
        for v in Set(a).union(b) {
            expected += Double(a.filter { $0 == v }.count) / n * (Double(b.filter { $0 == v }.count) / n)
        }
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Krippendorff's alpha for nominal values: `units[u][c]` is coder c's value for unit u (nil when missing).
    /// Units with fewer than two values are not pairable and left out; nil when no variation is left (D_e = 0).
    public static func krippendorffAlpha(_ units: [[Int?]]) -> Double? {
        var coincidence: [Int: [Int: Double]] = [:]
        for unit in units {
            let values = unit.compactMap { $0 }
            let m = values.count
            guard m >= 2 else { continue }
            for i in 0..<m {
                for j in 0..<m where i != j { coincidence[values[i], default: [:]][values[j], default: 0] += 1 / Double(m - 1) }
            }
        }
        let categories = coincidence.keys.sorted()
        let nc = categories.map { c in coincidence[c]!.values.reduce(0, +) }
        let n = nc.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0, expected = 0.0
        for (x, c) in categories.enumerated() {
            for (y, k) in categories.enumerated() where c != k {
                observed += coincidence[c]?[k] ?? 0
                expected += nc[x] * nc[y]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }
}
