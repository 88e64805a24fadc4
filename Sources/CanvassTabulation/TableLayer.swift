import CanvassCore

/// `tab freq --layer V`: one table for each category of a third variable, each with its own filter.
public struct TableLayer: Sendable, Equatable {
    /// The category's code; nil for the single table of an unlayered run.
    public var code: String?
    public var label: String
    /// The `--where` text of this table (the run's own filter joined with the category).
    public var filter: String?

    /// The layers of `variable` (nil: one table), or why it cannot layer.
    public static func layers(of variable: String?, in q: Questionnaire, where filter: String?, language: String?) throws -> [TableLayer] {
        guard let variable else { return [TableLayer(code: nil, label: "", filter: filter)] }
        guard let lq = q.question(named: variable) else { throw TableError("\(q.id) has no question '\(variable)' to layer by") }
        guard lq.type.isCategorical else {
            throw TableError("--layer \(variable) is \(lq.type.rawValue); layer by a select_one, yes_no or scale question")
        }
        return lq.categoryCodes.map { code in
            let label = lq.choice(code: code).map { q.text($0.label, in: language) } ?? code
            return TableLayer(code: code, label: label, filter: InterviewFilter.layer(variable, code: code, and: filter))
        }
    }
}
