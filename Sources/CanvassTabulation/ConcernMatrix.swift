import CanvassCore
import Foundation

/// Wilson score interval for a proportion: better than the normal approximation for small bases and extreme shares.
public enum Wilson {
    public static func interval(successes k: Int, trials n: Int, z: Double = 1.959963984540054) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let p = Double(k) / Double(n), nn = Double(n), z2 = z * z
        let centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        let half = z * ((p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()) / (1 + z2 / nn)
        return (max(0, centre - half), min(1, centre + half))
    }
}

/// For each concern (category and item) and each group: n asked, n experienced, incidence with its Wilson
/// interval, mean severity and top-2 share among those who experienced it, and the rank within the group.
public struct ConcernMatrix: Sendable {
    public struct Cell: Sendable, Equatable {
        public var asked = 0
        public var experienced = 0
        public var severities: [Double] = []
        public var topTwo = 0
    }

    public let plan: ConcernPlan
    public let groupVariables: [String]
    /// Group key ("" for the total) -> concern code -> cell.
    public private(set) var cells: [String: [String: Cell]] = [:]
    public private(set) var groupOrder: [String] = []
    public private(set) var groupLabels: [String: String] = [:]

    public init(plan: ConcernPlan, groupVariables: [String]) {
        self.plan = plan
        self.groupVariables = groupVariables
    }

    /// Adds one interview, reading answers as the questionnaire walks it (so relevance applies).
    public mutating func add(_ engine: StoredInterview, groupLabel: (String, String) -> String = { $1 }) {
        var keys = [""]
        if !groupVariables.isEmpty {
            let codes = groupVariables.map { engine.visibleValue(of: $0) }
            if !codes.contains("") {
                let key = codes.joined(separator: " x ")
                keys.append(key)
                if groupLabels[key] == nil {
                    groupOrder.append(key)
                    groupLabels[key] = zip(groupVariables, codes).map { groupLabel($0, $1) }.joined(separator: " x ")
                }
            }
        }
        let evaluator = ExpressionEvaluator { engine.visibleValue(of: $0) }
        for concern in plan.concerns {
            // asked: every question the definition reads was asked and has a real answer
            let refs = concern.experienced.expression.references.map(\.name)
            let asked = refs.allSatisfy { name in
                guard engine.isRelevant(key: name), case .value? = engine.answers[name] else { return false }
                return true
            }
            guard asked else { continue }
            let experienced = evaluator.isTrue(concern.experienced.expression)
            var severity: Double?
            var maxSeverity = 5.0
            if experienced, let s = concern.severity, let q = engine.questionnaire.question(named: s) {
                severity = Double(engine.visibleValue(of: s))
                maxSeverity = Double(q.max ?? 5)
            }
            for key in keys {
                var cell = cells[key, default: [:]][concern.code, default: Cell()]
                cell.asked += 1
                if experienced {
                    cell.experienced += 1
                    if let severity {
                        cell.severities.append(severity)
                        if severity >= maxSeverity - 1 { cell.topTwo += 1 }
                    }
                }
                cells[key, default: [:]][concern.code] = cell
            }
        }
    }

    /// Puts the groups in the order of their choice lists (`position` gives each variable's code its place).
    public mutating func orderGroups(_ position: (String, String) -> Int) {
        groupOrder.sort { a, b in
            let x = zip(groupVariables, a.components(separatedBy: " x ")).map { position($0, $1) }
            let y = zip(groupVariables, b.components(separatedBy: " x ")).map { position($0, $1) }
            return x.lexicographicallyPrecedes(y)
        }
    }

    public func cell(_ group: String, _ code: String) -> Cell { cells[group]?[code] ?? Cell() }

    /// Rank of a concern by incidence within its group among concerns of the same level (categories, or items of one category).
    public func rank(_ group: String, _ concern: ConcernPlan.Concern) -> Int? {
        func incidence(_ c: ConcernPlan.Concern) -> Double? {
            let cell = self.cell(group, c.code)
            return cell.asked > 0 ? Double(cell.experienced) / Double(cell.asked) : nil
        }
        guard let mine = incidence(concern) else { return nil }
        let peers = plan.concerns.filter { $0.category == concern.category }
        return 1 + peers.filter { (incidence($0) ?? -1) > mine }.count
    }

    /// The table in the tidy format, the small-base rule applied to each cell.
    public func tidy(table: String, language: String?, questionnaire q: Questionnaire, policy: SmallBasePolicy) -> [TidyRow] {
        var out: [TidyCell] = []
        let colVar = groupVariables.joined(separator: "+")
        for group in [""] + groupOrder {
            for concern in plan.concerns {
                let c = cell(group, concern.code)
                func add(_ stat: TidyStatistic, _ v: Double?) {
                    guard let v else { return }
                    out.append(
                        TidyCell(
                            table: table, rowVar: concern.category ?? "concern", rowCode: concern.code,
                            rowLabel: q.text(concern.label, in: language), colVar: group.isEmpty ? "" : colVar, colCode: group,
                            colLabel: group.isEmpty ? "" : (groupLabels[group] ?? group), statistic: stat, value: v))
                }
                add(.base, Double(c.asked))
                add(.count, Double(c.experienced))
                add(.incidence, c.incidence.map { $0 * 100 })
                if let ci = Wilson.interval(successes: c.experienced, trials: c.asked) {
                    add(.ciLow, ci.low * 100)
                    add(.ciHigh, ci.high * 100)
                }
                add(.meanSeverity, c.meanSeverity)
                if !c.severities.isEmpty { add(.top2Pct, Double(c.topTwo) * 100 / Double(c.severities.count)) }
                add(.rank, rank(group, concern).map(Double.init))
            }
        }
        return policy.apply(out) { cell($0.colCode, $0.rowCode).asked }
    }
}

extension ConcernMatrix.Cell {
    /// Experienced among those asked, 0-1; nil when nobody was asked.
    public var incidence: Double? { asked > 0 ? Double(experienced) / Double(asked) : nil }
    /// Mean severity among those who experienced it; nil when none gave one.
    public var meanSeverity: Double? { severities.isEmpty ? nil : severities.reduce(0, +) / Double(severities.count) }
}
