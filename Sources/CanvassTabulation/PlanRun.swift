import CanvassCore

/// The tables of a plan, computed: what `tab run` writes (one tidy CSV per table, `index.csv`, `manifest.json`).
public struct PlanRun {
    /// One table of the plan with its cells.
    public struct Table {
        public var spec: ConcernPlan.Table
        public var rows: [TidyRow]
        /// Interviews counted, or repeat instances for a question inside a repeat.
        public var count: Int
        /// What `count` counts: "interviews" or "instances of REPEAT".
        public var unit: String
        public var title: String
        /// The table as computed, for the report to draw.
        public var result: Result
        /// The latest version of the table's questionnaire, which labels it.
        public var questionnaire: Questionnaire
        public var policy: SmallBasePolicy { SmallBasePolicy(minBase: spec.minBase) }
        public var fileName: String { spec.name + ".csv" }

        public enum Result {
            case freq(Tabulation)
            case concerns(ConcernMatrix)
        }
    }

    public var tables: [Table] = []

    /// Runs every table of `plan`; `versions(id)` gives a questionnaire's stored versions.
    public init(
        _ plan: ConcernPlan, runner: TableRunner, language: String?, versions: (String) throws -> QuestionnaireVersions
    ) throws {
        for t in plan.tables {
            let v = try versions(t.questionnaire)
            let policy = SmallBasePolicy(minBase: t.minBase)
            let title = v.latest.text(t.title, in: language)
            var table: Table
            switch t.kind {
            case .freq:
                let (freq, n) = try runner.freq(
                    v, question: t.question ?? "", by: t.by.first, filter: t.filter?.expression, language: language)
                table = Table(
                    spec: t, rows: TableRunner.tidy(freq, name: t.name, policy: policy), count: n, unit: "interviews", title: title,
                    result: .freq(freq), questionnaire: v.latest)
            case .concerns:
                let (matrix, n) = try runner.concerns(v, plan: plan, groups: t.by, filter: t.filter?.expression, language: language)
                table = Table(
                    spec: t, rows: matrix.tidy(table: t.name, language: language, questionnaire: v.latest, policy: policy), count: n,
                    unit: "interviews", title: title, result: .concerns(matrix), questionnaire: v.latest)
            }
            // a question inside a repeat is counted over its instances
            let q = v.latest
            if let name = t.question, let i = q.index(of: name), let g = q.repeatChain(ofQuestionAt: i).last {
                table.unit = "instances of \(q.groups[g].name)"
            }
            tables.append(table)
        }
    }

    /// `index.csv`: a row per table, after the header.
    public var index: [[String]] {
        let header = ["table", "kind", "title", "questionnaire", "question", "by", "where", "min_base", "count", "counted", "rows", "file"]
        return [header]
            + tables.map { t in
                let s = t.spec
                return [
                    s.name, s.kind.rawValue, t.title, s.questionnaire, s.question ?? "", s.by.joined(separator: "+"), s.filter?.text ?? "",
                    String(s.minBase), String(t.count), t.unit, String(t.rows.count), t.fileName,
                ]
            }
    }

    /// `manifest.json`: what was run on which data, to tell two runs apart.
    public struct Manifest: Encodable {
        public struct Version: Encodable {
            public var version, sha256: String
        }
        public struct QuestionnaireEntry: Encodable {
            public var questionnaire: String
            public var versions: [Version]
        }
        public struct TableEntry: Encodable {
            public var table: String
            public var interviews: Int
            public var `where`: String
        }
        public var canvass, plan, planSHA256, databaseID: String
        public var includeOpen: Bool
        public var language: String?
        public var generatedAt: String
        public var questionnaires: [QuestionnaireEntry]
        public var tables: [TableEntry]

        enum CodingKeys: String, CodingKey {
            case canvass, plan, planSHA256 = "plan_sha256", databaseID = "database_id", includeOpen = "include_open", language
            case generatedAt = "generated_at", questionnaires, tables, values
        }
        /// How the tables' `value` column is written, stated once for every reader of the files.
        public static let values =
            "counts as whole numbers; other statistics rounded to at most 10 decimal places (no binary float noise); "
            + "percentages and intervals from 0 to 100; a blank value is suppressed by the small-base rule (min_base)"

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(canvass, forKey: .canvass)
            try c.encode(plan, forKey: .plan)
            try c.encode(planSHA256, forKey: .planSHA256)
            try c.encode(databaseID, forKey: .databaseID)
            try c.encode(includeOpen, forKey: .includeOpen)
            try c.encode(language, forKey: .language)  // null when not set
            try c.encode(generatedAt, forKey: .generatedAt)
            try c.encode(questionnaires, forKey: .questionnaires)
            try c.encode(tables, forKey: .tables)
            try c.encode(Self.values, forKey: .values)
        }
    }

    public func manifest(
        canvass: String, plan: String, planSHA256: String, databaseID: String, includeOpen: Bool, language: String?,
        generatedAt: String, versions: [QuestionnaireVersions]
    ) -> Manifest {
        Manifest(
            canvass: canvass, plan: plan, planSHA256: planSHA256, databaseID: databaseID, includeOpen: includeOpen,
            language: language, generatedAt: generatedAt,
            questionnaires: versions.map { v in
                .init(questionnaire: v.id, versions: v.versions.map { .init(version: $0.questionnaire.version, sha256: $0.hash) })
            },
            tables: tables.map { .init(table: $0.spec.name, interviews: $0.count, where: $0.spec.filter?.text ?? "") })
    }
}
