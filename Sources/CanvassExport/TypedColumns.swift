import CanvassCore

/// One cell of an exported table, typed: the one conversion of answers shared by the CSV, the Stata and SPSS files,
/// the workbook and R. Each case keeps the text the CSV shows, so every format can be checked against the CSV.
public enum TypedCell: Sendable, Equatable {
    /// Not asked, skipped, or no value (system-missing in Stata and SPSS, a blank cell in Excel, NA in R).
    case empty
    case number(Double, String)
    case text(String)
    /// Days from 1970-01-01.
    case date(Int, String)
    /// Seconds from 1970-01-01 00:00 on the interview's own clock (its UTC offset left aside).
    case dateTime(Int, String)
    /// Don't know or refused, with the questionnaire's code (Stata `.d`/`.r`, SPSS user-missing, R NA).
    case special(SpecialAnswer, String)

    /// The CSV cell.
    public var text: String {
        switch self {
        case .empty: return ""
        case .number(_, let t), .text(let t), .date(_, let t), .dateTime(_, let t), .special(_, let t): return t
        }
    }
}

/// A column of an exported table with what every format needs to type and label it.
public struct TypedColumn: Sendable {
    /// What the column's values are. `calculated`: numbers when every value is a number, otherwise text (decided by
    /// the writers once they have seen the values).
    public enum Kind: Sendable, Equatable { case number, text, date, dateTime, calculated }
    public enum Measure: Sendable { case nominal, ordinal, scale }
    public struct ValueLabel: Sendable, Equatable {
        public var code: String
        public var label: String
    }

    /// The CSV header, and the name valid in Stata, SPSS and R (letters, digits, _; at most 32 characters).
    public var header: String
    public var name: String
    public var label: String
    public var kind: Kind
    /// Choice labels by code (numeric codes when `kind` is number), scale end labels, chosen/not chosen.
    public var valueLabels: [ValueLabel]
    /// The special answers the column can hold, with their codes.
    public var specials: [(answer: SpecialAnswer, code: String)]
    public var measure: Measure
}

extension WideLayout {
    /// The kind of each question's column: numbers, dates and numeric codes as such, the rest text.
    static func kinds(_ versions: [Questionnaire]) -> [String: TypedColumn.Kind] {
        var kinds: [String: TypedColumn.Kind] = [:]
        var codes: [String: [String]] = [:]
        for q in versions {
            for question in q.questions {
                kinds[question.name] = kind(question.type)
                codes[question.name, default: []] += question.choices.map(\.code)
            }
        }
        for (name, kind) in kinds where kind == .text {
            // select_one and yes/no with only integer codes are numbers, labelled
            if let all = codes[name], !all.isEmpty, all.allSatisfy({ Int($0) != nil }),
                let type = versions.last(where: { $0.question(named: name) != nil })?.question(named: name)?.type,
                type == .selectOne || type == .yesNo
            {
                kinds[name] = .number
            }
        }
        return kinds
    }

    private static func kind(_ type: QuestionType) -> TypedColumn.Kind {
        switch type {
        case .integer, .decimal, .scale, .range: return .number
        case .date, .today: return .date
        case .dateTime, .start, .end: return .dateTime
        case .username, .deviceid: return .text
        case .calculate: return .calculated
        case .text, .longText, .selectOne, .selectMultiple, .yesNo, .note, .time, .geopoint, .barcode, .acknowledge, .rank: return .text
        }
    }

    /// A question's value as a typed cell of its column.
    func cell(_ value: String, kind: TypedColumn.Kind) -> TypedCell {
        switch kind {
        case .number: return Double(value).map { .number($0, value) } ?? .text(value)
        case .date: return CalendarDate.days(value).map { .date($0, value) } ?? .text(value)
        case .calculated: return Double(value).flatMap { $0.isFinite ? .number($0, value) : nil } ?? .text(value)
        case .dateTime: return CalendarDate.localSeconds(value).map { .dateTime($0, value) } ?? .text(value)
        case .text: return .text(value)
        }
    }

    /// The columns typed and labelled in `language`, names valid in the stats packages; `versions` oldest first.
    public func typedColumns(_ versions: [Questionnaire], language: String?) -> [TypedColumn] {
        let names = StatsSyntax.names(header)
        func question(_ name: String) -> (Question, Questionnaire)? {
            for q in versions.reversed() { if let question = q.question(named: name) { return (question, q) } }
            return nil
        }
        func specials(_ question: Question, _ q: Questionnaire) -> [(answer: SpecialAnswer, code: String)] {
            question.special.map { ($0, q.specialCodes[$0] ?? $0.rawValue) }
        }
        func plain(_ label: String, _ kind: TypedColumn.Kind) -> (String, TypedColumn.Kind, [TypedColumn.ValueLabel], TypedColumn.Measure) {
            (label, kind, [], kind == .text ? .nominal : .scale)
        }
        return zip(columns, zip(header, names)).map { column, names in
            var specialCodes: [(answer: SpecialAnswer, code: String)] = []
            let (label, kind, valueLabels, measure): (String, TypedColumn.Kind, [TypedColumn.ValueLabel], TypedColumn.Measure)
            switch column {
            case .interviewID: (label, kind, valueLabels, measure) = plain("Interview", pseudonym == nil ? .number : .text)
            case .key: (label, kind, valueLabels, measure) = plain(repeatName == nil ? "Interview key" : "Key of this instance", .text)
            case .parentKey: (label, kind, valueLabels, measure) = plain("Key of the enclosing row", .text)
            case .version: (label, kind, valueLabels, measure) = plain("Questionnaire version", .text)
            case .status: (label, kind, valueLabels, measure) = plain("Status", .text)
            case .respondent: (label, kind, valueLabels, measure) = plain("Respondent", .text)
            case .interviewer: (label, kind, valueLabels, measure) = plain("Interviewer", .text)
            case .startedAt: (label, kind, valueLabels, measure) = plain("Started at (interview's local time)", .dateTime)
            case .completedAt: (label, kind, valueLabels, measure) = plain("Completed at (interview's local time)", .dateTime)
            case .question(let name):
                guard let (question, q) = question(name) else {
                    (label, kind, valueLabels, measure) = plain(name, .text)
                    break
                }
                specialCodes = specials(question, q)
                let text = q.text(question.label, in: language)
                let k = labels.on && (question.type.isSelect || question.type == .yesNo) ? .text : questionKinds[name] ?? .text
                var choices: [TypedColumn.ValueLabel] = []
                if question.type == .selectOne || question.type == .yesNo {
                    var seen = Set<String>()
                    for v in versions.reversed() {
                        for c in v.question(named: name)?.choices ?? [] where seen.insert(c.code).inserted {
                            choices.append(.init(code: c.code, label: v.text(c.label, in: language)))
                        }
                    }
                    let order = Dictionary(question.choices.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
                    choices = choices.enumerated().sorted {
                        (order[$0.element.code] ?? 1000 + $0.offset) < (order[$1.element.code] ?? 1000 + $1.offset)
                    }
                    .map(\.element)
                }
                if question.type == .scale {
                    if let min = question.min, let l = question.minLabel {
                        choices.append(.init(code: String(min), label: q.text(l, in: language)))
                    }
                    if let max = question.max, let l = question.maxLabel {
                        choices.append(.init(code: String(max), label: q.text(l, in: language)))
                    }
                }
                if labels.on { choices = [] }
                let m: TypedColumn.Measure =
                    question.type == .scale ? .ordinal : (question.type.isNumeric || k == .date || k == .calculated ? .scale : .nominal)
                (label, kind, valueLabels, measure) = (text, k, choices, m)
            case .choice(let name, let code):
                let found = question(name)
                specialCodes = found.map { specials($0.0, $0.1) } ?? []
                let choice = found.flatMap { q in q.0.choice(code: code).map { q.1.text($0.label, in: language) } } ?? code
                let text = (found.map { $0.1.text($0.0.label, in: language) } ?? name) + ": " + choice
                (label, kind, valueLabels, measure) = (
                    text, .number, [.init(code: "1", label: "chosen"), .init(code: "0", label: "not chosen")], .nominal
                )
            }
            return TypedColumn(
                header: names.0, name: names.1, label: label, kind: kind, valueLabels: valueLabels, specials: specialCodes, measure: measure
            )
        }
    }
}
