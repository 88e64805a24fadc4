import CanvassCore

/// `tab freq --layer V`: one table for each category of a third variable, each with its own filter.
public struct TableLayer: Sendable, Equatable {
    /// The category's code; nil for the single table of an unlayered run.
    public var code: String?
    public var label: String
    /// The `--where` text of this table (the run's own filter joined with the category).
    public var filter: String?

    /// The name of this layer's table in tidy CSV: QUESTION[_by_BY][_layer_VARIABLE_CODE].
    public func tableName(_ t: Tabulation, variable: String?) -> String {
        var name = t.by.map { "\(t.question.name)_by_\($0.name)" } ?? t.question.name
        if let code, let variable { name += "_layer_\(variable)_\(code)" }
        return name
    }

    /// This layer's table for the terminal, under a heading naming the category when layered.
    public func text(
        _ t: Tabulation, variable: String?, questionnaire q: Questionnaire, language: String?, policy: SmallBasePolicy, width: Int
    ) -> String {
        let heading = code.flatMap { code in variable.map { "\n=== \($0) = \(code) (\(label)) ===\n" } } ?? ""
        return heading + TableOutput.text(t, questionnaire: q, language: language, filter: filter, policy: policy, width: width)
    }

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
