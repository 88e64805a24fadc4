/// The console's own words in the interview's language (en, ko, zh): the hints under each question, the completion
/// question and the moves between questions. `{1}`, `{2}` stand for what the sentence names; every language has
/// every key, with the same placeholders (tested).
public enum ConsoleWords {
    public enum Key: String, CaseIterable, Sendable {
        case oneOrMore, yesNo, dateFormat, longText, current, defaultValue, completeQuestion, answerYesOrNo
        case firstQuestion, requiredMissing, reviewHint, defaultFails, giveReason
    }

    static let table: [Key: [String: String]] = [
        .oneOrMore: [
            "en": "(one or more: codes or numbers, separated by spaces or commas)",
            "ko": "(하나 이상: 코드나 번호를 띄어쓰기나 쉼표로 구분)",
            "zh": "(可多选：代码或编号，以空格或逗号分隔)",
        ],
        .yesNo: ["en": "(y/n)", "ko": "(예/아니오)", "zh": "(是/否)"],
        .dateFormat: ["en": "(YYYY-MM-DD)", "ko": "(YYYY-MM-DD, 예: 2018-07-02)", "zh": "(YYYY-MM-DD，例如 2018-07-02)"],
        .longText: [
            "en": "(several lines; end with a line holding only '.')",
            "ko": "(여러 줄 입력; '.'만 있는 줄로 끝내기)",
            "zh": "(可输入多行；以只有 '.' 的一行结束)",
        ],
        .current: ["en": "(current: {1})", "ko": "(현재 답: {1})", "zh": "(当前答案：{1})"],
        .defaultValue: [
            "en": "(default: {1}; Enter accepts it)", "ko": "(기본값: {1}; Enter를 누르면 그대로 받음)", "zh": "(默认值：{1}；按 Enter 接受)",
        ],
        .completeQuestion: ["en": "Complete this interview? [y/n] ", "ko": "인터뷰를 완료할까요? [예/아니오] ", "zh": "完成本次访谈吗？[是/否] "],
        .answerYesOrNo: [
            "en": "! answer y or n (or :back to change an answer)",
            "ko": "! 예 또는 아니오로 답하세요 (답을 고치려면 :back)",
            "zh": "! 请回答是或否（要修改答案请输入 :back）",
        ],
        .firstQuestion: ["en": "! this is the first question", "ko": "! 첫 번째 질문입니다", "zh": "! 这是第一个问题"],
        .requiredMissing: [
            "en": "! {1} is required and has no answer yet", "ko": "! {1}은(는) 필수 질문인데 아직 답이 없습니다",
            "zh": "! {1} 为必答题，尚未回答",
        ],
        .reviewHint: [
            "en": "  (:jump N or :jump NAME to change one)", "ko": "  (고치려면 :jump 번호 또는 :jump 이름)",
            "zh": "  (要修改请输入 :jump 编号 或 :jump 名称)",
        ],
        .defaultFails: [
            "en": "! the default {1} does not pass the checks; answer it", "ko": "! 기본값 {1}이(가) 검사를 통과하지 못합니다. 직접 답하세요",
            "zh": "! 默认值 {1} 未通过检查，请作答",
        ],
        .giveReason: ["en": "! give the reason: :confirm REASON", "ko": "! 이유를 적으세요: :confirm 이유", "zh": "! 请说明理由：:confirm 理由"],
    ]

    /// The languages the console speaks; any other language (or none) gets English.
    public static let languages = ["en", "ko", "zh"]

    /// `key` in `language` (`ko`, `ko-KR`, `zh-Hans`...: by its first part), placeholders filled in order.
    public static func text(_ key: Key, _ language: String?, _ values: [String] = []) -> String {
        let base = language.map { String($0.prefix { $0 != "-" && $0 != "_" }).lowercased() } ?? "en"
        var s = table[key]?[base] ?? table[key]?["en"] ?? key.rawValue
        for (n, v) in values.enumerated() { s = s.replacing("{\(n + 1)}", with: v) }
        return s
    }
}
