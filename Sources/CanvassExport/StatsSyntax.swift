import CanvassCore

/// Syntax files that read the exported CSV into Stata, SPSS or R with variable and value labels,
/// and don't-know / refused declared as missing values (Stata .d/.r, SPSS MISSING VALUES, R NA with the reason kept).
public enum StatsSyntax {
    public enum Package: String, CaseIterable, Sendable {
        case stata, spss, r
        /// The syntax file's extension.
        public var fileExtension: String {
            switch self {
            case .stata: return "do"
            case .spss: return "sps"
            case .r: return "R"
            }
        }
    }

    /// One data file of a stats export: the interviews, or one repeat's instances.
    public struct Table: Sendable {
        public var layout: WideLayout
        /// QUESTIONNAIRE or QUESTIONNAIRE-REPEAT: the name of the CSV and of its syntax file.
        public var base: String
        public var csvName: String { base + ".csv" }
    }

    /// The interviews' table, then one per repeat (rows = instances, linked by PARENT_KEY/KEY).
    public static func tables(_ versions: QuestionnaireVersions, includeIdentifiers: Bool) -> [Table] {
        ([nil] + WideLayout.repeatNames(versions.all).map(Optional.some)).map { name in
            Table(
                layout: WideLayout(versions: versions.all, includeIdentifiers: includeIdentifiers, includeStatus: false, repeat: name),
                base: versions.id + (name.map { "-" + $0 } ?? ""))
        }
    }

    /// Column names valid in all three packages: letters, digits, _; at most 32 characters; unique.
    public static func names(_ header: [String]) -> [String] {
        var used = Set<String>()
        return header.map { h in
            var n = String(h.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            if let f = n.first, !f.isLetter { n = "v" + n }
            n = String(n.prefix(32))
            var candidate = n, i = 2
            while used.contains(candidate.lowercased()) {
                candidate = String(n.prefix(29)) + "_\(i)"
                i += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    struct Column {
        var name: String
        var label: String
        var question: Question?
        var numeric: Bool
        var choices: [(String, String)]
        var specials: Bool
    }

    static func columns(_ layout: WideLayout, header: [String], questionnaire q: Questionnaire, language: String?) -> [Column] {
        let stats = names(header)
        return zip(layout.columns, stats).map { column, name in
            switch column {
            case .question(let qn):
                let question = q.question(named: qn)
                let type = question?.type ?? .text
                let choices =
                    (type.isSelect || type == .yesNo) && type != .selectMultiple
                    ? (question?.choices ?? []).map { ($0.code, q.text($0.label, in: language)) } : []
                return Column(
                    name: name, label: question.map { q.text($0.label, in: language) } ?? qn, question: question,
                    numeric: type.isNumeric, choices: choices, specials: !(question?.special.isEmpty ?? true))
            case .choice(let qn, let code):
                let question = q.question(named: qn)
                let choice = question?.choice(code: code).map { q.text($0.label, in: language) } ?? code
                return Column(
                    name: name, label: (question.map { q.text($0.label, in: language) } ?? qn) + ": " + choice, question: question,
                    numeric: true, choices: [("1", "chosen"), ("0", "not chosen")], specials: !(question?.special.isEmpty ?? true))
            case .interviewID: return Column(name: name, label: "Interview", question: nil, numeric: false, choices: [], specials: false)
            case .key:
                return Column(
                    name: name, label: layout.repeatName == nil ? "Interview key" : "Key of this instance", question: nil, numeric: false,
                    choices: [], specials: false)
            case .version:
                return Column(name: name, label: "Questionnaire version", question: nil, numeric: false, choices: [], specials: false)
            case .status: return Column(name: name, label: "Status", question: nil, numeric: false, choices: [], specials: false)
            case .respondent: return Column(name: name, label: "Respondent", question: nil, numeric: false, choices: [], specials: false)
            case .interviewer: return Column(name: name, label: "Interviewer", question: nil, numeric: false, choices: [], specials: false)
            case .startedAt: return Column(name: name, label: "Started at", question: nil, numeric: false, choices: [], specials: false)
            case .completedAt: return Column(name: name, label: "Completed at", question: nil, numeric: false, choices: [], specials: false)
            case .parentKey:
                return Column(name: name, label: "Key of the enclosing row", question: nil, numeric: false, choices: [], specials: false)
            }
        }
    }

    static func quoted(_ s: String, _ quote: Character = "\"") -> String {
        String(s.map { $0 == quote || $0 == "\n" || $0 == "\r" ? "'" : $0 }).prefix(80).description
    }

    public static func file(
        _ package: Package, csvName: String, layout: WideLayout, header: [String], questionnaire q: Questionnaire, language: String?
    ) -> String {
        let cols = columns(layout, header: header, questionnaire: q, language: language)
        let dk = q.specialCodes[.dontKnow] ?? "-98", rf = q.specialCodes[.refused] ?? "-99"
        var out: [String] = []
        switch package {
        case .stata:
            out.append("* Canvass export of \(q.id) \(q.version): reads \(csvName), labels variables and values; dk = .d, rf = .r")
            out.append("import delimited using \"\(csvName)\", varnames(1) case(preserve) encoding(\"utf-8\") stringcols(_all) clear")
            out.append("label define chosen_lbl 1 \"chosen\" 0 \"not chosen\" .d \"don't know\" .r \"refused\"")
            for c in cols where c.numeric || !c.choices.isEmpty {
                // codes become numbers; dk and rf become the extended missing values .d and .r
                out.append("generate double \(c.name)_n = \(c.numeric ? "real(\(c.name))" : ".")")
                var labelName = "chosen_lbl"
                if !c.numeric {
                    labelName = String(c.name.prefix(28)) + "_lbl"
                    out.append(
                        "label define \(labelName) "
                            + c.choices.enumerated().map { "\($0.offset + 1) \"\(quoted($0.element.1))\"" }.joined(separator: " ")
                            + " .d \"don't know\" .r \"refused\"")
                    for (n, choice) in c.choices.enumerated() {
                        out.append("replace \(c.name)_n = \(n + 1) if \(c.name) == \"\(choice.0)\"")
                    }
                }
                out.append("replace \(c.name)_n = .d if \(c.name) == \"\(dk)\"")
                out.append("replace \(c.name)_n = .r if \(c.name) == \"\(rf)\"")
                out.append("drop \(c.name)")
                out.append("rename \(c.name)_n \(c.name)")
                if !c.choices.isEmpty { out.append("label values \(c.name) \(labelName)") }
            }
            for c in cols { out.append("label variable \(c.name) \"\(quoted(c.label))\"") }
            out.append("order " + cols.map(\.name).joined(separator: " "))
        case .spss:
            out.append("* Canvass export of \(q.id) \(q.version): reads \(csvName); dk and rf are user-missing.")
            out.append(
                "GET DATA /TYPE=TXT /FILE=\"\(csvName)\" /ENCODING='UTF8' /DELIMITERS=\",\" /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2"
            )
            out.append("  /VARIABLES=")
            for c in cols { out.append("    \(c.name) \(c.numeric ? "F12.3" : (c.question?.type == .longText ? "A2000" : "A255"))") }
            out[out.count - 1] += "."
            out.append("VARIABLE LABELS")
            out += cols.map { "  \($0.name) \"\(quoted($0.label))\"" }
            out[out.count - 1] += "."
            for c in cols where !c.choices.isEmpty {
                let quote = c.numeric ? "" : "'"
                let values =
                    c.choices.map { "\(quote)\($0.0)\(quote) \"\(quoted($0.1))\"" } + [
                        "\(quote)\(dk)\(quote) \"don't know\"", "\(quote)\(rf)\(quote) \"refused\"",
                    ]
                out.append("VALUE LABELS \(c.name) " + values.joined(separator: " ") + ".")
            }
            for c in cols where c.specials {
                out.append(c.numeric ? "MISSING VALUES \(c.name) (\(dk), \(rf))." : "MISSING VALUES \(c.name) ('\(dk)', '\(rf)').")
            }
            out.append("EXECUTE.")
        case .r:
            out.append(
                "# Canvass export of \(q.id) \(q.version): reads \(csvName); dk and rf become NA, their reason kept in <name>_missing.")
            out.append(
                "d <- read.csv(\"\(csvName)\", colClasses = \"character\", encoding = \"UTF-8\", check.names = FALSE, na.strings = \"\")")
            out.append("names(d) <- c(" + cols.map { "\"\($0.name)\"" }.joined(separator: ", ") + ")")
            out.append(
                "reason <- function(x) factor(ifelse(x == \"\(dk)\", \"dk\", ifelse(x == \"\(rf)\", \"rf\", NA)), levels = c(\"dk\", \"rf\"))"
            )
            for c in cols {
                if c.specials { out.append("d$\(c.name)_missing <- reason(d$\(c.name))") }
                if c.numeric {
                    out.append(
                        "d$\(c.name) <- suppressWarnings(as.numeric(ifelse(d$\(c.name) %in% c(\"\(dk)\", \"\(rf)\"), NA, d$\(c.name))))")
                } else if !c.choices.isEmpty {
                    out.append(
                        "d$\(c.name) <- factor(ifelse(d$\(c.name) %in% c(\"\(dk)\", \"\(rf)\"), NA, d$\(c.name)), levels = c("
                            + c.choices.map { "\"\($0.0)\"" }.joined(separator: ", ") + "), labels = c("
                            + c.choices.map { "\"\(quoted($0.1))\"" }.joined(separator: ", ") + "))")
                }
                out.append("attr(d$\(c.name), \"label\") <- \"\(quoted(c.label))\"")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension StatsSyntax {
    /// The R script of `export r`: reads the `.sav` files with haven, which brings the labels and missing values with
    /// the data; no label text is ever part of the script. `files`: (table base name, file name).
    public static func nativeReader(questionnaire q: Questionnaire, files: [(base: String, file: String)]) -> String {
        var out = [
            "# Canvass export of \(rComment(q.id)) \(rComment(q.version)): reads the SPSS files with haven; variable and value labels",
            "# come with the data. dk/rf are user-missing: in NAME they are NA (means and counts leave them out); NAME_raw keeps",
            "# them as labelled values (haven::na_values() lists them).",
            "library(haven)",
        ]
        for (base, file) in files {
            let name = rName(base)
            out.append("\(name)_raw <- read_sav(\(rString(file)), user_na = TRUE)")
            out.append("\(name) <- zap_missing(\(name)_raw)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A valid R name from a table's base name (letters, digits, _ and . only).
    static func rName(_ s: String) -> String {
        var n = String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") ? $0 : "_" })
        if let f = n.first, !f.isLetter { n = "d_" + n }
        return n.isEmpty ? "d" : n
    }

    /// An R string literal for any text: backslashes, quotes and control characters escaped, so no text can end the
    /// string early or run as code.
    public static func rString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || (0x2028...0x2029).contains(u.value) {
                    out += "\\u{" + String(u.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func rComment(_ s: String) -> String { String(s.map { $0 == "\n" || $0 == "\r" ? " " : $0 }) }
}
