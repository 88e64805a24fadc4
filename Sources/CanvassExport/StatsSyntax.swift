import CanvassCore
import Foundation

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

    /// SPSS reads a CSV line by line: line breaks inside answers are written as these private-use characters in the
    /// CSV written for it, and the syntax turns them back into line breaks.
    public static let spssLineFeed: Unicode.Scalar = "\u{E00A}", spssCarriageReturn: Unicode.Scalar = "\u{E00D}"

    /// A cell of the CSV written for `package`: values exactly as answered (no formula guard: stats packages never
    /// run a cell); for SPSS, line breaks as the private-use characters its syntax restores.
    public static func csvCell(_ cell: TypedCell, for package: Package) -> String {
        let text = cell.text
        guard package == .spss, text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars { out.append(u == "\n" ? spssLineFeed : u == "\r" ? spssCarriageReturn : u) }
        return String(out)
    }

    /// The syntax file that reads the CSV `csvName` into `package`. `widths`: the longest cell of each column in UTF-8
    /// bytes; `breaks`: the columns whose answers hold line breaks.
    public static func file(
        _ package: Package, csvName: String, columns: [TypedColumn], widths: [Int], breaks: Set<Int>, questionnaire q: Questionnaire
    ) -> String {
        switch package {
        case .stata: return stata(csvName: csvName, columns: columns, q)
        case .spss: return spss(csvName: csvName, columns: columns, widths: widths, breaks: breaks, q)
        case .r: return r(csvName: csvName, columns: columns, q)
        }
    }

    /// Text made plain for one line of syntax: line breaks and other control characters become spaces.
    static func oneLine(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
    }

    /// A Stata compound-quoted string: `$` and backticks escaped so that no macro expands, `"'` kept from closing it.
    static func stataString(_ s: String, characters: Int = 80) -> String {
        var t = String(oneLine(s).prefix(characters))
        t = t.replacingOccurrences(of: "\"'", with: "\" '")
        var out = ""
        for c in t {
            if c == "$" || c == "`" { out.append("\\") }
            out.append(c)
        }
        return "`\"" + out + "\"'"
    }

    /// An SPSS string in double quotes (inner quotes doubled), cut to `bytes` UTF-8 bytes.
    static func spssString(_ s: String, bytes: Int) -> String {
        "\"" + cut(oneLine(s), bytes: bytes).replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `s` cut to at most `bytes` UTF-8 bytes (and `characters` characters), never inside a character: the limits of
    /// labels and strings in Stata and SPSS, for the syntax files and the native files alike.
    public static func cut(_ s: String, characters: Int = .max, bytes: Int) -> String {
        guard s.utf8.count > bytes || s.count > characters else { return s }
        var out = ""
        var used = 0
        for (n, c) in s.enumerated() {
            let size = c.utf8.count
            guard n < characters, used + size <= bytes else { break }
            out.append(c)
            used += size
        }
        return out
    }

    static func stata(csvName: String, columns: [TypedColumn], _ q: Questionnaire) -> String {
        var out = [
            "* Canvass export of \(oneLine(q.id)) \(oneLine(q.version)): reads \(csvName) (values as answered); labels variables and values;",
            "* dk = .d, rf = .r in numbers; codes are the questionnaire's own (text codes stay text, as Stata labels numbers only).",
            "import delimited using \"\(csvName)\", varnames(1) case(preserve) encoding(\"utf-8\") stringcols(_all) bindquote(strict) maxquotedrows(unlimited) clear",
        ]
        for (i, c) in columns.enumerated() where c.kind == .number || c.kind == .date || c.kind == .dateTime {
            let temp = "__cv\(i + 1)"
            switch c.kind {
            case .date:
                out.append("generate double \(temp) = daily(\(c.name), \"YMD\")")
                out.append("format \(temp) %td")
            case .dateTime:
                out.append("generate double \(temp) = clock(subinstr(substr(\(c.name), 1, 19), \"T\", \" \", 1), \"YMDhms\")")
                out.append("format \(temp) %tc")
            default: out.append("generate double \(temp) = real(\(c.name))")
            }
            for s in c.specials {
                out.append("replace \(temp) = \(s.answer == .dontKnow ? ".d" : ".r") if \(c.name) == \"\(s.code)\"")
            }
            out.append("drop \(c.name)")
            out.append("rename \(temp) \(c.name)")
            let labels = c.valueLabels.compactMap { l in Int(l.code).map { "\($0) \(stataString(l.label, characters: 32000))" } }
            let specials = c.specials.map { "\($0.answer == .dontKnow ? ".d" : ".r") \(stataString($0.answer.englishLabel))" }
            if c.kind == .number && !(labels.isEmpty && specials.isEmpty) {
                out.append("label define \(c.name) " + (labels + specials).joined(separator: " ") + ", replace")
                out.append("label values \(c.name) \(c.name)")
            }
        }
        for c in columns { out.append("label variable \(c.name) \(stataString(c.label))") }
        out.append("order " + columns.map(\.name).joined(separator: " "))
        return out.joined(separator: "\n") + "\n"
    }

    static func spss(csvName: String, columns: [TypedColumn], widths: [Int], breaks: Set<Int>, _ q: Questionnaire) -> String {
        var out = [
            "* Canvass export of \(oneLine(q.id)) \(oneLine(q.version)): reads \(csvName); line breaks inside answers are written there as",
            "* U+E00A and U+E00D and restored below; dk and rf are user-missing; an unasked choice question is missing too.",
            "GET DATA /TYPE=TXT /FILE=\"\(csvName)\" /ENCODING='UTF8' /DELIMITERS=\",\" /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2",
            "  /VARIABLES=",
        ]
        for (i, c) in columns.enumerated() {
            let format = c.kind == .number ? "F40.16" : "A\(min(32767, max(1, widths[i])))"
            out.append("    \(c.name) \(format)")
        }
        out[out.count - 1] += "."
        for (i, c) in columns.enumerated() where c.kind == .number {
            out.append("FORMATS \(c.name) (F\(min(40, max(8, widths[i] + 2))).\(c.valueLabels.isEmpty ? 3 : 0)).")
        }
        for i in breaks.sorted() where columns[i].kind != .number {
            out.append("COMPUTE \(columns[i].name) = REPLACE(\(columns[i].name), \"\(Character(spssLineFeed))\", X'0A').")
            out.append("COMPUTE \(columns[i].name) = REPLACE(\(columns[i].name), \"\(Character(spssCarriageReturn))\", X'0D').")
        }
        out.append("VARIABLE LABELS")
        out += columns.map { "  \($0.name) \(spssString($0.label, bytes: 255))" }
        out[out.count - 1] += "."
        for c in columns where !c.valueLabels.isEmpty || !c.specials.isEmpty {
            let numeric = c.kind == .number
            func value(_ code: String) -> String { numeric ? code : spssString(code, bytes: 32767) }
            let values =
                c.valueLabels.filter { !numeric || Double($0.code) != nil }.map { "\(value($0.code)) \(spssString($0.label, bytes: 120))" }
                + c.specials.filter { !numeric || Double($0.code) != nil }.map {
                    "\(value($0.code)) \(spssString($0.answer.englishLabel, bytes: 120))"
                }
            if !values.isEmpty { out.append("VALUE LABELS \(c.name) " + values.joined(separator: " ") + ".") }
        }
        for (i, c) in columns.enumerated() {
            if c.kind == .number {
                let codes = c.specials.map(\.code).filter { Double($0) != nil }
                if !codes.isEmpty { out.append("MISSING VALUES \(c.name) (\(codes.joined(separator: ", "))).") }
            } else if max(1, widths[i]) <= 8 {
                let codes = c.specials.map(\.code) + (c.valueLabels.isEmpty ? [] : [""])
                if !codes.isEmpty && codes.count <= 3 {
                    out.append("MISSING VALUES \(c.name) (\(codes.map { spssString($0, bytes: 8) }.joined(separator: ", "))).")
                }
            }
        }
        out.append("EXECUTE.")
        return out.joined(separator: "\n") + "\n"
    }

    static func r(csvName: String, columns: [TypedColumn], _ q: Questionnaire) -> String {
        var out = [
            "# Canvass export of \(rComment(q.id)) \(rComment(q.version)): reads \(csvName); dk and rf become NA, their reason kept in NAME_missing.",
            "d <- read.csv(\(rString(csvName)), colClasses = \"character\", encoding = \"UTF-8\", check.names = FALSE, na.strings = character(0))",
            "names(d) <- c(" + columns.map { rString($0.name) }.joined(separator: ", ") + ")",
        ]
        for c in columns {
            let x = "d[[\(rString(c.name))]]"
            let codes = "c(" + c.specials.map { rString($0.code) }.joined(separator: ", ") + ")"
            if !c.specials.isEmpty {
                let reasons = c.specials.map { "\(rString($0.code)) = \(rString($0.answer.rawValue))" }.joined(separator: ", ")
                out.append("d[[\(rString(c.name + "_missing"))]] <- factor(unname(c(\(reasons))[\(x)]), levels = c(\"dk\", \"rf\"))")
                out.append("\(x)[\(x) %in% \(codes)] <- NA")
            }
            out.append("\(x)[!is.na(\(x)) & \(x) == \"\"] <- NA")
            switch c.kind {
            case .number where !c.valueLabels.isEmpty && c.measure == .nominal:
                out.append(
                    "\(x) <- factor(\(x), levels = c(" + c.valueLabels.map { rString($0.code) }.joined(separator: ", ") + "), labels = c("
                        + c.valueLabels.map { rString($0.label) }.joined(separator: ", ") + "))")
            case .number: out.append("\(x) <- as.numeric(\(x))")
            case .date: out.append("\(x) <- as.Date(\(x))")
            case .dateTime: out.append("\(x) <- as.POSIXct(substr(\(x), 1, 19), format = \"%Y-%m-%dT%H:%M:%S\", tz = \"UTC\")")
            case .text where !c.valueLabels.isEmpty:
                out.append(
                    "\(x) <- factor(\(x), levels = c(" + c.valueLabels.map { rString($0.code) }.joined(separator: ", ") + "), labels = c("
                        + c.valueLabels.map { rString($0.label) }.joined(separator: ", ") + "))")
            case .text, .calculated: break
            }
            out.append("attr(\(x), \"label\") <- \(rString(c.label))")
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
            "# them as their codes, labelled (haven::na_values() lists them; dates there are numbers of days).",
            "library(haven)",
        ]
        for (base, file) in files {
            let name = rName(base)
            out.append("\(name) <- read_sav(\(rString(file)))")
            out.append("\(name)_raw <- read_sav(\(rString(file)), user_na = TRUE)")
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
