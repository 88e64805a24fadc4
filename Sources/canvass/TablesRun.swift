import ArgumentParser
import CanvassCore
import CanvassExport
import CanvassStorage
import CanvassTabulation
import Foundation

/// Table computations shared by `tab freq`, `tab concerns` and `tab run`.
enum Tables {
    static func freq(_ store: CanvassStore, questionnaire id: String, question name: String, by: String?, filter: CanvassCore.Expression?,
                     includeOpen: Bool, language: String?) throws -> (Tabulation, Int) {
        let versions = try storedVersions(store, id)
        let latest = versions.last!.1
        func find(_ n: String) throws -> Question {
            for (_, q) in versions.reversed() { if let x = q.question(named: n) { return x } }
            let near = Suggestion.nearest(to: n, among: latest.questions.map(\.name)).map { "; did you mean \($0)?" } ?? ""
            throw Failure("\(id) has no question '\(n)'\(near)")
        }
        let question = try find(name)
        let byQuestion = try by.map(find)
        var table: Tabulation
        do { table = try Tabulation(question: question, by: byQuestion, questionnaire: latest, language: language) }
        catch let e as Tabulation.TabulationError { throw Failure(e.description) }
        let byRow = byVersionRow(versions)
        if let i = latest.index(of: question.name), latest.isInRepeat(i) {
            return try freqOfInstances(store, versions: versions, question: question, by: byQuestion, table: table, filter: filter, includeOpen: includeOpen)
        }
        if let b = byQuestion, let i = latest.index(of: b.name), latest.isInRepeat(i) {
            throw Failure("\(b.name) is asked once per instance of a repeat; --by needs a question asked once per interview, or one in the same repeat as \(question.name)")
        }
        let names = [question.name] + (byQuestion.map { [$0.name] } ?? []) + (filter?.references.map(\.name) ?? [])
        var needed = Set<String>()
        var neededIndices: [Int: Set<Int>] = [:]
        for (s, q) in versions {
            let deps = InterviewEngine.dependencies(of: names, in: q)
            needed.formUnion(deps)
            neededIndices[s.rowID] = Set(deps.compactMap { q.index(of: $0) })
        }
        var count = 0
        // Read only the answers the table needs: its questions and those their skip logic depends on.
        try store.forEachInterview(questionnaire: id, includeOpen: includeOpen, questions: needed) { d in
            guard let q = byRow[d.record.questionnaireVersionRowID] else { return }
            let relevance = InterviewEngine.relevance(of: q, answers: d.answers, only: neededIndices[d.record.questionnaireVersionRowID])
            func get(_ n: String) -> (Answer?, Bool) {
                guard let i = q.index(of: n) else { return (nil, false) }
                return relevance[i] ? (d.answers[n], true) : (nil, false)
            }
            if let filter {
                let visible = ExpressionEvaluator { n in
                    let (a, relevant) = get(n)
                    return relevant ? (a?.expressionValue ?? "") : ""
                }
                guard visible.isTrue(filter) else { return }
            }
            let (a, relevant) = get(question.name)
            table.add(answer: a, relevant: relevant, byAnswer: byQuestion.map { get($0.name).0 } ?? nil)
            count += 1
        }
        return (table, count)
    }

    /// A question inside a repeat is tabulated over its instances (participants, projects), not over interviews.
    /// `--by` reads a question of the same instance, or of the interview; `--where` reads the interview's answers.
    static func freqOfInstances(_ store: CanvassStore, versions: [(StoredQuestionnaire, Questionnaire)], question: Question, by byQuestion: Question?,
                                table: Tabulation, filter: CanvassCore.Expression?, includeOpen: Bool) throws -> (Tabulation, Int) {
        var table = table
        let byRow = byVersionRow(versions)
        let latest = versions.last!.1
        if let b = byQuestion, let i = latest.index(of: b.name), let j = latest.index(of: question.name) {
            let byChain = latest.repeatChain(ofQuestionAt: i), chain = latest.repeatChain(ofQuestionAt: j)
            guard byChain.isEmpty || chain.starts(with: byChain) else {
                throw Failure("\(b.name) and \(question.name) are in different repeats; --by needs a question of the same instance or one asked once per interview")
            }
        }
        var count = 0
        try store.forEachInterview(questionnaire: versions.last!.0.id, includeOpen: includeOpen) { d in
            guard let q = byRow[d.record.questionnaireVersionRowID], let j = q.index(of: question.name) else { return }
            let slots = InterviewEngine.slots(of: q, answers: d.answers)
            let relevantKeys = Set(slots.filter(\.relevant).map(\.key))
            if let filter {
                let visible = ExpressionEvaluator { n in relevantKeys.contains(n) ? d.answers[n]?.expressionValue ?? "" : "" }
                guard visible.isTrue(filter) else { return }
            }
            for slot in slots where slot.kind == .question && slot.question == j {
                var byAnswer: Answer?
                if let b = byQuestion, let bi = q.index(of: b.name) {
                    // the by-question's key in the same instances: its repeats are a prefix of this one's
                    let byChain = q.repeatChain(ofQuestionAt: bi)
                    let key = RepeatPath.prefix(byChain, Array(slot.instances.prefix(byChain.count)), in: q) + b.name
                    byAnswer = relevantKeys.contains(key) ? d.answers[key] : nil
                }
                // an instance where the question is skipped counts as "not asked", as an interview would
                table.add(answer: slot.relevant ? d.answers[slot.key] : nil, relevant: slot.relevant, byAnswer: byAnswer)
                count += 1
            }
        }
        return (table, count)
    }

    static func concerns(_ store: CanvassStore, plan: ConcernPlan, groups: [String], filter: CanvassCore.Expression?, includeOpen: Bool,
                         language: String?) throws -> (ConcernMatrix, Questionnaire, Int) {
        let versions = try storedVersions(store, plan.questionnaire)
        let latest = versions.last!.1
        var matrix = ConcernMatrix(plan: plan, groupVariables: groups)
        let byRow = byVersionRow(versions)
        var count = 0
        try store.forEachInterview(questionnaire: plan.questionnaire, includeOpen: includeOpen) { d in
            guard let q = byRow[d.record.questionnaireVersionRowID] else { return }
            let engine = InterviewEngine(questionnaire: q, answers: d.answers)
            if let filter, !ExpressionEvaluator(value: { engine.visibleValue(of: $0) }).isTrue(filter) { return }
            count += 1
            matrix.add(engine) { variable, code in
                q.question(named: variable).flatMap { $0.choice(code: code) }.map { q.text($0.label, in: language) } ?? code
            }
        }
        matrix.orderGroups { variable, code in latest.question(named: variable)?.categoryCodes.firstIndex(of: code) ?? Int.max }
        return (matrix, latest, count)
    }

    /// Freq cells in the tidy format, with cells of columns whose base is below `minBase` blanked and marked.
    static func suppressFreq(_ cells: [TidyCell], _ table: Tabulation, minBase: Int) -> [(TidyCell, Bool)] {
        guard minBase > 0 else { return cells.map { ($0, false) } }
        var small = Set<String>()
        for (c, col) in table.columns.enumerated() where table.validBase[c] < minBase { small.insert(col.kind == .total ? "" : col.code) }
        var out: [(TidyCell, Bool)] = []
        var marked = Set<String>()
        for cell in cells {
            let hide = small.contains(cell.colCode) && cell.statistic != "base"
            out.append((cell, hide))
            if hide, marked.insert(cell.colCode + "\u{1F}" + cell.rowCode).inserted {
                var m = cell; m.statistic = "suppressed"; m.value = 1
                out.append((m, false))
            }
        }
        return out
    }
}

extension TabCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a tabulation plan: one tidy CSV per table, index.csv and manifest.json (versions, hashes, filters, counts).",
            discussion: "The same plan on the same data gives byte-identical table files. A broken plan gets FILE:LINE:COL errors.")
        @Argument(help: "The plan file (e.g. tabulations/concerns.yaml).") var plan: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Language of the labels.") var lang: String?
        @Flag(help: "Include interviews that are not completed.") var includeOpen = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(create: false)
            let (plan, _, data) = try readPlan(self.plan, store, tables: true)
            guard !plan.tables.isEmpty else { throw Failure("\(self.plan) lists no tables (tables: [...])") }
            let out = try outputFolder(self.out)
            var index: [[String]] = [["table", "kind", "title", "questionnaire", "question", "by", "where", "min_base", "interviews", "rows", "file"]]
            var manifestTables: [String] = []
            for t in plan.tables {
                var cells: [(TidyCell, Bool)]
                var interviews = 0
                switch t.kind {
                case .freq:
                    let (table, n) = try Tables.freq(store, questionnaire: t.questionnaire, question: t.question!, by: t.by.first, filter: t.filter?.expression, includeOpen: includeOpen, language: lang)
                    cells = Tables.suppressFreq(TableOutput.tidy(table, table: t.name), table, minBase: t.minBase)
                    interviews = n
                case .concerns:
                    let (matrix, latest, n) = try Tables.concerns(store, plan: plan, groups: t.by, filter: t.filter?.expression, includeOpen: includeOpen, language: lang)
                    cells = matrix.tidy(table: t.name, language: lang, questionnaire: latest, minBase: t.minBase).map { ($0.cell, $0.suppressed) }
                    interviews = n
                }
                try OutputFile(out + "/" + t.name + ".csv", privateMode: false).produce { output in
                    let writer = CSVWriter { try output.write($0) }
                    try writer.writeRow(TidyCell.header)
                    for (cell, hidden) in cells { try writer.writeRow(hidden ? Array(cell.fields.dropLast()) + [""] : cell.fields) }
                    try writer.flush()
                }
                // the table's questionnaire, read once for its title and its unit
                let latest = try? storedVersions(store, t.questionnaire).last?.1
                let titleText = latest.map { $0.text(t.title, in: lang) } ?? t.name
                index.append([t.name, t.kind.rawValue, titleText, t.questionnaire, t.question ?? "", t.by.joined(separator: "+"), t.filter?.text ?? "",
                              String(t.minBase), String(interviews), String(cells.count), t.name + ".csv"])
                manifestTables.append("{\"table\":\(InterviewJSON.quote(t.name)),\"interviews\":\(interviews),\"where\":\(InterviewJSON.quote(t.filter?.text ?? ""))}")
                // a question inside a repeat is counted over its instances
                var unit = "interviews"
                if let name = t.question, let q = latest, let i = q.index(of: name), let g = q.repeatChain(ofQuestionAt: i).last {
                    unit = "instances of \(q.groups[g].name)"
                }
                Console.out("\(t.name): \(interviews) \(unit), \(cells.count) cells")
            }
            try OutputFile(out + "/index.csv", privateMode: false).produce { output in
                let writer = CSVWriter { try output.write($0) }
                for row in index { try writer.writeRow(row) }
                try writer.flush()
            }
            var questionnaires: [String] = []
            for qid in Set(plan.tables.map(\.questionnaire)).sorted() {
                let versions = try store.questionnaireVersions(id: qid).map { "{\"version\":\(InterviewJSON.quote($0.version)),\"sha256\":\(InterviewJSON.quote($0.hash))}" }
                questionnaires.append("{\"questionnaire\":\(InterviewJSON.quote(qid)),\"versions\":[\(versions.joined(separator: ","))]}")
            }
            let manifest = """
                {"canvass":\(InterviewJSON.quote(Canvass.configuration.version)),"plan":\(InterviewJSON.quote(self.plan)),"plan_sha256":\(InterviewJSON.quote(SHA256.hex(data))),\
                "database_id":\(InterviewJSON.quote(try store.databaseID)),"include_open":\(includeOpen),"language":\(lang.map(InterviewJSON.quote) ?? "null"),\
                "generated_at":\(InterviewJSON.quote(Timestamp.now())),"questionnaires":[\(questionnaires.joined(separator: ","))],"tables":[\(manifestTables.joined(separator: ","))]}
                """
            try OutputFile(out + "/manifest.json", privateMode: false).produce { try $0.write(Array((manifest + "\n").utf8)) }
            Console.out("Wrote \(plan.tables.count) tables, index.csv and manifest.json to \(out)/.")
        }
    }
}
