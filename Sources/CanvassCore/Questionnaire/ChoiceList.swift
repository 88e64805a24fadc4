/// One answer option of a select question.
public struct Choice: Hashable, Sendable {
    public var code: String
    public var label: LocalizedText
    /// Other columns of the choice (e.g. `province: gyeonggi`), read by `choice_filter`.
    public var attributes: [String: String]
    public init(code: String, label: LocalizedText, attributes: [String: String] = [:]) {
        self.code = code
        self.label = label
        self.attributes = attributes
    }
    /// What a choice_filter's bare names read: the choice's columns, and its code as `name` (XLSForm) or `code`.
    public var filterColumns: [String: String] {
        var columns = attributes
        if columns["name"] == nil { columns["name"] = code }
        if columns["code"] == nil { columns["code"] = code }
        return columns
    }
}

/// A named list of choices shared by select questions.
public struct ChoiceList: Hashable, Sendable {
    public var name: String
    public var choices: [Choice]
    public init(name: String, choices: [Choice]) {
        self.name = name
        self.choices = choices
    }
}
