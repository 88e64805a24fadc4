/// A table of values a questionnaire carries for `pulldata()` (XLSForm's CSV attachment), written in its `data:` as
/// CSV text, so that the questionnaire stored, merged and synced carries it too.
public struct DataTable: Hashable, Sendable {
    public var header: [String]
    public var rows: [[String]]

    /// The CSV text's first row as the header, the rest as rows; nil when there is no header.
    public init?(csv: String) {
        var records = CSVRecords.parse(csv).map(\.fields).filter { !$0.allSatisfy(\.isEmpty) }
        guard !records.isEmpty else { return nil }
        header = records.removeFirst().map(\.trimmingSpaces)
        rows = records
    }

    /// `pulldata(table, column, keyColumn, key)`: `column` of the first row whose `keyColumn` is `key`; "" when none.
    public func lookup(_ column: String, where keyColumn: String, is key: String) -> String {
        guard let c = header.firstIndex(of: column), let k = header.firstIndex(of: keyColumn) else { return "" }
        let row = rows.first { k < $0.count && $0[k].trimmingSpaces == key.trimmingSpaces }
        return row.flatMap { c < $0.count ? $0[c] : nil } ?? ""
    }
}
