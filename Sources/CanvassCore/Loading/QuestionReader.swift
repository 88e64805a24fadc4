import Foundation
import Yams

/// Reading one question: its type, label, choices, scale, special answers, logic and default, each checked where it
/// stands in the file.
extension QuestionnaireBuilder {
    typealias Keyed = [String: (keyNode: Node, value: Node)]

    mutating func readQuestion(_ node: Node, index: Int, names: inout [String: SourceLocation]) -> [Question] {
        guard let m = reader.keyed(node, what: "a question", allowed: QuestionnaireLoader.questionKeys, required: ["name", "type"]) else {
            return []
        }
        var name = ""
        if let n = m["name"], let s = reader.string(n.value, what: "a question name") {
            name = s
            checkName(s, what: "question name", node: n.value, names: &names)
        }
        let what = "question '\(name)'"
        let (type, listFromType) = readType(m, what: what)
        let misspeltLabel: Bool = {
            guard case .mapping(let map) = node else { return false }
            return map.keys.contains { k in
                k.scalar.map { $0.string != "label" && Suggestion.nearest(to: $0.string, among: ["label"]) != nil } ?? false
            }
        }()
        if m["label"] == nil && type != .calculate && !type.isMetadata && !misspeltLabel {
            reader.error(.missingKey, "a question is missing the required key 'label'", at: node)
        }
        let label = m["label"].flatMap { reader.label($0.value, what: "the label of \(what)", languages: languages) } ?? LocalizedText(name)
        let hint = m["hint"].flatMap { reader.label($0.value, what: "the hint of \(what)", languages: languages) }
        // required: true or false, or an expression (XLSForm's dynamic required)
        var requiredIf: ExpressionSource?
        var required = false
        if let r = m["required"] {
            if case .scalar(let s) = r.value, !["true", "false", "yes", "no", "y", "n", "on", "off"].contains(s.string.lowercased()),
                let site = expressionSite(r.value, role: .relevant, firstForbidden: index, owner: "the required of \(what)")
            {
                requiredIf = site.source
                sites.append(site)
            } else {
                required = reader.bool(r.value, what: "required of \(what)") ?? false
            }
        }
        let identifier = m["identifier"].flatMap { reader.bool($0.value, what: "identifier of \(what)") } ?? false

        let (choices, listName, orOther) = readQuestionChoices(m, node, type: type, listFromType: listFromType, what: what)
        let scale = readScale(m, node, type: type, what: what)
        let special = readSpecial(m, type: type, what: what)
        let logic = readLogic(m, node, index: index, type: type, choices: choices, what: what)
        // a default that reads answers or calls a function is XLSForm's dynamic default, worked out at the prompt
        var defaultExpression: ExpressionSource?
        if type.isAsked, let d = m["default"], case .scalar(let s) = d.value, s.string.contains("${") || s.string.contains("("),
            (try? ExpressionParser.parse(s.string)) != nil,
            let site = expressionSite(d.value, role: .relevant, firstForbidden: index, owner: "the default of \(what)")
        {
            defaultExpression = site.source
            sites.append(site)
        }
        let defaultValue =
            defaultExpression != nil
            ? nil : readDefault(m, name: name, type: type, label: label, choices: choices, scale: scale, what: what)
        let requiredMessage = m["required_message"].flatMap {
            reader.label($0.value, what: "required_message of \(what)", languages: languages)
        }
        let readOnly = m["read_only"].flatMap { reader.bool($0.value, what: "read_only of \(what)") } ?? false
        var warning: SoftCheck?
        if let w = m["warning"],
            let wm = reader.keyed(w.value, what: "the warning of \(what)", allowed: ["check", "message"], required: ["check", "message"]),
            let c = wm["check"],
            let site = expressionSite(c.value, role: .constraint, firstForbidden: index + 1, owner: "the warning check of \(what)"),
            let message = wm["message"].flatMap({ reader.label($0.value, what: "the warning message of \(what)", languages: languages) })
        {
            sites.append(site)
            warning = SoftCheck(check: site.source, message: message)
        }
        var question = Question(
            name: name, type: type, label: label, hint: hint, required: type.isAsked ? required : false,
            choices: choices, choiceListName: listName, identifier: identifier, relevant: logic.relevant, constraint: logic.constraint,
            constraintMessage: logic.constraintMessage, special: type.isAsked ? special : [], min: scale.min, max: scale.max,
            minLabel: scale.minLabel, maxLabel: scale.maxLabel, location: reader.location(node))
        question.calculation = logic.calculation
        question.choiceFilter = logic.choiceFilter
        question.defaultValue = defaultValue
        question.requiredMessage = requiredMessage
        question.readOnly = readOnly
        question.warning = warning
        question.redactWords = m["redact"].map { reader.words($0.value, what: "redact of \(what)") } ?? []
        question.step = scale.step
        question.requiredIf = type.isAsked ? requiredIf : nil
        question.defaultExpression = defaultExpression
        question.guidance = m["guidance_hint"].flatMap { reader.label($0.value, what: "guidance_hint of \(what)", languages: languages) }
        guard orOther && type.isSelect else { return [question] }
        return [question, otherQuestion(after: question, m, node, names: &names, what: what)]
    }

    private func readType(_ m: Keyed, what: String) -> (QuestionType, (String, Node)?) {
        var type = QuestionType.text
        var listFromType: (String, Node)?
        if let t = m["type"], let s = reader.string(t.value, what: "the type of \(what)") {
            // XLSForm writes "select_one sector": accept the list name after the type.
            let parts = s.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if let first = parts.first, let qt = QuestionType(rawValue: first), parts.count <= 2 {
                type = qt
                if parts.count == 2 {
                    if qt.hasChoices {
                        listFromType = (parts[1], t.value)
                    } else {
                        reader.error(
                            .unknownType, "type '\(s)' of \(what): only select_one and select_multiple take a choice list name", at: t.value
                        )
                    }
                }
            } else {
                let near =
                    Suggestion.nearest(to: parts.first ?? s, among: QuestionType.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" }
                    ?? ""
                reader.error(
                    .unknownType,
                    "unknown type '\(AnswerParser.clip(s))' of \(what)\(near); types are \(QuestionType.allCases.map(\.rawValue).joined(separator: ", "))",
                    at: t.value)
            }
        }
        return (type, listFromType)
    }

    private func readQuestionChoices(
        _ m: Keyed, _ node: Node, type: QuestionType, listFromType: (String, Node)?, what: String
    ) -> ([Choice], String?, orOther: Bool) {
        var choices: [Choice] = []
        var listName: String?
        if type.hasChoices {
            if let (listRef, node) = listFromType {
                if m["choices"] != nil {
                    reader.error(.wrongValueType, "\(what) names its choice list both in type and in choices; keep one", at: node)
                }
                (choices, listName) = resolveList(listRef, node: node, what: what)
            } else if let c = m["choices"] {
                if case .scalar(let s) = c.value {
                    (choices, listName) = resolveList(s.string, node: c.value, what: what)
                } else {
                    choices = readChoices(c.value, what: "the choices of \(what)")
                }
            } else {
                reader.error(
                    .missingChoices,
                    "\(what) is \(type.rawValue) but has no choices; add choices: LIST_NAME or an inline list of {code, label}", at: node)
            }
        } else if let c = m["choices"] {
            reader.warning(.ignoredKey, "choices is ignored: \(what) is \(type.rawValue), not a select", at: c.keyNode)
        }
        let orOther = m["or_other"].flatMap { reader.bool($0.value, what: "or_other of \(what)") } ?? false
        if orOther {
            if !type.isSelect {
                reader.warning(.ignoredKey, "or_other is ignored: \(what) is \(type.rawValue), not a select", at: m["or_other"]!.keyNode)
            } else if !choices.contains(where: { $0.code == "other" }) {
                choices.append(
                    Choice(
                        code: "other",
                        label: LocalizedText(texts: ["ko": "기타", "en": "Other", "zh": "其他", LocalizedText.anyLanguage: "Other"])))
            }
        }
        if type == .yesNo {
            choices = Choice.yesNo
        }

        return (choices, listName, orOther)
    }

    struct Scale {
        var min, max: Int?
        var minLabel, maxLabel: LocalizedText?
        var step: Int?
    }

    private func readScale(_ m: Keyed, _ node: Node, type: QuestionType, what: String) -> Scale {
        var minV: Int?, maxV: Int?
        for key in ["min", "max", "min_label", "max_label"] where m[key] != nil && type != .scale && !(type == .range && key.count == 3) {
            reader.warning(.ignoredKey, "\(key) is ignored: \(what) is \(type.rawValue), not a scale", at: m[key]!.keyNode)
        }
        if let s = m["step"], type != .range {
            reader.warning(.ignoredKey, "step is ignored: \(what) is \(type.rawValue), not a range", at: s.keyNode)
        }
        if type == .range {
            minV = m["min"].flatMap { reader.integer($0.value, what: "min of \(what)") }
            maxV = m["max"].flatMap { reader.integer($0.value, what: "max of \(what)") }
            let step = m["step"].flatMap { reader.integer($0.value, what: "step of \(what)") } ?? 1
            if m["min"] == nil || m["max"] == nil {
                reader.error(.missingKey, "range \(what) needs both min and max (for example min: 0, max: 10, step: 2)", at: node)
            } else if let lo = minV, let hi = maxV, lo > hi {
                reader.error(.scaleRange, "range \(what) has min \(lo) greater than max \(hi); swap them", at: m["min"]!.value)
            }
            if step < 1, let s = m["step"] { reader.error(.scaleRange, "the step of range \(what) must be 1 or more", at: s.value) }
            return Scale(min: minV, max: maxV, step: max(1, step))
        }
        if type == .scale {
            minV = m["min"].flatMap { reader.integer($0.value, what: "min of \(what)") }
            maxV = m["max"].flatMap { reader.integer($0.value, what: "max of \(what)") }
            if m["min"] == nil || m["max"] == nil {
                reader.error(.missingKey, "scale \(what) needs both min and max (for example min: 1, max: 5)", at: node)
            } else if let lo = minV, let hi = maxV {
                if lo > hi {
                    reader.error(.scaleRange, "scale \(what) has min \(lo) greater than max \(hi); swap them", at: m["min"]!.value)
                } else if hi - lo > 100 {
                    reader.error(
                        .scaleRange, "scale \(what) spans \(hi - lo + 1) points; a scale has at most 101, use integer for wider ranges",
                        at: m["max"]!.value)
                }
            }
        }
        let minLabel =
            type == .scale ? m["min_label"].flatMap { reader.label($0.value, what: "min_label of \(what)", languages: languages) } : nil
        let maxLabel =
            type == .scale ? m["max_label"].flatMap { reader.label($0.value, what: "max_label of \(what)", languages: languages) } : nil

        return Scale(min: minV, max: maxV, minLabel: minLabel, maxLabel: maxLabel)
    }

    private func readSpecial(_ m: Keyed, type: QuestionType, what: String) -> [SpecialAnswer] {
        var special = SpecialAnswer.allCases
        if let s = m["special"] {
            special = []
            for item in reader.list(s.value, what: "special of \(what)") ?? [] {
                guard let v = reader.string(item, what: "a special answer") else { continue }
                if let sa = SpecialAnswer(rawValue: v) {
                    if !special.contains(sa) { special.append(sa) }
                } else {
                    reader.error(
                        .badSpecial,
                        "special answer '\(AnswerParser.clip(v))' of \(what) is not dk or rf; write special: [dk], [rf], [dk, rf] or []",
                        at: item)
                }
            }
        }
        if type == .note {
            for key in ["required", "constraint", "special", "identifier"] where m[key] != nil {
                reader.warning(.ignoredKey, "\(key) is ignored: \(what) is a note, which is never answered", at: m[key]!.keyNode)
            }
        }

        return special
    }

    struct Logic {
        var relevant, constraint, calculation, choiceFilter: ExpressionSource?
        var constraintMessage: LocalizedText?
    }

    private mutating func readLogic(
        _ m: Keyed, _ node: Node, index: Int, type: QuestionType, choices: [Choice], what: String
    ) -> Logic {
        var relevant: ExpressionSource?
        if let r = m["relevant"],
            let site = expressionSite(r.value, role: .relevant, firstForbidden: index, owner: "the relevant of \(what)")
        {
            relevant = site.source
            sites.append(site)
        }
        var constraint: ExpressionSource?
        if let c = m["constraint"],
            let site = expressionSite(c.value, role: .constraint, firstForbidden: index + 1, owner: "the constraint of \(what)")
        {
            constraint = site.source
            sites.append(site)
        }
        let constraintMessage = m["constraint_message"].flatMap {
            reader.label($0.value, what: "constraint_message of \(what)", languages: languages)
        }
        var calculation: ExpressionSource?
        if type == .calculate {
            if let c = m["calculation"],
                let site = expressionSite(c.value, role: .calculation, firstForbidden: index, owner: "the calculation of \(what)")
            {
                calculation = site.source
                sites.append(site)
            } else if m["calculation"] == nil {
                reader.error(.missingKey, "calculate \(what) needs a calculation, e.g. calculation: \"${a} + ${b}\"", at: node)
            }
        } else if let c = m["calculation"] {
            reader.warning(.ignoredKey, "calculation is ignored: \(what) is \(type.rawValue), not calculate", at: c.keyNode)
        }
        var choiceFilter: ExpressionSource?
        if let f = m["choice_filter"] {
            if !type.hasChoices {
                reader.warning(.ignoredKey, "choice_filter is ignored: \(what) is \(type.rawValue), not a select", at: f.keyNode)
            } else if let site = expressionSite(f.value, role: .choiceFilter, firstForbidden: index, owner: "the choice_filter of \(what)")
            {
                choiceFilter = site.source
                sites.append(site)
                for (attribute, offset) in site.source.expression.choiceAttributes
                where !choices.contains(where: { $0.filterColumns[attribute] != nil }) {
                    reader.report(
                        .warning(
                            .unknownChoiceCode,
                            "in the choice_filter of \(what): no choice has a column '\(attribute)'; add it to the choices (e.g. "
                                + "{code: x, label: X, \(attribute): ...})",
                            at: position(site.start, site.source.text, offset)))
                }
            }
        }
        return Logic(
            relevant: relevant, constraint: constraint, calculation: calculation, choiceFilter: choiceFilter,
            constraintMessage: constraintMessage)
    }

    private func readDefault(
        _ m: Keyed, name: String, type: QuestionType, label: LocalizedText, choices: [Choice], scale: Scale, what: String
    ) -> String? {
        var defaultValue: String?
        if let d = m["default"], let text = reader.string(d.value, what: "default of \(what)") {
            if !type.isAsked {
                reader.warning(.ignoredKey, "default is ignored: \(what) is \(type.rawValue)", at: d.keyNode)
            } else {
                var probe = Question(name: name, type: type, label: label, choices: choices, min: nil, max: nil)
                if type == .scale {
                    probe.min = scale.min
                    probe.max = scale.max
                }
                switch AnswerParser.parse(text, for: probe) {
                case .success(let v): defaultValue = v
                case .failure(let r):
                    reader.error(
                        .wrongValueType, "default '\(AnswerParser.clip(text))' of \(what) is not a valid answer: \(r.reason)", at: d.value)
                }
            }
        }
        return defaultValue
    }

    /// XLSForm's or_other: choosing 'other' asks for the text, exported as NAME_other.
    private func otherQuestion(after question: Question, _ m: Keyed, _ node: Node, names: inout [String: SourceLocation], what: String)
        -> Question
    {
        let name = question.name, identifier = question.identifier
        let otherName = name + "_other"
        if let first = names[otherName] {
            reader.error(
                .duplicateName, "question name '\(otherName)' (made by or_other of \(what)) is already used at line \(first.line)",
                at: m["or_other"]!.keyNode)
        } else {
            names[otherName] = reader.location(node)
        }
        let expression = (try? ExpressionParser.parse("selected(${\(name)}, 'other')")) ?? .string("")
        return Question(
            name: otherName, type: .text,
            label: LocalizedText(texts: [
                "ko": "기타 (직접 입력)", "en": "Other: please specify", "zh": "其他（请注明）",
                LocalizedText.anyLanguage: "Other: please specify",
            ]),
            required: true, identifier: identifier,
            relevant: ExpressionSource(text: "selected(${\(name)}, 'other')", expression: expression),
            location: reader.location(node))
    }
}
