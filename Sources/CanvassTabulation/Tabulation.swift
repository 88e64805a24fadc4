import CanvassCore

/// A row or column category of a table.
public struct Category: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case value, dontKnow = "dk", refused = "rf", noAnswer = "no_answer", notAsked = "not_asked", total
    }
    public var code: String
    public var label: String
    public var kind: Kind
}

/// Counts of one question's answers, optionally crossed by a second question: the `tab freq` table.
/// Built from plain values, one interview at a time.
public struct Tabulation: Sendable {
    public let question: Question
    public let by: Question?
    public let rows: [Category]
    public let columns: [Category]
    /// counts[row][column]; the last column is the total.
    public private(set) var counts: [[Int]]
    /// Interviews with a valid value (not dk/rf/empty/not asked) in each column.
    public private(set) var validBase: [Int]
    /// Codes chosen, in each column (select_multiple: the base of % of mentions).
    public private(set) var mentions: [Int]
    /// Numbers given, in each column (numeric questions).
    public private(set) var numbers: [[Double]]
    public private(set) var interviews = 0

    public enum TabulationError: Error, CustomStringConvertible {
        case notTabulable(String)
        public var description: String {
            if case .notTabulable(let m) = self { return m }
            return ""
        }
    }

    public init(question: Question, by: Question? = nil, questionnaire q: Questionnaire, language: String?) throws {
        guard question.type != .note else { throw TabulationError.notTabulable("\(question.name) is a note; it has no answers") }
        if question.identifier {
            throw TabulationError.notTabulable("\(question.name) is an identifier (confidential); it is never tabulated")
        }
        if let by {
            guard by.type.isCategorical else {
                throw TabulationError.notTabulable(
                    "--by \(by.name) is \(by.type.rawValue); cross by a select_one, yes_no or scale question")
            }
        }
        self.question = question
        self.by = by
        var rows: [Category] = []
        if question.type.isCategorical || question.type == .selectMultiple {
            rows = Self.categories(of: question, q, language)
        }
        if question.type == .text || question.type == .longText || question.type == .date {
            rows = []  // distinct values are added as they are seen
        }
        rows += [
            Category(code: q.specialCodes[.dontKnow] ?? "dk", label: "don't know", kind: .dontKnow),
            Category(code: q.specialCodes[.refused] ?? "rf", label: "refused", kind: .refused),
            Category(code: "", label: "no answer", kind: .noAnswer),
            Category(code: "", label: "not asked", kind: .notAsked),
        ]
        self.rows = rows
        var columns: [Category] = by.map { Self.categories(of: $0, q, language) } ?? []
        columns.append(Category(code: "", label: "Total", kind: .total))
        self.columns = columns
        counts = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
        validBase = Array(repeating: 0, count: columns.count)
        mentions = Array(repeating: 0, count: columns.count)
        numbers = Array(repeating: [], count: columns.count)
        valueRows = Dictionary(
            uniqueKeysWithValues: rows.enumerated().filter { $0.element.kind == .value }.map { ($0.element.code, $0.offset) })
        columnIndex = Dictionary(
            uniqueKeysWithValues: columns.enumerated().filter { $0.element.kind == .value }.map { ($0.element.code, $0.offset) })
    }

    private var valueRows: [String: Int]
    private let columnIndex: [String: Int]
    /// Text answers seen, for the distinct-value table of text questions.
    public private(set) var textValues: [String: [Int]] = [:]

    static func categories(of question: Question, _ q: Questionnaire, _ language: String?) -> [Category] {
        if question.type == .scale {
            return question.categoryCodes.map { code in
                var label = code
                if code == question.min.map(String.init), let l = question.minLabel { label += " " + q.text(l, in: language) }
                if code == question.max.map(String.init), let l = question.maxLabel { label += " " + q.text(l, in: language) }
                return Category(code: code, label: label, kind: .value)
            }
        }
        return question.choices.map { Category(code: $0.code, label: q.text($0.label, in: language), kind: .value) }
    }

    /// Adds one interview: its answer to the question (nil when unanswered) and whether the question was relevant.
    public mutating func add(answer: Answer?, relevant: Bool, byAnswer: Answer? = nil) {
        interviews += 1
        var cols = [columns.count - 1]
        if by != nil, case .value(let b)? = byAnswer, let c = columnIndex[b] { cols.append(c) }
        let row: Int?
        var values: [String] = []
        if !relevant {
            row = rows.firstIndex { $0.kind == .notAsked }
        } else {
            switch answer {
            case nil, .skipped?: row = rows.firstIndex { $0.kind == .noAnswer }
            case .special(.dontKnow)?: row = rows.firstIndex { $0.kind == .dontKnow }
            case .special(.refused)?: row = rows.firstIndex { $0.kind == .refused }
            case .value(let v)?:
                row = nil
                values = question.type == .selectMultiple ? v.split(separator: " ").map(String.init) : [v]
            }
        }
        for c in cols {
            if let row {
                counts[row][c] += 1
                continue
            }
            validBase[c] += 1
            if question.type.isNumeric, let d = Double(values[0]) { numbers[c].append(d) }
            for v in values {
                mentions[c] += 1
                if let r = valueRows[v] {
                    counts[r][c] += 1
                } else if !question.type.isNumeric && question.type != .selectMultiple {
                    textValues[v, default: Array(repeating: 0, count: columns.count)][c] += 1
                }
            }
        }
    }

    public func summary(column: Int) -> NumericSummary? { NumericSummary(numbers[column]) }

    /// Percentage of `count` in `base`, or nil for an empty base.
    public static func percent(_ count: Int, of base: Int) -> Double? { base > 0 ? Double(count) * 100 / Double(base) : nil }

    /// Rows for text-like questions: distinct values, most frequent first (ties by value).
    public var textRows: [(String, [Int])] {
        textValues.sorted { ($0.value.last ?? 0, $1.key) > ($1.value.last ?? 0, $0.key) }
    }
}
