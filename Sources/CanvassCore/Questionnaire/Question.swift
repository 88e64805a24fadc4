/// The kinds of question a questionnaire may ask.
public enum QuestionType: String, CaseIterable, Sendable {
    case text, longText = "long_text", integer, decimal, date
    case selectOne = "select_one", selectMultiple = "select_multiple"
    case scale, yesNo = "yes_no", note
    /// Never asked: its value comes from `calculation`, is stored and exported.
    case calculate
    /// XLSForm's types that make sense at a text prompt: a clock time (HH:MM), a date and time, a point typed as
    /// `lat lon [alt acc]`, a code typed or scanned by another device, an acknowledgement (OK), a whole number on a
    /// stepped range, and the choices put in order.
    case time, dateTime = "datetime", geopoint, barcode, acknowledge, range, rank
    /// XLSForm's metadata, never asked, filled by Canvass: when the interview started and ended, the day it started,
    /// the interviewer and the database (ODK's device).
    case start, end, today, username, deviceid

    /// Filled by Canvass, not asked.
    public var isMetadata: Bool {
        switch self {
        case .start, .end, .today, .username, .deviceid: return true
        default: return false
        }
    }

    public var isSelect: Bool { self == .selectOne || self == .selectMultiple }
    /// Questions answered from a choice list: the selects and rank.
    public var hasChoices: Bool { isSelect || self == .rank }
    /// Questions the interviewer types an answer to.
    public var isAsked: Bool { self != .note && self != .calculate && !isMetadata }
    /// Questions whose answers are numbers (summarised with mean, sd, median).
    public var isNumeric: Bool { self == .integer || self == .decimal || self == .scale || self == .range }
    /// Questions whose answers fall into a fixed set of categories.
    public var isCategorical: Bool { self == .selectOne || self == .yesNo || self == .scale }
}

/// The special answers an interviewer may record instead of a value.
public enum SpecialAnswer: String, CaseIterable, Sendable, Hashable {
    case dontKnow = "dk", refused = "rf"
    public var command: String { ":" + rawValue }
    public var englishLabel: String { self == .dontKnow ? "don't know" : "refused" }
}

/// An expression as written in the file, with its parsed form.
public struct ExpressionSource: Hashable, Sendable {
    public var text: String
    public var expression: Expression
    public init(text: String, expression: Expression) {
        self.text = text
        self.expression = expression
    }
}

/// A check that may be overridden with a reason (hard checks are `constraint`).
public struct SoftCheck: Hashable, Sendable {
    public var check: ExpressionSource
    public var message: LocalizedText
    public init(check: ExpressionSource, message: LocalizedText) {
        self.check = check
        self.message = message
    }
}

/// One question of a questionnaire.
public struct Question: Hashable, Sendable {
    public var name: String
    public var type: QuestionType
    public var label: LocalizedText
    public var hint: LocalizedText?
    public var required: Bool
    /// Resolved choices (from a named list or inline); `yes_no` gets yes/no.
    public var choices: [Choice]
    /// The name of the shared choice list, when the choices come from one.
    public var choiceListName: String?
    /// A confidential field (firm or person name, e-mail, phone): kept out of exports by default.
    public var identifier: Bool
    public var relevant: ExpressionSource?
    public var constraint: ExpressionSource?
    public var constraintMessage: LocalizedText?
    /// Which special answers the question accepts.
    public var special: [SpecialAnswer]
    public var min: Int?
    public var max: Int?
    public var minLabel: LocalizedText?
    public var maxLabel: LocalizedText?
    public var location: SourceLocation
    /// `calculate`: the expression giving the value.
    public var calculation: ExpressionSource?
    /// The answer offered at the prompt (Enter accepts it).
    public var defaultValue: String?
    /// Which choices are offered, evaluated per choice; bare names read the choice's own columns.
    public var choiceFilter: ExpressionSource?
    public var requiredMessage: LocalizedText?
    /// Shown with its value (default or calculation) but not asked.
    public var readOnly: Bool = false
    /// A soft check: when `check` is false the interviewer sees `message` and changes the answer or confirms it with a reason.
    public var warning: SoftCheck?
    /// Words taken out of this question's answers in every export, beside the interview's own names (brand names).
    public var redactWords: [String] = []
    /// `range`: the step between accepted values, from `min` (1 when not given).
    public var step: Int?
    /// XLSForm's guidance_hint: longer guidance for the interviewer, shown by `:help` at the question, not under it.
    public var guidance: LocalizedText?
    /// A dynamic `required`: the question is required where this is true (`required: "${consent} = 'yes'"`).
    public var requiredIf: ExpressionSource?
    /// A dynamic `default`: the answer offered, worked out when the question is shown (`default: "${hq_city}"`).
    public var defaultExpression: ExpressionSource?

    public init(
        name: String, type: QuestionType, label: LocalizedText, hint: LocalizedText? = nil,
        required: Bool = false, choices: [Choice] = [], choiceListName: String? = nil,
        identifier: Bool = false, relevant: ExpressionSource? = nil, constraint: ExpressionSource? = nil,
        constraintMessage: LocalizedText? = nil, special: [SpecialAnswer] = SpecialAnswer.allCases,
        min: Int? = nil, max: Int? = nil, minLabel: LocalizedText? = nil, maxLabel: LocalizedText? = nil,
        location: SourceLocation = .start
    ) {
        self.name = name
        self.type = type
        self.label = label
        self.hint = hint
        self.required = required
        self.choices = choices
        self.choiceListName = choiceListName
        self.identifier = identifier
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.special = special
        self.min = min
        self.max = max
        self.minLabel = minLabel
        self.maxLabel = maxLabel
        self.location = location
    }

    public func choice(code: String) -> Choice? { choices.first { $0.code == code } }

    /// The codes a categorical question's answers can take, in order.
    public var categoryCodes: [String] {
        if type == .scale, let min, let max, min <= max, max - min <= 1000 { return (min...max).map(String.init) }
        return choices.map(\.code)
    }
}

/// A titled group of questions, asked together, optionally skipped as a whole.
public struct Section: Hashable, Sendable {
    public var name: String
    public var title: LocalizedText
    public var relevant: ExpressionSource?
    public var questions: [Question]
    public var location: SourceLocation
    public init(
        name: String, title: LocalizedText, relevant: ExpressionSource? = nil, questions: [Question], location: SourceLocation = .start
    ) {
        self.name = name
        self.title = title
        self.relevant = relevant
        self.questions = questions
        self.location = location
    }
}
