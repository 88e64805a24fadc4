/// Codings as a team keeps them in a spreadsheet or brings them from elsewhere: a CSV with the columns
/// `key,question,coder,theme,start,end,note` (`key` the interview's KEY, `question` the answer's repeat path,
/// `start`/`end` sentence numbers or empty for the whole answer, an empty `theme`: coded, no theme). Every bad row is
/// reported with its line; nothing is taken from a file with one.
public struct CodingsTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var key, question, coder, theme: String
        public var start, end: Int?
        public var note: String
        public var line: Int
    }
    public var rows: [Row]

    public static let header = ["key", "question", "coder", "theme", "start", "end", "note"]

    /// Reads `text` (named `file` in problems), checking every theme against `frame`.
    public static func read(_ text: String, file: String, frame: CodingFrame) -> Result<CodingsTable, CodingsProblems> {
        var problems: [String] = []
        let records = CSVRecords.parse(text)
        guard let head = records.first?.fields.map({ $0.trimmingSpaces.lowercased() }) else {
            return .failure(CodingsProblems(["\(file):1: the file is empty; it needs the header \(header.joined(separator: ","))"]))
        }
        let missing = header.filter { !head.contains($0) && $0 != "note" && $0 != "start" && $0 != "end" }
        guard missing.isEmpty else {
            return .failure(
                CodingsProblems([
                    "\(file):1: the header lacks \(missing.joined(separator: ", ")) (columns: \(header.joined(separator: ",")))"
                ]))
        }
        let themes = frame.themes.map(\.code)
        var rows: [Row] = []
        for record in records.dropFirst() where !(record.fields.count == 1 && record.fields[0].isEmpty) {
            func field(_ name: String) -> String {
                guard let i = head.firstIndex(of: name), i < record.fields.count else { return "" }
                return record.fields[i].trimmingSpaces
            }
            let at = "\(file):\(record.line)"
            let (key, question, coder, theme) = (field("key"), field("question"), field("coder"), field("theme"))
            if key.isEmpty || question.isEmpty || coder.isEmpty {
                problems.append("\(at): key, question and coder must all be given")
                continue
            }
            if !theme.isEmpty, !themes.contains(theme) {
                let near = Suggestion.nearest(to: theme, among: themes).map { "; did you mean \($0)?" } ?? ""
                problems.append("\(at): '\(theme)' is not a theme of the frame \(frame.id)\(near)")
                continue
            }
            var range: [Int?] = []
            for name in ["start", "end"] {
                let s = field(name)
                guard !s.isEmpty else {
                    range.append(nil)
                    continue
                }
                guard let n = Int(s), n >= 1 else {
                    problems.append("\(at): \(name) must be a sentence number from 1, not '\(s)'")
                    break
                }
                range.append(n)
            }
            guard range.count == 2 else { continue }
            if let s = range[0], let e = range[1], e < s {
                problems.append("\(at): end \(e) is before start \(s)")
                continue
            }
            rows.append(
                Row(
                    key: key, question: question, coder: coder, theme: theme, start: range[0], end: range[1], note: field("note"),
                    line: record.line))
        }
        return problems.isEmpty ? .success(CodingsTable(rows: rows)) : .failure(CodingsProblems(problems))
    }

    /// coder -> unit (`key question`) -> themes given: what agreement compares (a theme given to any part of an
    /// answer counts for the answer).
    public var byCoder: [String: [String: Set<String>]] {
        var out: [String: [String: Set<String>]] = [:]
        for r in rows {
            let unit = r.key + " " + r.question
            out[r.coder, default: [:]][unit, default: []].formUnion(r.theme.isEmpty ? [] : [r.theme])
        }
        return out
    }
}

/// Every bad row of a codings file, one message each.
public struct CodingsProblems: Error, Sendable {
    public var messages: [String]
    public init(_ messages: [String]) { self.messages = messages }
}
