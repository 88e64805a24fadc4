import ArgumentParser
import CanvassCore
import Foundation

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Check, show and store questionnaire files.",
        subcommands: [Check.self, Show.self, Add.self, Diff.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in questionnaire files, one line each: FILE:LINE:COL: error: MESSAGE [CODE].",
            discussion: "Exit status 0 when no file has an error (warnings allowed), 1 otherwise. Codes are explained in docs/errors.md.")
        @Argument(help: "Questionnaire files (.yaml, or .json).") var files: [String]

        func run() throws {
            var failed = 0
            for path in files {
                let file: SchemaFile
                do { file = try SchemaFile.read(path) } catch let f as Failure { Console.error(f.message); failed += 1; continue }
                file.printDiagnostics()
                let errors = file.result.errors.count, warnings = file.result.diagnostics.count - errors
                if errors > 0 { failed += 1 }
                if let q = file.result.questionnaire {
                    Console.out("\(path): ok: \(q.id) \(q.version), \(q.sections.count) sections, \(q.questions.count) questions" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
                } else {
                    Console.out("\(path): \(errors) error\(errors == 1 ? "" : "s")" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an outline of a questionnaire: sections, questions, types, choices, skip logic.")
        @Argument(help: "A questionnaire file.") var file: String
        @Option(help: "Language of the labels (default: the questionnaire's first).") var lang: String?

        func run() throws {
            let q = try SchemaFile.read(file).questionnaire()
            try checkLanguage(lang, q)
            Console.out(QuestionnaireOutline.render(q, language: lang))
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the questions and choices added, removed and changed (type, choices, logic, labels) between two versions.")
        @Argument(help: "The older questionnaire file.") var old: String
        @Argument(help: "The newer questionnaire file.") var new: String
        @Option(help: "Language of the labels.") var lang: String?

        func run() throws {
            let a = try SchemaFile.read(old).questionnaire(), b = try SchemaFile.read(new).questionnaire()
            if a.id != b.id { Console.warn("comparing different questionnaires: \(a.id) and \(b.id)") }
            if a.version == b.version && a != b { Console.warn("both files say version \(a.version) but differ; give the new one its own version before using it") }
            let changes = QuestionnaireDiff.compare(a, b, language: lang)
            Console.out("\(a.id) \(a.version) -> \(b.id) \(b.version): \(changes.count) change\(changes.count == 1 ? "" : "s")")
            for c in changes { Console.out(c.description) }
            if let (name, t1, v1, t2, v2) = QuestionnaireDiff.incompatibleTypes([a, b]) {
                Console.out("note: \(name) changes from \(t1) (\(v1)) to \(t2) (\(v2)); exports over both versions will refuse it: rename the question instead")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a questionnaire version in the database (needed before import).")
        @Argument(help: "Questionnaire files.") var files: [String]
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loaded = try files.map { try SchemaFile.read($0) }
            let questionnaires = try loaded.map { try $0.questionnaire() }
            let store = try database.open()
            for (file, q) in zip(loaded, questionnaires) {
                let stored = try store.storeQuestionnaire(q, source: file.source, format: file.format)
                Console.out("\(q.id) \(q.version) stored (sha256 \(stored.hash.prefix(12)))")
            }
        }
    }
}

/// The text outline printed by `schema show`.
enum QuestionnaireOutline {
    static func render(_ q: Questionnaire, language: String?) -> String {
        var lines = ["\(q.id) \(q.version): \(q.text(q.title, in: language))"]
        if !q.languages.isEmpty { lines.append("languages: \(q.languages.joined(separator: ", "))") }
        lines.append("special answers: dk = \(q.specialCodes[.dontKnow] ?? ""), rf = \(q.specialCodes[.refused] ?? "")")
        var number = 0
        for section in q.sections {
            lines.append("")
            lines.append("== \(section.name): \(q.text(section.title, in: language))" + (section.relevant.map { "   [if \($0.text)]" } ?? ""))
            for question in section.questions {
                // groups and repeats open where their first question stands
                let index = q.index(of: question.name) ?? 0
                for group in q.groups where group.questions.lowerBound == index && !group.questions.isEmpty {
                    var depth = 0
                    var p = group.parent
                    while let x = p { depth += 1; p = q.groups[x].parent }
                    var how = "group"
                    if let rule = group.repeatRule {
                        how = "repeat " + (rule.count.map { "\($0.text) times" } ?? "with Add another? (at least \(rule.minimum)\(rule.maximum.map { ", at most \($0)" } ?? ""))")
                    }
                    lines.append(String(repeating: "  ", count: depth + 1) + "[\(how): \(group.name), questions \(group.questions.lowerBound + 1)-\(group.questions.upperBound)]" + (group.relevant.map { "   [if \($0.text)]" } ?? ""))
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
                lines.append("  \(number). \(question.name) (\(type))\(flags.isEmpty ? "" : " [" + flags.joined(separator: ", ") + "]"): \(q.text(question.label, in: language))")
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
