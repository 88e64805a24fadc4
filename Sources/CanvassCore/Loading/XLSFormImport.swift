/// The sheets of an XLSForm as text cells, whatever file they came from (.xlsx, or pyxform's one-file .csv).
public struct XLSFormSheets: Sendable {
    public struct Row: Sendable {
        /// The row's number in its sheet (from 1, the header row included), as the spreadsheet shows it.
        public var number: Int
        public var cells: [String]
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }
    /// Rows by sheet name (lower case), the header row first; empty rows left out.
    public var sheets: [String: [Row]]
    public init(sheets: [String: [Row]]) { self.sheets = sheets }
}

extension XLSFormSheets {
    /// pyxform's one-file CSV: a line whose first cell names a sheet starts that sheet's rows (its header first); the
    /// rows that follow leave the first cell empty. Row numbers count the sheet's own rows, as in the workbook.
    public init(csv text: String) {
        var out: [String: [Row]] = [:]
        var sheet: String?
        var number = 0
        for record in CSVRecords.parse(text) {
            guard let first = record.fields.first else { continue }
            let name = first.trimmingSpaces.lowercased()
            if !name.isEmpty {
                sheet = name
                number = 0
            }
            let content = Array(record.fields.dropFirst())
            guard let s = sheet, content.contains(where: { !$0.trimmingSpaces.isEmpty }) else { continue }
            number += 1
            out[s, default: []].append(Row(number: number, cells: content))
        }
        self.init(sheets: out)
    }
}

/// Where a problem of an XLSForm is: sheet, row and column (by its header, as a person finds it).
public struct XLSFormLocation: Hashable, Sendable, CustomStringConvertible {
    public var sheet: String
    public var row: Int
    public var column: String
    public init(sheet: String, row: Int, column: String) {
        self.sheet = sheet
        self.row = row
        self.column = column
    }
    public var description: String { "\(sheet):\(row):\(column)" }
}

/// The codes of XLSForm problems (docs/errors.md lists each, with an example the test suite runs).
public enum XLSFormCode: String, CaseIterable, Sendable {
    case missingColumn = "xlsform-missing-column"
    case missingName = "xlsform-missing-name"
    case unknownType = "xlsform-unknown-type"
    case unmatchedGroup = "xlsform-unmatched-group"
    case unknownList = "xlsform-unknown-list"
    case missingAttachment = "xlsform-missing-attachment"
}

/// One problem of an XLSForm, or of the questionnaire it makes (the questionnaire's own problems are located back to
/// the cell they came from).
public struct XLSFormProblem: Hashable, Sendable {
    public var severity: Diagnostic.Severity
    /// An XLSForm code, or a questionnaire code (`unknown-reference`...) for problems of what the cells say.
    public var code: String
    public var message: String
    public var location: XLSFormLocation
    public func formatted(file: String) -> String { "\(file):\(location): \(severity.rawValue): \(message) [\(code)]" }
}

/// XLSForm -> Canvass questionnaire: the survey, choices and settings sheets written as the YAML a person would
/// write (sections from the top-level groups, nested groups and repeats, labels per language), checked by the
/// questionnaire loader, every problem located as SHEET:ROW:COLUMN. What a text prompt cannot carry is said once
/// per kind, never dropped silently.
public struct XLSFormImport: Sendable {
    /// The questionnaire's YAML.
    public var yaml: String
    public var problems: [XLSFormProblem]
    /// What was not carried over as it is, one line per kind ("2 image questions imported as notes: photo, sketch").
    public var leftOut: [String]
    /// Survey rows (groups' begin and end rows included) and how many were carried over.
    public var surveyRows = 0
    public var importedRows = 0
    /// The questionnaire, when the form has no error.
    public var questionnaire: Questionnaire?

    public var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// `attachment`: the CSV text of a file the form names (pulldata's `fruits` is `fruits.csv` next to the form), or nil.
    public init(_ form: XLSFormSheets, fallbackID: String, attachment: @escaping (String) -> String? = { _ in nil }) {
        var builder = Builder(form: form, fallbackID: fallbackID)
        builder.attachment = attachment
        builder.build()
        yaml = builder.out.text
        surveyRows = builder.surveyRows
        importedRows = builder.importedRows
        leftOut = builder.kinds.keys.sorted().map { kind in
            let names = builder.kinds[kind]!
            return "\(names.count) \(kind): \(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", ..." : "")"
        }
        var problems = builder.problems
        if !problems.contains(where: { $0.severity == .error }) {
            let loaded = QuestionnaireLoader.load(text: yaml)
            for d in loaded.diagnostics {
                let at =
                    builder.out.origins[d.location.line] ?? builder.out.origins.filter { $0.key <= d.location.line }.max {
                        $0.key < $1.key
                    }?
                    .value ?? XLSFormLocation(sheet: "survey", row: 1, column: "type")
                problems.append(XLSFormProblem(severity: d.severity, code: d.code.rawValue, message: d.message, location: at))
            }
            questionnaire = loaded.questionnaire
        }
        self.problems = problems
    }
}

/// YAML lines, each remembering the cell it came from.
struct YAMLLines {
    var text = ""
    var line = 0
    var origins: [Int: XLSFormLocation] = [:]

    mutating func add(_ s: String, _ origin: XLSFormLocation? = nil) {
        text += s + "\n"
        line += 1
        if let origin { origins[line] = origin }
    }

    /// A name or code as a person writes it (bare), quoted only when YAML would read it as something else.
    static func plain(_ s: String) -> String {
        let reserved: Set = ["yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"]
        guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic),
            s.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }),
            !reserved.contains(s.lowercased())
        else { return quote(s) }
        return s
    }

    /// A YAML double-quoted scalar (JSON's escapes are YAML's).
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension XLSFormImport {
    /// XLSForm's `Language (code)` and bare names -> language codes.
    static let languageCodes = [
        "english": "en", "korean": "ko", "chinese": "zh", "japanese": "ja", "french": "fr", "german": "de", "spanish": "es",
        "portuguese": "pt", "russian": "ru", "arabic": "ar", "hindi": "hi", "swahili": "sw", "default": "",
    ]

    static func languageCode(_ name: String) -> String {
        let t = name.trimmingSpaces
        if let open = t.lastIndex(of: "("), t.hasSuffix(")") {
            let code = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingSpaces
            if !code.isEmpty { return code.lowercased() }
        }
        if let known = languageCodes[t.lowercased()] { return known }
        return t.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// Straight quotes for the curly ones word processors put in expressions (pyxform accepts them).
    static func straightQuotes(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { u -> Unicode.Scalar in
                    switch u.value {
                    case 0x2018, 0x2019: return "'"
                    case 0x201C, 0x201D: return "\""
                    default: return u
                    }
                }))
    }

    /// `a; b; c` -> its items (Canvass's own list columns).
    static func list(_ s: String) -> [String] { s.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }

    /// An expression as Canvass reads it: straight quotes, and `indexed-repeat(${x}, ${p}, position(..))` (how ODK reads
    /// instance k of a repeat walked alongside, as `schema export --xlsform` writes it) as the `${x}` Canvass reads so.
    static func expression(_ s: String) -> String {
        // a cell Excel holds as a boolean
        switch s.trimmingSpaces.uppercased() {
        case "TRUE": return "true()"
        case "FALSE": return "false()"
        default: break
        }
        var out = straightQuotes(s)
        var from = out.startIndex
        while let start = out[from...].firstRange(of: "indexed-repeat(${") {
            let rest = out[start.upperBound...]
            guard let close = rest.firstIndex(of: "}"), rest[close...].hasPrefix("}, ${"),
                let end = rest[close...].firstRange(of: "}, position(..))"),
                rest[rest.index(close, offsetBy: 5)..<end.lowerBound].allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber })
            else {
                from = start.upperBound
                continue
            }
            let name = String(rest[..<close])
            let offset = out.distance(from: out.startIndex, to: start.lowerBound)
            out.replaceSubrange(start.lowerBound..<end.upperBound, with: "${\(name)}")
            from = out.index(out.startIndex, offsetBy: offset + name.count + 3)
        }
        return out
    }

    /// pyxform's type names, its aliases and the old prompts among them, as the type Canvass reads: lower case, spaces
    /// and `_` alike.
    static let typeNames: [String: String] = {
        var out: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("text", ["text", "string", "q string", "add text prompt"]),
            ("integer", ["integer", "int", "q int", "add integer prompt", "percentage"]),
            ("decimal", ["decimal", "q decimal", "add decimal prompt"]),
            ("date", ["date", "q date", "add date prompt"]), ("time", ["time", "q time", "add time prompt"]),
            ("datetime", ["datetime", "q date time", "add date time prompt", "add datetime prompt"]),
            ("geopoint", ["geopoint", "gps", "location", "q location", "q geopoint", "add location prompt"]),
            ("barcode", ["barcode", "q barcode", "add barcode prompt"]), ("note", ["note", "q note", "add note prompt"]),
            ("calculate", ["calculate", "q calculate", "add calculate prompt"]),
            ("acknowledge", ["acknowledge", "q acknowledge", "add acknowledge prompt", "trigger"]),
            ("range", ["range"]), ("rank", ["rank"]), ("hidden", ["hidden"]),
            ("select_one", ["select one", "select1", "select one from", "select one using", "add select one prompt using"]),
            (
                "select_multiple",
                [
                    "select multiple", "select all that apply", "select all that apply from", "select multiple from",
                    "select multiple using",
                    "add select multiple prompt using", "q select",
                ]
            ),
            ("select_one_from_file", ["select one from file"]), ("select_multiple_from_file", ["select multiple from file"]),
            ("select_one_external", ["select one external"]),
            ("image", ["image", "photo", "q picture", "q image", "add image prompt", "add photo prompt", "signature"]),
            ("audio", ["audio", "q audio", "add audio prompt"]), ("video", ["video", "q video", "add video prompt"]),
            ("file", ["file", "add file prompt"]), ("geotrace", ["geotrace", "q geotrace"]), ("geoshape", ["geoshape", "q geoshape"]),
            ("start", ["start", "get start time"]), ("end", ["end", "get end time", "end time"]), ("today", ["today", "get today"]),
            ("username", ["username"]), ("deviceid", ["deviceid", "device id", "imei", "uri:deviceid"]),
            (
                "metadata",
                [
                    "subscriberid", "subscriber id", "simserial", "sim id", "phonenumber", "phone number", "email", "audit",
                    "get sim id", "get phone number", "start geopoint", "start-geopoint", "background audio", "background-audio",
                ]
            ),
            ("begin_group", ["begin group", "begin lgroup"]), ("end_group", ["end group", "end lgroup"]),
            ("begin_repeat", ["begin repeat", "begin looped group"]), ("end_repeat", ["end repeat", "end looped group"]),
            ("begin_loop", ["begin loop"]), ("end_loop", ["end loop"]), ("include", ["include"]),
            ("xml-external", ["xml-external", "xml external"]), ("csv-external", ["csv-external", "csv external"]),
        ]
        for (type, names) in groups { for n in names { out[n] = type } }
        return out
    }()

    /// The words of a type cell as [type, list name?, or_other?]: the longest known type name first.
    static func typeWords(_ cell: [String]) -> [String] {
        let words = cell.map { $0.lowercased().replacing("_", with: " ") }
        for k in stride(from: min(6, words.count), through: 1, by: -1) {
            if let type = typeNames[words[0..<k].joined(separator: " ")] { return [type] + cell.dropFirst(k) }
        }
        return cell.isEmpty ? [""] : [cell[0].lowercased()] + cell.dropFirst()
    }

    /// The tables `pulldata('NAME', ...)` reads in a cell.
    static func pulledTables(_ cell: String) -> [String] {
        var out: [String] = []
        var rest = Substring(cell)
        while let r = rest.firstRange(of: "pulldata(") {
            rest = rest[r.upperBound...].drop { $0 == " " }
            guard let quote = rest.first, quote == "'" || quote == "\"" else { continue }
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: quote) else { break }
            out.append(String(body[..<end]))
            rest = body[end...]
        }
        return out
    }

    static func isYes(_ s: String) -> Bool? {
        switch s.trimmingSpaces.lowercased() {
        case "yes", "true", "true()", "1", "y": return true
        case "", "no", "false", "false()", "0", "n": return false
        default: return nil
        }
    }
}
