extension XLSFormImport {
    /// One sheet with its header: cells read by column name, aliases resolved.
    struct Table {
        var sheet: String
        var header: [String]
        var rows: [XLSFormSheets.Row]
        var headerRow: Int

        init(_ sheet: String, _ rows: [XLSFormSheets.Row], aliases: [String: String]) {
            self.sheet = sheet
            var rows = rows
            let first = rows.isEmpty ? nil : rows.removeFirst()
            headerRow = first?.number ?? 1
            header = (first?.cells ?? []).map { h in
                var t = h.trimmingSpaces
                // the old `label:English` is `label::English`
                if t.firstRange(of: "::") == nil, let colon = t.firstIndex(of: ":"),
                    ["label", "hint", "constraint_message", "required_message", "guidance_hint", "image", "audio", "video", "media"]
                        .contains(t[..<colon].lowercased())
                {
                    t = t[..<colon] + "::" + t[t.index(after: colon)...]
                }
                // `label::English (en)` keeps its language as written; the column's name is lower case
                if let sep = t.firstRange(of: "::") {
                    let base = String(t[..<sep.lowerBound]).lowercased().trimmingSpaces
                    return (aliases[base] ?? base) + "::" + String(t[sep.upperBound...]).trimmingSpaces
                }
                let base = t.lowercased()
                return aliases[base] ?? base
            }
            self.rows = rows
        }

        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        func cell(_ row: XLSFormSheets.Row, _ name: String) -> String {
            guard let c = column(name), c < row.cells.count else { return "" }
            return row.cells[c].trimmingSpaces
        }
        func at(_ row: XLSFormSheets.Row, _ column: String) -> XLSFormLocation {
            XLSFormLocation(sheet: sheet, row: row.number, column: column)
        }
        /// The columns `name::LANGUAGE`, by language code.
        func localized(_ name: String) -> [(code: String, column: String)] {
            header.compactMap { h in
                guard h.hasPrefix(name + "::") else { return nil }
                return (XLSFormImport.languageCode(String(h.dropFirst(name.count + 2))), h)
            }
        }
    }

    static let surveyAliases = [
        "constraint message": "constraint_message", "jr:constraintmsg": "constraint_message", "required message": "required_message",
        "jr:requiredmsg": "required_message", "calculate": "calculation", "choice filter": "choice_filter", "read only": "read_only",
        "repeat count": "repeat_count", "jr:count": "repeat_count", "guidance hint": "guidance_hint", "relevance": "relevant",
    ]
    static let choiceAliases = ["list name": "list_name", "value": "name"]
    /// Survey columns carried over (with their `::LANGUAGE` forms for the texts).
    static let surveyColumns: Set<String> = [
        "type", "name", "label", "hint", "required", "required_message", "relevant", "constraint", "constraint_message", "calculation",
        "default", "choice_filter", "read_only", "appearance", "repeat_count", "parameters", "canvass", "guidance_hint",
    ]
    static let textColumns = ["label", "hint", "constraint_message", "required_message", "guidance_hint"]

    /// What a survey row asks, before it is written.
    indirect enum Item {
        case question(row: XLSFormSheets.Row, type: String, list: String?, orOther: Bool)
        case group(row: XLSFormSheets.Row, repeating: Bool, children: [Item])
    }

    struct Builder {
        let form: XLSFormSheets
        let fallbackID: String
        var out = YAMLLines()
        var problems: [XLSFormProblem] = []
        var kinds: [String: [String]] = [:]
        var surveyRows = 0
        var importedRows = 0
        var survey: Table
        var choices: Table?
        var languages: [String] = []
        /// The language of the plain `label` column when others have a language (settings' default_language).
        var plainLanguage: String?
        var listNames = Set<String>()
        var usedNames = Set<String>()
        var attachment: (String) -> String? = { _ in nil }
        /// Questions left out, whose `${name}` in a label is shown empty (as ODK shows an unanswered one).
        var leftOutNames = Set<String>()

        init(form: XLSFormSheets, fallbackID: String) {
            self.form = form
            self.fallbackID = fallbackID
            survey = Table("survey", form.sheets["survey"] ?? [], aliases: XLSFormImport.surveyAliases)
            choices = form.sheets["choices"].map { Table("choices", $0, aliases: XLSFormImport.choiceAliases) }
        }

        mutating func note(_ kind: String, _ name: String) { kinds[kind, default: []].append(name) }
        mutating func error(_ code: XLSFormCode, _ message: String, _ at: XLSFormLocation) {
            problems.append(XLSFormProblem(severity: .error, code: code.rawValue, message: message, location: at))
        }

        mutating func build() {
            guard survey.column("type") != nil, survey.column("name") != nil else {
                let missing = ["type", "name"].filter { survey.column($0) == nil }
                error(
                    .missingColumn, "the survey sheet has no \(missing.joined(separator: " or ")) column in its first row",
                    XLSFormLocation(sheet: "survey", row: survey.headerRow, column: "A"))
                return
            }
            // settings
            var settings = form.sheets["settings"].map { Table("settings", $0, aliases: [:]) }
            renameNames(&settings)
            let settingsRow = settings?.rows.first
            func setting(_ name: String) -> (String, XLSFormLocation)? {
                guard let t = settings, let r = settingsRow, !t.cell(r, name).isEmpty else { return nil }
                return (t.cell(r, name), t.at(r, name))
            }
            // languages: of every text column of both sheets, the default one first
            var seen: [String] = []
            for (table, names) in [(survey, XLSFormImport.textColumns), (choices, ["label"])] {
                guard let table else { continue }
                for n in names { for (code, _) in table.localized(n) where !seen.contains(code) { seen.append(code) } }
            }
            if let (d, _) = setting("default_language") {
                let code = XLSFormImport.languageCode(d)
                plainLanguage = code
                seen.removeAll { $0 == code }
                if !seen.isEmpty { seen.insert(code, at: 0) }
            } else if !seen.isEmpty {
                plainLanguage = seen[0]
            }
            languages = seen
            if let t = settings, let r = settingsRow {
                let known: Set = ["form_id", "id_string", "version", "form_title", "title", "default_language", "instance_name"]
                for h in t.header where !h.isEmpty && !known.contains(h) && !h.hasPrefix("canvass::") && !t.cell(r, h).isEmpty {
                    note("settings left out (no meaning in Canvass yet)", h)
                }
            }

            let items = readSurvey()
            for row in choices?.rows ?? [] {
                let list = choices!.cell(row, "list_name")
                if !list.isEmpty { listNames.insert(list) }
            }
            checkLists(items)
            guard !problems.contains(where: { $0.severity == .error }) else { return }

            // the questionnaire's head
            let id = setting("form_id") ?? setting("id_string")
            out.add("# Imported from an XLSForm by canvass schema import; edit freely.")
            var formID = id?.0 ?? fallbackID
            if !QuestionnaireLoader.isValidName(formID) {
                // pyxform takes any form_id; a Canvass id is a name: `Spec test` -> spec_test
                var clean = String(formID.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
                if clean.first.map({ !$0.isLetter }) ?? true { clean = "form_" + clean }
                note("form ids written as Canvass names", "'\(formID)' as \(clean.prefix(64))")
                formID = String(clean.prefix(64))
            }
            out.add("questionnaire: " + YAMLLines.plain(formID), id?.1)
            let version = setting("version")
            out.add("version: " + YAMLLines.quote(version.map { $0.0 } ?? "1"), version?.1)
            if let t = settings, let r = settingsRow, let title = texts(t, r, "canvass::title") {
                out.add("title: " + title, t.at(r, "canvass::title"))
            } else if let (title, at) = setting("form_title") ?? setting("title") {
                out.add("title: " + YAMLLines.quote(title), at)
            }
            if !languages.isEmpty { out.add("languages: [" + languages.map(YAMLLines.plain).joined(separator: ", ") + "]") }
            if let (codes, at) = setting("canvass::special_answers") {
                let pairs = codes.split(separator: " ").compactMap { p -> String? in
                    let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                    return kv.count == 2 ? YAMLLines.plain(kv[0]) + ": " + YAMLLines.quote(kv[1]) : nil
                }
                out.add("special_answers: {" + pairs.joined(separator: ", ") + "}", at)
            }
            if let (words, at) = setting("canvass::redact") {
                out.add("redact: [" + XLSFormImport.list(words).map(YAMLLines.quote).joined(separator: ", ") + "]", at)
            }
            if let (name, at) = setting("instance_name") {
                // a name that is no expression Canvass reads is left out, not the whole form
                if (try? ExpressionParser.parse(XLSFormImport.expression(name))) != nil {
                    out.add("instance_name: " + YAMLLines.quote(XLSFormImport.expression(name)), at)
                } else {
                    note("instance_name left out (not an expression: quote text, write ${name} for answers)", name)
                }
            }
            // pulldata's tables, carried in the questionnaire from the CSV files next to the form
            var tables: [(String, String)] = []
            for row in survey.rows {
                for (c, cell) in row.cells.enumerated() {
                    for table in XLSFormImport.pulledTables(cell) where !tables.contains(where: { $0.0 == table }) {
                        guard let csv = attachment(table) else {
                            error(
                                .missingAttachment, "pulldata reads '\(table)', from the file \(table).csv: put it next to the form",
                                XLSFormLocation(sheet: "survey", row: row.number, column: c < survey.header.count ? survey.header[c] : "A"))
                            continue
                        }
                        tables.append((table, csv))
                    }
                }
            }
            guard !problems.contains(where: { $0.severity == .error }) else { return }
            if !tables.isEmpty {
                out.add("data:")
                for (name, csv) in tables { out.add("  " + YAMLLines.plain(name) + ": " + YAMLLines.quote(csv)) }
            }
            writeChoices()
            writeSections(items)
        }

        /// XLSForm names may hold `-` and `.` (XML names); Canvass names are letters, digits and `_`: `label-test` is
        /// written `label_test`, and every `${label-test}` with it.
        mutating func renameNames(_ settings: inout Table?) {
            guard let n = survey.column("name") else { return }
            var renames: [(String, String)] = []
            let taken = Set(survey.rows.map { survey.cell($0, "name") })
            for (r, row) in survey.rows.enumerated() where n < row.cells.count {
                let old = row.cells[n].trimmingSpaces
                guard !old.isEmpty, !QuestionnaireLoader.isValidName(old) else { continue }
                var new = String(old.map { $0 == "-" || $0 == "." ? "_" : $0 })
                if new.first.map({ !($0.isASCII && $0.isLetter) }) ?? false { new = "q" + new }
                guard QuestionnaireLoader.isValidName(new), !taken.contains(new) else { continue }
                renames.append((old, new))
                survey.rows[r].cells[n] = new
                note("names written as Canvass names (- and . as _, q before a first _)", "\(old) as \(new)")
            }
            guard !renames.isEmpty else { return }
            func rewrite(_ table: inout Table) {
                for r in table.rows.indices {
                    for c in table.rows[r].cells.indices where table.rows[r].cells[c].contains("${") {
                        for (old, new) in renames {
                            table.rows[r].cells[c] = table.rows[r].cells[c].replacing("${\(old)}", with: "${\(new)}")
                        }
                    }
                }
            }
            rewrite(&survey)
            if settings != nil { rewrite(&settings!) }
        }

        // MARK: survey rows -> items

        mutating func readSurvey() -> [Item] {
            var stack: [(row: XLSFormSheets.Row, repeating: Bool, children: [Item])] = [
                (XLSFormSheets.Row(number: 0, cells: []), false, [])
            ]
            var skippingLoop = 0
            for row in survey.rows {
                let typeCell = survey.cell(row, "type").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                let name = survey.cell(row, "name")
                guard let first = typeCell.first?.lowercased() else {
                    if !name.isEmpty { error(.unknownType, "row \(row.number) names '\(name)' but has no type", survey.at(row, "type")) }
                    continue
                }
                surveyRows += 1
                _ = first
                // the type as pyxform reads it, with its aliases (`select one from LIST`, `begin group`, `gps`), then
                // the list name and or_other
                let words = XLSFormImport.typeWords(typeCell)
                let type = words[0]
                // a loop over a choice list (a group per choice) is left out whole, with what it holds
                if skippingLoop > 0 || type == "begin_loop" {
                    if type == "begin_loop" {
                        if skippingLoop == 0 { note("loops over a choice list left out (write them as a repeat)", name) }
                        skippingLoop += 1
                    } else if type == "end_loop" {
                        skippingLoop -= 1
                    }
                    continue
                }
                switch type {
                case "begin_group", "begin_repeat":
                    guard !name.isEmpty else {
                        error(.missingName, "a \(type) row needs a name", survey.at(row, "name"))
                        continue
                    }
                    stack.append((row, type == "begin_repeat", []))
                    importedRows += 1
                case "end_group", "end_repeat":
                    guard stack.count > 1 else {
                        error(.unmatchedGroup, "\(type) without a begin_\(type.dropFirst(4)) before it", survey.at(row, "type"))
                        continue
                    }
                    let open = stack.removeLast()
                    if open.repeating != (type == "end_repeat") {
                        error(
                            .unmatchedGroup,
                            "\(type) closes '\(survey.cell(open.row, "name"))', a \(open.repeating ? "repeat" : "group") begun at row \(open.row.number)",
                            survey.at(row, "type"))
                    }
                    stack[stack.count - 1].children.append(.group(row: open.row, repeating: open.repeating, children: open.children))
                    importedRows += 1
                default:
                    guard let item = question(row, words) else { continue }
                    stack[stack.count - 1].children.append(item)
                    importedRows += 1
                }
            }
            while stack.count > 1 {
                let open = stack.removeLast()
                error(
                    .unmatchedGroup,
                    "'\(survey.cell(open.row, "name"))' is begun here and never ended (end_\(open.repeating ? "repeat" : "group"))",
                    survey.at(open.row, "type"))
                stack[stack.count - 1].children.append(.group(row: open.row, repeating: open.repeating, children: open.children))
            }
            return stack[0].children
        }

        /// A question row as Canvass asks it, or nil (left out, or an error).
        mutating func question(_ row: XLSFormSheets.Row, _ words: [String]) -> Item? {
            let name = survey.cell(row, "name")
            let type = words[0]
            if type == "metadata" {
                leftOutNames.insert(name)
                note("metadata questions left out (ODK Collect's phone, SIM and audit data)", name.isEmpty ? type : name)
                return nil
            }
            guard !name.isEmpty else {
                error(.missingName, "a \(type) question needs a name", survey.at(row, "name"))
                return nil
            }
            switch type {
            case "text", "integer", "decimal", "date", "note", "calculate", "time", "datetime", "geopoint", "barcode", "acknowledge",
                "hidden", "start", "end", "today", "username", "deviceid":
                return .question(row: row, type: type, list: nil, orOther: false)
            case "rank":
                guard words.count >= 2 else {
                    error(.unknownType, "rank needs the name of its choice list (rank LIST)", survey.at(row, "type"))
                    return nil
                }
                return .question(row: row, type: type, list: words[1], orOther: false)
            case "select_one", "select_multiple":
                guard words.count >= 2 else {
                    error(.unknownType, "\(type) needs the name of its choice list (\(type) LIST)", survey.at(row, "type"))
                    return nil
                }
                let orOther = words.count >= 3 && words[2].lowercased() == "or_other"
                return .question(row: row, type: type, list: words[1], orOther: orOther)
            case "range":
                return .question(row: row, type: "range", list: nil, orOther: false)
            case "include":
                note("include rows left out (a form inside the form: import that form on its own)", name)
                return nil
            case "image", "audio", "video", "file", "geotrace", "geoshape", "xml-external", "csv-external", "select_one_from_file",
                "select_multiple_from_file", "select_one_external", "osm":
                note("\(type) questions imported as notes that say what was asked (not supported at a text prompt)", name)
                return .question(row: row, type: "asked-as-note:" + type, list: nil, orOther: false)
            default:
                error(
                    .unknownType, "'\(words[0])' is not an XLSForm question type (text, integer, select_one LIST, begin_group...)",
                    survey.at(row, "type"))
                return nil
            }
        }

        mutating func checkLists(_ items: [Item]) {
            for item in items {
                switch item {
                case .question(let row, _, let list?, _) where !listNames.contains(list):
                    let near = Suggestion.nearest(to: list, among: Array(listNames)).map { "; did you mean '\($0)'?" } ?? ""
                    error(.unknownList, "choice list '\(list)' is not on the choices sheet\(near)", survey.at(row, "type"))
                case .group(_, _, let children): checkLists(children)
                default: continue
                }
            }
        }
    }
}
