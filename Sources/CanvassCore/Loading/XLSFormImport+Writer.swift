extension XLSFormImport.Builder {
    typealias Item = XLSFormImport.Item
    typealias Table = XLSFormImport.Table

    /// A text in every language the row gives it: `{ko: "...", en: "..."}`, or a plain text; nil when empty.
    func texts(_ table: Table, _ row: XLSFormSheets.Row, _ column: String, adding suffix: String = "") -> String? {
        func shown(_ t: String) -> String {
            guard t.contains("${") else { return t }
            return leftOutNames.reduce(t) { $0.replacing("${\($1)}", with: "") }
        }
        var pairs: [(String, String)] = []
        for (code, header) in table.localized(column) {
            let t = shown(table.cell(row, header))
            if !t.isEmpty, !pairs.contains(where: { $0.0 == code }) { pairs.append((code, t + suffix)) }
        }
        var plain = shown(table.cell(row, column))
        if !plain.isEmpty { plain += suffix }
        if languages.isEmpty || pairs.isEmpty {
            if !plain.isEmpty, pairs.isEmpty { return languages.isEmpty ? YAMLLines.quote(plain) : flow([(plainLanguage ?? "", plain)]) }
            if pairs.isEmpty { return nil }
        }
        if !plain.isEmpty, let p = plainLanguage, !pairs.contains(where: { $0.0 == p }) { pairs.insert((p, plain), at: 0) }
        // in the questionnaire's order of languages
        pairs.sort { (languages.firstIndex(of: $0.0) ?? .max) < (languages.firstIndex(of: $1.0) ?? .max) }
        return flow(pairs)
    }

    func flow(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { YAMLLines.plain($0.0) + ": " + YAMLLines.quote($0.1) }.joined(separator: ", ") + "}"
    }

    // MARK: choices

    mutating func writeChoices() {
        guard let t = choices, !t.rows.isEmpty else { return }
        let reserved: Set = ["list_name", "name", "label", "image", "audio", "video", "big-image"]
        let attributes = t.header.filter { h in
            !h.isEmpty && !reserved.contains(h) && !h.hasPrefix("label::") && !h.hasPrefix("media::") && !h.contains("::")
        }
        for h in t.header where h.hasPrefix("media::") || ["image", "audio", "video", "big-image"].contains(h) {
            note("choice media columns left out", h)
        }
        var order: [String] = []
        var rows: [String: [XLSFormSheets.Row]] = [:]
        for row in t.rows {
            let list = t.cell(row, "list_name")
            guard !list.isEmpty else { continue }
            if rows[list] == nil { order.append(list) }
            rows[list, default: []].append(row)
        }
        out.add("choice_lists:")
        for list in order {
            out.add("  " + YAMLLines.plain(list) + ":", t.at(rows[list]![0], "list_name"))
            for row in rows[list]! {
                var parts = ["code: " + YAMLLines.plain(t.cell(row, "name"))]
                parts.append("label: " + (texts(t, row, "label") ?? YAMLLines.quote(t.cell(row, "name"))))
                for a in attributes where !t.cell(row, a).isEmpty {
                    parts.append(YAMLLines.plain(a) + ": " + YAMLLines.plain(t.cell(row, a)))
                }
                out.add("    - {" + parts.joined(separator: ", ") + "}", t.at(row, "name"))
            }
        }
    }

    // MARK: sections and questions

    mutating func writeSections(_ items: [Item]) {
        collectNames(items)
        out.add("sections:")
        var loose: [Item] = []
        var n = 0
        func flush(_ b: inout Self) {
            guard !loose.isEmpty else { return }
            n += 1
            var name = n == 1 ? "main" : "part_\(n)"
            while b.usedNames.contains(name) { name += "_" }
            b.usedNames.insert(name)
            b.out.add("  - name: " + YAMLLines.plain(name))
            b.out.add("    questions:")
            for item in loose { b.write(item, level: 0) }
            loose = []
        }
        for item in items {
            guard case .group(let row, let repeating, let children) = item else {
                loose.append(item)
                continue
            }
            flush(&self)
            // a top-level group is a section; a top-level repeat a repeating section
            out.add("  - name: " + YAMLLines.plain(survey.cell(row, "name")), survey.at(row, "name"))
            if let title = texts(survey, row, "label") { out.add("    title: " + title, survey.at(row, "label")) }
            groupKeys(row, repeating: repeating, indent: "    ")
            if children.isEmpty {
                out.add("    questions: []", survey.at(row, "name"))
            } else {
                out.add("    questions:")
                for child in children { write(child, level: 0) }
            }
        }
        flush(&self)
        if items.isEmpty { out.add("  []") }
    }

    mutating func collectNames(_ items: [Item]) {
        for item in items {
            switch item {
            case .question(let row, _, _, _): usedNames.insert(survey.cell(row, "name"))
            case .group(let row, _, let children):
                usedNames.insert(survey.cell(row, "name"))
                collectNames(children)
            }
        }
    }

    mutating func groupKeys(_ row: XLSFormSheets.Row, repeating: Bool, indent: String) {
        let relevant = survey.cell(row, "relevant")
        if !relevant.isEmpty {
            out.add(indent + "relevant: " + YAMLLines.quote(XLSFormImport.expression(relevant)), survey.at(row, "relevant"))
        }
        if repeating {
            out.add(indent + "repeat: true", survey.at(row, "type"))
            let count = survey.cell(row, "repeat_count")
            if !count.isEmpty {
                out.add(indent + "repeat_count: " + YAMLLines.quote(XLSFormImport.expression(count)), survey.at(row, "repeat_count"))
            }
        }
        if repeating {
            for (key, column) in [("repeat_min", "canvass::repeat_min"), ("repeat_max", "canvass::repeat_max")]
            where !survey.cell(row, column).isEmpty && survey.cell(row, "repeat_count").isEmpty {
                out.add(indent + key + ": " + survey.cell(row, column), survey.at(row, column))
            }
            if let p = texts(survey, row, "canvass::repeat_prompt") {
                out.add(indent + "repeat_prompt: " + p, survey.at(row, "canvass::repeat_prompt"))
            }
        }
        let appearance = survey.cell(row, "appearance")
        if !appearance.isEmpty {
            note("group appearances left out (field-list and the like: one question at a time here)", survey.cell(row, "name"))
        }
    }

    mutating func write(_ item: Item, level: Int) {
        let pad = String(repeating: " ", count: 6 + 4 * level), keys = String(repeating: " ", count: 8 + 4 * level)
        switch item {
        case .group(let row, let repeating, let children):
            out.add(pad + "- name: " + YAMLLines.plain(survey.cell(row, "name")), survey.at(row, "name"))
            out.add(keys + "type: " + (repeating ? "repeat" : "group"), survey.at(row, "type"))
            if let label = texts(survey, row, "label") { out.add(keys + "label: " + label, survey.at(row, "label")) }
            groupKeys(row, repeating: repeating, indent: keys)
            if children.isEmpty {
                out.add(keys + "questions: []", survey.at(row, "name"))
            } else {
                out.add(keys + "questions:")
                for child in children { write(child, level: level + 1) }
            }
        case .question(let row, let xlsType, let list, let orOther):
            let name = survey.cell(row, "name")
            let table = survey
            let at = { (c: String) in table.at(row, c) }
            out.add(pad + "- name: " + YAMLLines.plain(name), at("name"))
            var type = xlsType
            var constraint = XLSFormImport.expression(survey.cell(row, "constraint"))
            var range: (String, String, String)?
            var hidden = false
            let appearance = survey.cell(row, "appearance").lowercased()
            switch xlsType {
            case "text" where appearance.split(separator: " ").contains("multiline"): type = "long_text"
            case "range":
                let p = Self.parameters(survey.cell(row, "parameters"))
                let whole = [p["start"], p["end"], p["step"]].allSatisfy { v in v.map { Int($0) != nil } ?? true }
                if whole {
                    range = (p["start"] ?? "1", p["end"] ?? "10", p["step"] ?? "1")
                } else {
                    // a range in fractions: a decimal in the range (Canvass's range steps in whole numbers)
                    type = "decimal"
                    let bounds = ". >= \(p["start"] ?? "1") and . <= \(p["end"] ?? "10")"
                    constraint = constraint.isEmpty ? bounds : "(\(constraint)) and \(bounds)"
                    note("ranges in fractions asked as decimals in their range", name)
                }
            case "datetime": type = "datetime"
            case "hidden":
                type = "calculate"
                hidden = true
            default:
                if xlsType.hasPrefix("asked-as-note:") { type = "note" }
            }
            if !appearance.isEmpty, !(xlsType == "text" && appearance == "multiline") {
                note("appearances left out (no meaning at a text prompt)", "\(name) (\(appearance))")
            }
            // what a Canvass export kept in its own columns
            let own = survey.cell(row, "canvass::type")
            if own == "yes_no" || own == "scale" { type = own }
            if type == "scale" { constraint = XLSFormImport.expression(survey.cell(row, "canvass::constraint")) }
            out.add(keys + "type: " + type, at("type"))
            if let list, type != "yes_no" { out.add(keys + "choices: " + YAMLLines.plain(list), at("type")) }
            if orOther { out.add(keys + "or_other: true", at("type")) }
            // a question a text prompt cannot ask is a note that says what the form asked
            let asked = xlsType.hasPrefix("asked-as-note:") ? " (\(xlsType.dropFirst("asked-as-note:".count)) in the XLSForm)" : ""
            if let label = texts(survey, row, "label", adding: asked) {
                out.add(keys + "label: " + label, at("label"))
            } else if !asked.isEmpty || !(type == "calculate" || QuestionType(rawValue: type)?.isMetadata == true) {
                // pyxform takes a question without a label (it warns); Canvass asks with the question's name
                if asked.isEmpty { note("questions without a label asked with their name", name) }
                out.add(keys + "label: " + YAMLLines.quote(name + asked), at("name"))
            }
            if let g = texts(survey, row, "guidance_hint") { out.add(keys + "guidance_hint: " + g, at("guidance_hint")) }
            if type == "scale" {
                if let hint = texts(survey, row, "canvass::hint") { out.add(keys + "hint: " + hint, at("canvass::hint")) }
                for (key, column) in [("min", "canvass::min"), ("max", "canvass::max")] where !survey.cell(row, column).isEmpty {
                    out.add(keys + key + ": " + survey.cell(row, column), at(column))
                }
                for key in ["min_label", "max_label"] {
                    if let t = texts(survey, row, "canvass::" + key) { out.add(keys + key + ": " + t, at("canvass::" + key)) }
                }
            } else if let hint = texts(survey, row, "hint") {
                out.add(keys + "hint: " + hint, at("hint"))
            }
            if let (lo, hi, step) = range {
                out.add(keys + "min: " + lo, at("parameters"))
                out.add(keys + "max: " + hi, at("parameters"))
                out.add(keys + "step: " + step, at("parameters"))
            }
            let required = survey.cell(row, "required")
            switch XLSFormImport.isYes(required) {
            case true? where type != "note": out.add(keys + "required: true", at("required"))
            case true?, false?: break
            case nil: out.add(keys + "required: " + YAMLLines.quote(XLSFormImport.expression(required)), at("required"))
            }
            if let m = texts(survey, row, "required_message") { out.add(keys + "required_message: " + m, at("required_message")) }
            // a hidden question holds its default, as a calculation
            if hidden { out.add(keys + "calculation: " + YAMLLines.quote("'" + survey.cell(row, "default") + "'"), at("default")) }
            for (key, column) in [("relevant", "relevant"), ("calculation", "calculation"), ("choice_filter", "choice_filter")] {
                let v = survey.cell(row, column)
                if !v.isEmpty { out.add(keys + key + ": " + YAMLLines.quote(XLSFormImport.expression(v)), at(column)) }
            }
            if !constraint.isEmpty { out.add(keys + "constraint: " + YAMLLines.quote(constraint), at("constraint")) }
            if let m = texts(survey, row, "constraint_message") { out.add(keys + "constraint_message: " + m, at("constraint_message")) }
            var d = survey.cell(row, "default")
            // a date typed into Excel is stored as a day number (from 1899-12-30)
            if type == "date", let serial = Int(d), (1...200_000).contains(serial) {
                d = ODKDates.date(days: serial - (serial < 60 ? 25568 : 25569))  // Excel counts a 29 February 1900
                note("Excel date cells read as dates", name)
            }
            if !d.isEmpty, !hidden {
                out.add(
                    keys + "default: " + YAMLLines.quote(d.contains("${") || d.contains("(") ? XLSFormImport.expression(d) : d),
                    at("default"))
            }
            if XLSFormImport.isYes(survey.cell(row, "read_only")) == true { out.add(keys + "read_only: true", at("read_only")) }
            if XLSFormImport.isYes(survey.cell(row, "canvass::identifier")) == true {
                out.add(keys + "identifier: true", at("canvass::identifier"))
            }
            let special = survey.cell(row, "canvass::special")
            if !special.isEmpty {
                let codes = special == "none" ? [] : special.split(separator: " ").map(String.init)
                out.add(keys + "special: [" + codes.joined(separator: ", ") + "]", at("canvass::special"))
            }
            let check = survey.cell(row, "canvass::warning")
            if !check.isEmpty {
                let message = texts(survey, row, "canvass::warning_message") ?? YAMLLines.quote(check)
                out.add(
                    keys + "warning: {check: " + YAMLLines.quote(XLSFormImport.expression(check)) + ", message: " + message + "}",
                    at("canvass::warning"))
            }
            let words = XLSFormImport.list(survey.cell(row, "canvass::redact"))
            if !words.isEmpty {
                out.add(keys + "redact: [" + words.map(YAMLLines.quote).joined(separator: ", ") + "]", at("canvass::redact"))
            }
            for h in survey.header where !h.isEmpty && !survey.cell(row, h).isEmpty {
                let base = h.firstRange(of: "::").map { String(h[..<$0.lowerBound]) } ?? h
                if XLSFormImport.surveyColumns.contains(base) { continue }
                note("\(base) cells left out", name)
            }
        }
    }

    /// `start=1 end=10 step=1` -> its pairs.
    static func parameters(_ s: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in s.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," }) {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { out[kv[0].lowercased()] = kv[1] }
        }
        return out
    }
}
