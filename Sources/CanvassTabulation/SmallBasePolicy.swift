/// The one rule for small bases, used by the terminal tables, the tidy CSV and the report alike:
/// every statistic of a cell whose base is below `minBase` is blanked and the cell marked `suppressed`;
/// the base itself stays visible, so a reader sees why.
public struct SmallBasePolicy: Sendable, Equatable {
    public var minBase: Int
    public init(minBase: Int) { self.minBase = minBase }

    /// Is a cell with this base too small to show?
    public func hides(base: Int) -> Bool { base < minBase }

    /// The tidy rows of `cells`, where `base(cell)` gives the base of the column (or cell) each belongs to:
    /// hidden statistics blanked, and one `suppressed` marker after the first hidden statistic of each row and column.
    public func apply(_ cells: [TidyCell], base: (TidyCell) -> Int) -> [TidyRow] {
        var out: [TidyRow] = []
        var marked = Set<String>()
        for cell in cells {
            let hide = hides(base: base(cell)) && cell.statistic != .base && cell.statistic != .suppressed
            out.append(TidyRow(cell: cell, suppressed: hide))
            if hide, marked.insert([cell.colCode, cell.rowVar, cell.rowCode, cell.rowLabel].joined(separator: "\u{1F}")).inserted {
                var m = cell
                m.statistic = .suppressed
                m.value = 1
                out.append(TidyRow(cell: m, suppressed: false))
            }
        }
        return out
    }
}

/// A tidy cell as written: its value blank when the small-base rule hides it.
public struct TidyRow: Sendable, Equatable {
    public var cell: TidyCell
    public var suppressed: Bool
    public init(cell: TidyCell, suppressed: Bool) {
        self.cell = cell
        self.suppressed = suppressed
    }
    public var fields: [String] { suppressed ? Array(cell.fields.dropLast()) + [""] : cell.fields }
}
