/// What changed between two versions of a questionnaire: questions and choices added, removed and changed.
public enum QuestionnaireDiff {
    public struct Change: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable { case added = "+", removed = "-", changed = "~" }
        public var kind: Kind
        public var question: String
        public var detail: String
        public var description: String { "\(kind.rawValue) \(question): \(detail)" }
    }

    public static func compare(_ old: Questionnaire, _ new: Questionnaire, language: String? = nil) -> [Change] {
        var out: [Change] = []
        let oldNames = Set(old.questions.map(\.name)), newNames = Set(new.questions.map(\.name))
        for q in new.questions where !oldNames.contains(q.name) {
            out.append(
                Change(
                    kind: .added, question: q.name,
                    detail: "\(q.type.rawValue) in section \(new.section(ofQuestionAt: new.index(of: q.name)!).name)"))
        }
        for q in old.questions where !newNames.contains(q.name) {
            out.append(Change(kind: .removed, question: q.name, detail: q.type.rawValue))
        }
        for a in old.questions {
            guard let b = new.question(named: a.name) else { continue }
            func changed(_ what: String, _ x: String?, _ y: String?) {
                if x != y {
                    out.append(
                        Change(
                            kind: .changed, question: a.name,
                            detail: "\(what) \(x.map { "\"\($0)\"" } ?? "(none)") -> \(y.map { "\"\($0)\"" } ?? "(none)")"))
                }
            }
            changed("type", a.type.rawValue, b.type.rawValue)
            let oldCodes = a.choices.map(\.code), newCodes = b.choices.map(\.code)
            let added = newCodes.filter { !oldCodes.contains($0) }, removed = oldCodes.filter { !newCodes.contains($0) }
            if !added.isEmpty {
                out.append(Change(kind: .changed, question: a.name, detail: "choices added: \(added.joined(separator: ", "))"))
            }
            if !removed.isEmpty {
                out.append(Change(kind: .changed, question: a.name, detail: "choices removed: \(removed.joined(separator: ", "))"))
            }
            if added.isEmpty && removed.isEmpty && oldCodes != newCodes {
                out.append(Change(kind: .changed, question: a.name, detail: "choices reordered"))
            }
            changed("relevant", a.relevant?.text, b.relevant?.text)
            changed("constraint", a.constraint?.text, b.constraint?.text)
            changed("calculation", a.calculation?.text, b.calculation?.text)
            changed("choice_filter", a.choiceFilter?.text, b.choiceFilter?.text)
            if a.required != b.required {
                out.append(Change(kind: .changed, question: a.name, detail: b.required ? "now required" : "no longer required"))
            }
            if a.identifier != b.identifier {
                out.append(Change(kind: .changed, question: a.name, detail: b.identifier ? "now an identifier" : "no longer an identifier"))
            }
            if a.type == .scale && (a.min != b.min || a.max != b.max) {
                out.append(
                    Change(kind: .changed, question: a.name, detail: "scale \(a.min ?? 0)-\(a.max ?? 0) -> \(b.min ?? 0)-\(b.max ?? 0)"))
            }
            if a.label != b.label {
                out.append(
                    Change(
                        kind: .changed, question: a.name,
                        detail: "label \"\(old.text(a.label, in: language))\" -> \"\(new.text(b.label, in: language))\""))
            }
            let oldSection = old.section(ofQuestionAt: old.index(of: a.name)!).name,
                newSection = new.section(ofQuestionAt: new.index(of: a.name)!).name
            if oldSection != newSection {
                out.append(Change(kind: .changed, question: a.name, detail: "moved from section \(oldSection) to \(newSection)"))
            }
            // a question moving into or out of a repeat changes where its answers are stored and exported
            let oldRepeats = old.repeatChain(ofQuestionAt: old.index(of: a.name)!).map { old.groups[$0].name }.joined(separator: "/")
            let newRepeats = new.repeatChain(ofQuestionAt: new.index(of: a.name)!).map { new.groups[$0].name }.joined(separator: "/")
            if oldRepeats != newRepeats {
                out.append(
                    Change(
                        kind: .changed, question: a.name,
                        detail: "repeat \(oldRepeats.isEmpty ? "(none)" : oldRepeats) -> \(newRepeats.isEmpty ? "(none)" : newRepeats)"))
            }
        }
        // groups and repeats themselves
        func describe(_ g: QuestionGroup) -> String {
            guard let r = g.repeatRule else { return "group" }
            return "repeat " + (r.count.map { "count \($0.text)" } ?? "min \(r.minimum), max \(r.maximum.map(String.init) ?? "-")")
        }
        for g in new.groups where old.group(named: g.name) == nil {
            out.append(Change(kind: .added, question: g.name, detail: describe(g)))
        }
        for g in old.groups where new.group(named: g.name) == nil {
            out.append(Change(kind: .removed, question: g.name, detail: describe(g)))
        }
        for a in old.groups {
            guard let j = new.group(named: a.name) else { continue }
            let b = new.groups[j]
            if describe(a) != describe(b) {
                out.append(Change(kind: .changed, question: a.name, detail: "\(describe(a)) -> \(describe(b))"))
            }
            if a.relevant?.text != b.relevant?.text {
                out.append(
                    Change(
                        kind: .changed, question: a.name,
                        detail:
                            "relevant \(a.relevant.map { "\"\($0.text)\"" } ?? "(none)") -> \(b.relevant.map { "\"\($0.text)\"" } ?? "(none)")"
                    ))
            }
        }
        return out
    }

    /// Whether answers given under type `a` can share an export column with answers under type `b`.
    public static func compatible(_ a: QuestionType, _ b: QuestionType) -> Bool {
        if a == b { return true }
        let groups: [Set<QuestionType>] = [[.integer, .decimal], [.text, .longText], [.integer, .scale]]
        return groups.contains { $0.contains(a) && $0.contains(b) }
    }

    /// `schema diff`: warnings about the pair, then a line per change and a note on types that cannot share a column.
    public static func report(_ a: Questionnaire, _ b: Questionnaire, language: String?) -> (warnings: [String], lines: [String]) {
        var warnings: [String] = []
        if a.id != b.id { warnings.append("comparing different questionnaires: \(a.id) and \(b.id)") }
        if a.version == b.version && a != b {
            warnings.append("both files say version \(a.version) but differ; give the new one its own version before using it")
        }
        let changes = compare(a, b, language: language)
        var lines = ["\(a.id) \(a.version) -> \(b.id) \(b.version): \(changes.count) change\(changes.count == 1 ? "" : "s")"]
        lines += changes.map(\.description)
        if let c = incompatibleTypes([a, b]) {
            lines.append(
                "note: \(c.question) changes from \(c.oldType) (\(c.oldVersion)) to \(c.newType) (\(c.newVersion)); "
                    + "exports over both versions will refuse it: rename the question instead")
        }
        return (warnings, lines)
    }

    /// A question whose answers cannot share one column across two versions.
    public struct TypeChange: Sendable, Equatable {
        public var question: String
        public var oldType, oldVersion, newType, newVersion: String
    }

    /// The first question whose type changed incompatibly across `versions`, with the two types.
    public static func incompatibleTypes(_ versions: [Questionnaire]) -> TypeChange? {
        var seen: [String: (QuestionType, String)] = [:]
        for v in versions {
            for q in v.questions {
                if let (t, version) = seen[q.name], !compatible(t, q.type) {
                    return TypeChange(
                        question: q.name, oldType: t.rawValue, oldVersion: version, newType: q.type.rawValue, newVersion: v.version)
                }
                seen[q.name] = (q.type, v.version)
            }
        }
        return nil
    }
}
