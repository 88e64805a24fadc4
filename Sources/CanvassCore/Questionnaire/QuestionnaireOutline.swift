/// The text outline printed by `schema show`.
public enum QuestionnaireOutline {
    public static func render(_ q: Questionnaire, language: String?) -> String {
        var lines = ["\(q.id) \(q.version): \(q.text(q.title, in: language))"]
        if !q.languages.isEmpty { lines.append("languages: \(q.languages.joined(separator: ", "))") }
        lines.append("special answers: dk = \(q.specialCodes[.dontKnow] ?? ""), rf = \(q.specialCodes[.refused] ?? "")")
        var number = 0
        for section in q.sections {
            lines.append("")
            lines.append(
                "== \(section.name): \(q.text(section.title, in: language))" + (section.relevant.map { "   [if \($0.text)]" } ?? ""))
            for question in section.questions {
                // groups and repeats open where their first question stands
                let index = q.index(of: question.name) ?? 0
                for group in q.groups where group.questions.lowerBound == index && !group.questions.isEmpty {
                    var depth = 0
                    var p = group.parent
                    while let x = p {
                        depth += 1
                        p = q.groups[x].parent
                    }
                    var how = "group"
                    if let rule = group.repeatRule {
                        how =
                            "repeat "
                            + (rule.count.map { "\($0.text) times" }
                                ?? "with Add another? (at least \(rule.minimum)\(rule.maximum.map { ", at most \($0)" } ?? ""))")
                    }
                    lines.append(
                        String(repeating: "  ", count: depth + 1)
                            + "[\(how): \(group.name), questions \(group.questions.lowerBound + 1)-\(group.questions.upperBound)]"
                            + (group.relevant.map { "   [if \($0.text)]" } ?? ""))
                }
                number += 1
                var flags: [String] = []
                if question.required { flags.append("required") }
                if question.identifier { flags.append("IDENTIFIER") }
                if question.type != .note && question.special != SpecialAnswer.allCases {
                    flags.append(question.special.isEmpty ? "no dk/rf" : "only " + question.special.map(\.rawValue).joined(separator: "/"))
                }
                var type = question.type.rawValue
                if question.type == .scale { type += " \(question.min ?? 1)-\(question.max ?? 5)" }
                if let list = question.choiceListName { type += " \(list)" }
                lines.append(
                    "  \(number). \(question.name) (\(type))\(flags.isEmpty ? "" : " [" + flags.joined(separator: ", ") + "]"): "
                        + "\(q.text(question.label, in: language))"
                )
                if let r = question.relevant { lines.append("       if: \(r.text)") }
                if let c = question.constraint { lines.append("       check: \(c.text)") }
                if let w = question.warning { lines.append("       soft check: \(w.check.text) (\(q.text(w.message, in: language)))") }
                if let c = question.calculation { lines.append("       = \(c.text)") }
                if let d = question.defaultValue { lines.append("       default: \(d)\(question.readOnly ? " (read only)" : "")") }
                if let f = question.choiceFilter { lines.append("       choices where: \(f.text)") }
                if question.type.isSelect {
                    for c in question.choices { lines.append("       - \(c.code): \(q.text(c.label, in: language))") }
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
