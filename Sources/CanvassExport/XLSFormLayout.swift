import CanvassCore

/// `schema export --xlsform`: a questionnaire as the three sheets of an XLSForm (survey, choices, settings), so the
/// same instrument can be fielded with ODK Collect, KoboToolbox or SurveyCTO. Canvass's own features are mapped to
/// their nearest XLSForm form, and what XLSForm cannot carry is listed once per kind, never dropped silently.
public struct XLSFormLayout: Sendable {
    public var survey: [[String]]
    public var choices: [[String]]
    public var settings: [[String]]
    /// What was mapped or left out, one line per kind ("3 questions accept dk/rf: ...").
    public var notes: [String]

    /// XLSForm's language headers: `label::Korean (ko)`.
    static let languageNames = ["en": "English", "ko": "Korean", "zh": "Chinese", "ja": "Japanese", "fr": "French", "de": "German"]

    static func header(_ column: String, _ language: String) -> String {
        language == LocalizedText.anyLanguage ? column : "\(column)::\(languageNames[language] ?? language) (\(language))"
    }

    public init(_ q: Questionnaire) {
        let languages = q.languages.isEmpty ? [LocalizedText.anyLanguage] : q.languages
        func texts(_ t: LocalizedText?) -> [String] { languages.map { t?.text(in: $0, fallbacks: q.languages) ?? "" } }
        func localized(_ column: String) -> [String] { languages.map { Self.header(column, $0) } }
        let head =
            ["type", "name"] + localized("label") + localized("hint")
            + ["required"] + localized("required_message") + ["relevant", "constraint"] + localized("constraint_message")
            + ["calculation", "default", "choice_filter", "read_only", "appearance", "repeat_count", "parameters"]
            + localized("guidance_hint")
        // Canvass's own features, in columns ODK ignores, so that schema import gives the same questionnaire back
        let own =
            ["canvass::type", "canvass::identifier", "canvass::special", "canvass::min", "canvass::max"]
            + localized("canvass::min_label") + localized("canvass::max_label") + ["canvass::constraint"] + localized("canvass::hint")
            + ["canvass::warning"] + localized("canvass::warning_message") + [
                "canvass::redact", "canvass::repeat_min", "canvass::repeat_max",
            ]
            + localized("canvass::repeat_prompt")
        var rows: [[String]] = [head + own]
        var kinds: [String: [String]] = [:]
        func note(_ kind: String, _ name: String) { kinds[kind, default: []].append(name) }
        func row(
            _ type: String, _ name: String, label: LocalizedText? = nil, hint: LocalizedText? = nil, required: Bool = false,
            requiredMessage: LocalizedText? = nil, relevant: String = "", constraint: String = "", constraintMessage: LocalizedText? = nil,
            calculation: String = "", defaultValue: String = "", choiceFilter: String = "", readOnly: Bool = false,
            appearance: String = "", repeatCount: String = "", parameters: String = "", question: Question? = nil,
            rule: RepeatRule? = nil
        ) {
            var mine: [String] = Array(repeating: "", count: 5)
            var scale: [String] = Array(repeating: "", count: 2 * languages.count + 1)
            var plainHint = texts(nil)
            var warning = [""] + texts(nil)
            var redact = ""
            if let question {
                let canvassType = [QuestionType.yesNo, .scale].contains(question.type) ? question.type.rawValue : ""
                let special =
                    question.type.isAsked && question.special != SpecialAnswer.allCases
                    ? (question.special.isEmpty ? "none" : question.special.map(\.rawValue).joined(separator: " ")) : ""
                mine = [canvassType, question.identifier ? "yes" : "", special, "", ""]
                if question.type == .scale {
                    mine[3] = question.min.map(String.init) ?? ""
                    mine[4] = question.max.map(String.init) ?? ""
                    scale = texts(question.minLabel) + texts(question.maxLabel) + [question.constraint?.text ?? ""]
                    plainHint = texts(question.hint)
                }
                if let w = question.warning { warning = [w.check.text] + texts(w.message) }
                redact = question.redactWords.joined(separator: "; ")
            }
            let repeats =
                rule.map { [$0.count == nil ? String($0.minimum) : "", $0.maximum.map(String.init) ?? ""] + texts($0.prompt) }
                ?? ["", ""] + texts(nil)
            rows.append(
                [type, name] + texts(label) + texts(hint) + [question?.requiredIf?.text ?? (required ? "yes" : "")] + texts(requiredMessage)
                    + [relevant, constraint]
                    + texts(constraintMessage)
                    + [calculation, defaultValue, choiceFilter, readOnly ? "yes" : "", appearance, repeatCount, parameters]
                    + texts(question?.guidance)
                    + mine + scale + plainHint + warning + [redact] + repeats)
        }
        var extraLists: [ChoiceList] = []
        var listOf: [Int: String] = [:]
        for (i, question) in q.questions.enumerated() where question.type.hasChoices && question.choiceListName == nil {
            // inline choices get a list of their own, named after the question
            listOf[i] = question.name
            extraLists.append(ChoiceList(name: question.name, choices: question.choices))
        }
        var needsYesNo = false
        // A repeat counted by count(${p}) walks alongside p: inside it Canvass reads ${x} of p as instance k's. ODK reads
        // the instance explicitly: indexed-repeat(${x}, ${p}, position(..)).
        func alongside(_ text: String, at i: Int) -> String {
            var out = text
            for g in q.repeatChain(ofQuestionAt: i) {
                guard let p = q.parallelRepeat(of: g) else { continue }
                for j in q.groups[p].questions where q.repeatChain(ofQuestionAt: j).last == p {
                    let name = q.questions[j].name
                    out = out.replacing("${\(name)}", with: "indexed-repeat(${\(name)}, ${\(q.groups[p].name)}, position(..))")
                }
            }
            if out != text {
                note("references to a repeat walked alongside written as indexed-repeat(..., position(..))", q.questions[i].name)
            }
            return out
        }
        // XLSForm's or_other, which Canvass reads as a choice 'other' and a question NAME_other: written back as or_other
        // (pyxform makes the NAME_other question itself)
        var madeByOrOther = Set<Int>()
        func orOther(_ i: Int) -> Bool {
            let question = q.questions[i]
            guard question.type.isSelect, let list = question.choiceListName, question.choices.last?.code == "other",
                q.choiceLists.first(where: { $0.name == list })?.choices.contains(where: { $0.code == "other" }) == false,
                i + 1 < q.questions.count, q.questions[i + 1].name == question.name + "_other"
            else { return false }
            return true
        }
        func emit(_ i: Int) {
            guard !madeByOrOther.contains(i) else { return }
            let question = q.questions[i]
            var type: String
            var constraint = alongside(question.constraint?.text ?? "", at: i)
            var appearance = ""
            var parameters = ""
            switch question.type {
            case .start, .end, .today, .username, .deviceid: type = question.type.rawValue
            case .time: type = "time"
            case .dateTime: type = "dateTime"
            case .geopoint: type = "geopoint"
            case .barcode: type = "barcode"
            case .acknowledge: type = "acknowledge"
            case .range:
                type = "range"
                parameters = "start=\(question.min ?? 0) end=\(question.max ?? 10) step=\(max(1, question.step ?? 1))"
            case .rank: type = "rank " + (question.choiceListName ?? listOf[i] ?? question.name)
            case .text: type = "text"
            case .longText:
                type = "text"
                appearance = "multiline"
            case .integer: type = "integer"
            case .decimal: type = "decimal"
            case .date: type = "date"
            case .note: type = "note"
            case .calculate: type = "calculate"
            case .selectOne, .selectMultiple:
                type =
                    (question.type == .selectOne ? "select_one " : "select_multiple ")
                    + (question.choiceListName ?? listOf[i] ?? question.name)
                if orOther(i) {
                    type += " or_other"
                    madeByOrOther.insert(i + 1)
                    note("or_other questions written as XLSForm's or_other (ODK asks NAME_other itself, not required)", question.name)
                }
            case .yesNo:
                type = "select_one yes_no"
                needsYesNo = true
            case .scale:
                // a scale is a whole number in its range; XLSForm's range type needs a widget, so an integer with the range
                type = "integer"
                let range = ". >= \(question.min ?? 1) and . <= \(question.max ?? 5)"
                constraint = constraint.isEmpty ? range : "(\(constraint)) and \(range)"
                note("scales become integers with their range as a constraint (labels of the ends in the hint)", question.name)
            }
            var hint = question.hint
            if question.type == .scale, question.minLabel != nil || question.maxLabel != nil {
                var t = hint?.texts ?? [:]
                for l in languages {
                    let ends =
                        "\(question.min ?? 1) = \(question.minLabel?.text(in: l, fallbacks: q.languages) ?? "") ... \(question.max ?? 5) = "
                        + (question.maxLabel?.text(in: l, fallbacks: q.languages) ?? "")
                    t[l] = (hint?.text(in: l, fallbacks: q.languages)).map { $0 + " (" + ends + ")" } ?? ends
                }
                hint = LocalizedText(texts: t)
            }
            if question.type.isAsked, !question.special.isEmpty {
                note("questions accept dk/rf (:dk, :rf): XLSForm has no special answers", question.name)
            }
            if question.identifier { note("identifier questions (kept out of Canvass exports): XLSForm marks none", question.name) }
            if question.warning != nil { note("soft checks (warning) left out: XLSForm constraints are hard", question.name) }
            if !question.redactWords.isEmpty { note("redact lists left out", question.name) }
            let unlabelled = question.type == .calculate && question.label == LocalizedText(question.name)
            row(
                type, question.name, label: unlabelled ? nil : question.label, hint: hint, required: question.required,
                requiredMessage: question.requiredMessage, relevant: alongside(question.relevant?.text ?? "", at: i),
                constraint: constraint,
                constraintMessage: question.constraintMessage, calculation: alongside(question.calculation?.text ?? "", at: i),
                defaultValue: question.defaultExpression?.text ?? question.defaultValue ?? "",
                choiceFilter: question.choiceFilter?.text ?? "", readOnly: question.readOnly,
                appearance: appearance, parameters: parameters, question: question)
        }
        // sections and groups as begin/end rows, questions in between
        var groupsStartingAt: [Int: [Int]] = [:]
        for (g, group) in q.groups.enumerated() where !group.questions.isEmpty {
            groupsStartingAt[group.questions.lowerBound, default: []].append(g)
        }
        var first = 0
        for section in q.sections {
            let range = first..<(first + section.questions.count)
            first = range.upperBound
            // a section that is itself a group (a repeating section) is written once, as that group
            let same = q.groups.firstIndex { $0.parent == nil && $0.questions == range && $0.name == section.name }
            // a section of metadata alone (start, today...) has nothing on screen: ODK refuses it as a group, so its rows
            // stand outside every group, as XLSForms write them
            let unseen = section.relevant == nil && range.allSatisfy { q.questions[$0].type.isMetadata }
            let wrapped = same == nil && !unseen
            if wrapped { row("begin_group", section.name, label: section.title, relevant: section.relevant?.text ?? "") }
            var open: [Int] = []
            for i in range {
                // outer groups first: the longer range opens first
                for g in (groupsStartingAt[i] ?? []).sorted(by: { q.groups[$0].questions.count > q.groups[$1].questions.count }) {
                    let group = q.groups[g]
                    let relevant = (g == same ? section.relevant?.text : nil) ?? group.relevant?.text ?? ""
                    if let rule = group.repeatRule {
                        row(
                            "begin_repeat", group.name, label: group.label, relevant: relevant, repeatCount: rule.count?.text ?? "",
                            rule: rule)
                        if rule.count == nil {
                            note(
                                "repeats without repeat_count: ODK asks \"Add another?\" itself (repeat_min/max and repeat_prompt left out)",
                                group.name)
                        }
                    } else {
                        row("begin_group", group.name, label: group.label, relevant: relevant)
                    }
                    open.append(g)
                }
                emit(i)
                while let g = open.last, q.groups[g].questions.upperBound == i + 1 {
                    row(q.groups[g].isRepeat ? "end_repeat" : "end_group", "")
                    open.removeLast()
                }
            }
            if wrapped { row("end_group", "") }
        }
        survey = rows

        // choices: every list, with the columns choice filters read
        let lists = q.choiceLists + extraLists + (needsYesNo && !q.choiceLists.contains { $0.name == "yes_no" } ? [Self.yesNo] : [])
        let attributes = Array(Set(lists.flatMap { $0.choices.flatMap(\.attributes.keys) })).sorted()
        var choiceRows = [["list_name", "name"] + localized("label") + attributes]
        for list in lists {
            for c in list.choices { choiceRows.append([list.name, c.code] + texts(c.label) + attributes.map { c.attributes[$0] ?? "" }) }
        }
        choices = choiceRows

        var settingsHead = ["form_title", "form_id", "version"]
        var settingsRow = [q.title.text(in: q.languages.first, fallbacks: q.languages), q.id, q.version]
        if let first = q.languages.first {
            settingsHead.append("default_language")
            settingsRow.append("\(Self.languageNames[first] ?? first) (\(first))")
        }
        if let name = q.instanceName {
            settingsHead.append("instance_name")
            settingsRow.append(name.text)
        }
        // Canvass's own: the title in every language, the codes of dk/rf, the study's redact list
        settingsHead += localized("canvass::title") + ["canvass::special_answers", "canvass::redact"]
        settingsRow +=
            texts(q.title) + [
                q.specialCodes == Questionnaire.defaultSpecialCodes
                    ? ""
                    : q.specialCodes.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(
                        separator: " "),
                q.redactWords.joined(separator: "; "),
            ]
        settings = [settingsHead, settingsRow]
        if !q.redactWords.isEmpty { note("redact lists left out", "the questionnaire") }
        notes = kinds.keys.sorted().map { kind in
            let names = kinds[kind]!
            return "\(names.count) \(kind): \(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", ..." : "")"
        }
    }

    static let yesNo = ChoiceList(
        name: "yes_no",
        choices: [
            Choice(code: "yes", label: LocalizedText(texts: ["en": "Yes", "ko": "예", "zh": "是", LocalizedText.anyLanguage: "Yes"])),
            Choice(code: "no", label: LocalizedText(texts: ["en": "No", "ko": "아니오", "zh": "否", LocalizedText.anyLanguage: "No"])),
        ])
}
