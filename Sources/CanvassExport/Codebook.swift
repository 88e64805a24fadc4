import CanvassCore
import CanvassFiles
import Foundation

/// Every column of the exports with its question, type, labels per language, choices, special codes and logic.
public enum Codebook {
    /// `export codebook`: Markdown or CSV, to `path` (standard output for nil).
    public static func write(_ q: Questionnaire, markdown: Bool, to path: String?) throws {
        if markdown {
            try OutputFile.write(path, privateMode: false) { try $0.write(Self.markdown(q, languages: q.languages)) }
        } else {
            try OutputFile.csv(path, privateMode: false) { try $0.writeRows([csvHeader] + rows(q, languages: q.languages)) }
        }
    }

    public static let csvHeader = [
        "column", "question", "section", "type", "label", "choices", "special_codes", "relevant", "constraint", "calculation", "identifier",
        "exported_by_default",
    ]

    public static func rows(_ q: Questionnaire, languages: [String]) -> [[String]] {
        let langs = languages.isEmpty ? [nil] : languages.map { Optional($0) }
        var out: [[String]] = []
        let special = "dk=\(q.specialCodes[.dontKnow] ?? ""); rf=\(q.specialCodes[.refused] ?? "")"
        for (i, question) in q.questions.enumerated() where question.type != .note {
            let section = q.section(ofQuestionAt: i)
            func label(_ l: LocalizedText) -> String {
                langs.map { lang in (lang.map { "[\($0)] " } ?? "") + q.text(l, in: lang) }.joined(separator: " | ")
            }
            let choices = question.choices.map { c in "\(c.code)=\(label(c.label))" }.joined(separator: "; ")
            let relevant = [section.relevant?.text, question.relevant?.text].compactMap { $0 }.joined(separator: " and ")
            // inside repeats: the repeat path names the file the column is in (QUESTIONNAIRE-REPEAT.csv)
            let chain = q.repeatChain(ofQuestionAt: i).map { q.groups[$0].name }
            let place = chain.isEmpty ? section.name : section.name + " (repeat " + chain.joined(separator: "/") + ")"
            out.append([
                question.name, question.name, place,
                question.type.rawValue + (question.type == .scale ? " \(question.min ?? 1)-\(question.max ?? 5)" : ""),
                label(question.label), choices, question.special.isEmpty ? "" : special, relevant, question.constraint?.text ?? "",
                question.calculation?.text ?? "", question.identifier ? "yes" : "no",
                question.identifier ? "no (--include-identifiers)" : "yes",
            ])
            if question.type == .selectMultiple {
                for c in question.choices {
                    out.append([
                        question.name + "/" + c.code, question.name, place, "0/1", label(question.label) + " :: " + label(c.label),
                        "1=chosen; 0=not chosen",
                        special, relevant, "", "", question.identifier ? "yes" : "no",
                        question.identifier ? "no (--include-identifiers)" : "yes",
                    ])
                }
            }
        }
        return out
    }

    public static func markdown(_ q: Questionnaire, languages: [String]) -> String {
        var lines = [
            "# Codebook: \(q.id) \(q.version)", "", q.text(q.title, in: languages.first), "",
            "Special codes: don't know = \(q.specialCodes[.dontKnow] ?? ""), refused = \(q.specialCodes[.refused] ?? ""). Empty "
                + "cell: not asked, or left empty.",
            "Identifier questions are exported only with `--include-identifiers`.", "",
            "| column | type | label | choices | special | relevant | check | identifier |", "|---|---|---|---|---|---|---|---|",
        ]
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        for r in rows(q, languages: languages) {
            lines.append(
                "| `\(cell(r[0]))` | \(cell(r[3])) | \(cell(r[4])) | \(cell(r[5])) | \(cell(r[6])) | \(cell(r[7])) | "
                    + "\(cell(r[8] + (r[9].isEmpty ? "" : " = " + r[9]))) | \(r[10]) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
