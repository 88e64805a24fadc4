import CanvassCore
import CanvassFiles

/// `export csv --safe PLAN`: k-anonymity on the variables the plan groups its tables by (sector, nationality,
/// region...: the combination that can point at one firm). In the row of every interview whose combination of them
/// is shared by fewer than the plan's `min_base` interviews, those columns are left blank (local suppression), and
/// the export says how many rows it touched. The other columns, and the repeat files, are as without it.
public struct SmallCellSuppression: Sendable {
    public let variables: [String]
    public let k: Int
    /// The interviews whose rows are touched, by id.
    public private(set) var suppressed: Set<Int> = []

    /// The plan's grouping variables for questionnaire `q` (those of the interview: a repeat's are in its own file),
    /// and its min_base as k.
    public init(plan: ConcernPlan, questionnaire q: Questionnaire) throws {
        let id = q.id
        var seen = Set<String>()
        variables = plan.tables.filter { $0.questionnaire == id }.flatMap(\.by).filter { name in
            guard let i = q.index(of: name), !q.isInRepeat(i) else { return false }
            return seen.insert(name).inserted
        }
        k = plan.minBase
        guard !variables.isEmpty else {
            throw OutputError("--safe: the plan groups no table of \(id) by anything, so it names no combination to protect")
        }
        guard k >= 2 else { throw OutputError("--safe: the plan's min_base is \(k); k-anonymity needs at least 2") }
    }

    /// Counts the combinations over the interviews exported, and marks those shared by fewer than k.
    public mutating func count(_ source: any InterviewSource, questionnaire id: String, includeOpen: Bool) throws {
        var members: [String: [Int]] = [:]
        try source.forEachInterview(questionnaire: id, includeOpen: includeOpen, questions: Set(variables)) { d in
            let combination = variables.map { d.answers[$0].map(AnswerCodec.display) ?? "" }.joined(separator: "\u{1F}")
            members[combination, default: []].append(d.record.id)
        }
        suppressed = Set(members.values.filter { $0.count < k }.flatMap { $0 })
    }

    /// The columns of `layout` it blanks.
    func columns(of layout: WideLayout) -> [Int] {
        let names = Set(variables)
        return layout.columns.indices.filter { i in
            switch layout.columns[i] {
            case .question(let n): return names.contains(n)
            case .choice(let n, _): return names.contains(n)
            default: return false
            }
        }
    }

    /// What the export tells the user.
    public var summary: String {
        "--safe: \(suppressed.count) row\(suppressed.count == 1 ? "" : "s") had \(variables.joined(separator: ", ")) left blank "
            + "(a combination of them shared by fewer than \(k) interviews)"
    }
}
