// The console's message catalogue: every sentence the interview console says, in English, Korean and Chinese.
extension ConsoleWords {
    public enum Key: String, CaseIterable, Sendable {
        // under each question
        case oneOrMore, yesNo, yes, no, dateFormat, longText, current, defaultValue, leftEmpty, dontKnow, refused
        // moving and finishing
        case completeQuestion, answerYesOrNo, firstQuestion, requiredMissing, reviewHint, defaultFails, giveReason
        case warningAsk, toTheEnd, nothingToConfirm, whereLine, whereInstance
        // answers refused, and why
        case tooLong, answerRequired, noteNotAnswered, controlCharacters, notWholeNumber, notNumber, scaleRange
        case notYesOrNo, answerYOrN, notTheChoice, notAChoice, didYouMean, notADate, noSuchMonth, noYearZero, dayZero
        case notATime, notADateTime, notAPoint, notOK, rangeStep, rankAll
        case monthDays, requiredEmpty, requiredAnswer, requiredAnswerOr, notAccepted, specialNotAccepted, breaksCheck
        // what a constraint without a message says
        case numberFromTo, numberAtLeast, numberOver, numberAtMost, numberUnder, numberBoth, atLeast, over, atMost, under
        // commands
        case help, unknownCommand, giveLanguage, noLanguages, writeNote, noteControl, noteSaved
        case jumpHow, noQuestion, notAskedHere, notReached
        case deleteUnavailable, deleteAskOne, deleteAsk, nothingDeleted, deleted, deleteWhere, deleteNotInRepeat
        case deleteCounted
        // at the terminal
        case notUTF8, pasteLines
        // a session's first and last sentences
        case started, resumed, oneAnswer, answers, editing, completed, leftOpen, paused, edited, editStopped
    }

    static let table: [Key: [String: String]] = [
        .oneOrMore: [
            "en": "(one or more: codes or numbers, separated by spaces or commas)",
            "ko": "(하나 이상: 코드나 번호를 띄어쓰기나 쉼표로 구분)",
            "zh": "(可多选：代码或编号，以空格或逗号分隔)",
        ],
        .yesNo: ["en": "(y/n)", "ko": "(예/아니오)", "zh": "(是/否)"],
        .yes: ["en": "yes", "ko": "예", "zh": "是"],
        .no: ["en": "no", "ko": "아니오", "zh": "否"],
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
        .leftEmpty: ["en": "left empty", "ko": "비워 둠", "zh": "留空"],
        .dontKnow: ["en": "don't know", "ko": "모름", "zh": "不知道"],
        .refused: ["en": "refused", "ko": "응답 거부", "zh": "拒绝回答"],

        .completeQuestion: ["en": "Complete this interview? [y/n] ", "ko": "인터뷰를 완료할까요? [예/아니오] ", "zh": "完成本次访谈吗？[是/否] "],
        .answerYesOrNo: [
            "en": "! answer y or n (or :back, :review or :jump NAME to change an answer)",
            "ko": "! 예 또는 아니오로 답하세요 (답을 고치려면 :back, :review 또는 :jump 이름)",
            "zh": "! 请回答是或否（要修改答案请输入 :back、:review 或 :jump 名称）",
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
        .warningAsk: [
            "en": "? {1}: change the answer, or keep it with :confirm REASON",
            "ko": "? {1}: 답을 고치거나, 그대로 두려면 :confirm 이유",
            "zh": "? {1}：请修改答案，或输入 :confirm 理由 保留它",
        ],
        .toTheEnd: [
            "en": "    (no other question is unanswered: to the end)", "ko": "    (답하지 않은 다른 질문이 없습니다: 끝으로 갑니다)",
            "zh": "    (没有其他未回答的问题：前往结尾)",
        ],
        .nothingToConfirm: [
            "en": "! nothing to confirm: :confirm REASON keeps an answer that a check questioned, right after it",
            "ko": "! 확인할 것이 없습니다: :confirm 이유 는 검사가 문제 삼은 답 바로 뒤에 그 답을 유지할 때 씁니다",
            "zh": "! 没有需要确认的内容：:confirm 理由 用于在检查提出疑问后立即保留该答案",
        ],
        .whereLine: [
            "en": "    section {1} of {2} ({3}); question {4} of {5}; {6} of {7} relevant questions answered",
            "ko": "    섹션 {1}/{2} ({3}); 질문 {4}/{5}; 해당 질문 {7}개 중 {6}개 답함",
            "zh": "    第 {1}/{2} 部分（{3}）；第 {4}/{5} 题；适用的 {7} 题中已答 {6} 题",
        ],
        .whereInstance: ["en": "{1} {2} of {3}", "ko": "{1} {2}/{3}", "zh": "{1} {2}/{3}"],

        .tooLong: [
            "en": "an answer holds at most {1} characters; this one has {2}", "ko": "답은 최대 {1}자입니다. 이 답은 {2}자입니다",
            "zh": "答案最多 {1} 个字符；此答案有 {2} 个",
        ],
        .answerRequired: ["en": "an answer is required", "ko": "답이 필요합니다", "zh": "需要回答"],
        .noteNotAnswered: ["en": "a note is not answered", "ko": "안내문에는 답하지 않습니다", "zh": "说明无需回答"],
        .controlCharacters: [
            "en": "the text contains control characters", "ko": "텍스트에 제어 문자가 들어 있습니다", "zh": "文本含有控制字符",
        ],
        .notWholeNumber: ["en": "'{1}' is not a whole number", "ko": "'{1}'은(는) 정수가 아닙니다", "zh": "'{1}' 不是整数"],
        .notNumber: [
            "en": "'{1}' is not a number (use a point for decimals: 12.5)", "ko": "'{1}'은(는) 숫자가 아닙니다 (소수점은 점으로: 12.5)",
            "zh": "'{1}' 不是数字（小数请用点号：12.5）",
        ],
        .scaleRange: [
            "en": "enter a whole number from {1} to {2}", "ko": "{1}에서 {2} 사이의 정수를 입력하세요", "zh": "请输入 {1} 到 {2} 之间的整数",
        ],
        .notYesOrNo: ["en": "'{1}' is not yes or no", "ko": "'{1}'은(는) yes 또는 no가 아닙니다", "zh": "'{1}' 不是 yes 或 no"],
        .answerYOrN: [
            "en": "answer y or n (예 / 아니오, 是 / 否)", "ko": "예 또는 아니오로 답하세요 (y / n)", "zh": "请回答是或否（y / n）",
        ],
        .notTheChoice: [
            "en": "'{1}' is not the choice offered: give its code ({2}) or 1{3}",
            "ko": "'{1}'은(는) 제시된 선택지가 아닙니다: 그 코드({2})나 1을 입력하세요{3}",
            "zh": "'{1}' 不是所提供的选项：请输入其代码（{2}）或 1{3}",
        ],
        .notAChoice: [
            "en": "'{1}' is not one of the choices: give a code or a number from 1 to {2}{3}",
            "ko": "'{1}'은(는) 선택지에 없습니다: 코드나 1에서 {2} 사이의 번호를 입력하세요{3}",
            "zh": "'{1}' 不在选项中：请输入代码或 1 到 {2} 的编号{3}",
        ],
        .didYouMean: ["en": "; did you mean {1}?", "ko": " ({1}을(를) 뜻했나요?)", "zh": "（您是指 {1} 吗？）"],
        .notATime: [
            "en": "'{1}' is not a time: write HH:MM, e.g. 14:30", "ko": "'{1}'은(는) 시각이 아닙니다: HH:MM 형식으로 (예: 14:30)",
            "zh": "'{1}' 不是时间：请按 HH:MM 书写，例如 14:30",
        ],
        .notADateTime: [
            "en": "'{1}' is not a date and time: write YYYY-MM-DD HH:MM, e.g. 2018-07-02 14:30",
            "ko": "'{1}'은(는) 날짜와 시각이 아닙니다: YYYY-MM-DD HH:MM 형식으로 (예: 2018-07-02 14:30)",
            "zh": "'{1}' 不是日期和时间：请按 YYYY-MM-DD HH:MM 书写，例如 2018-07-02 14:30",
        ],
        .notAPoint: [
            "en": "'{1}' is not a point: write latitude and longitude (and altitude, accuracy), e.g. 39.9042 116.4074",
            "ko": "'{1}'은(는) 좌표가 아닙니다: 위도와 경도(고도, 정확도)를 입력하세요 (예: 39.9042 116.4074)",
            "zh": "'{1}' 不是坐标：请输入纬度和经度（以及海拔、精度），例如 39.9042 116.4074",
        ],
        .notOK: ["en": "type OK to acknowledge", "ko": "확인하려면 OK를 입력하세요", "zh": "请输入 OK 以确认"],
        .rangeStep: [
            "en": "enter a whole number from {1} to {2} in steps of {3}", "ko": "{1}에서 {2} 사이에서 {3} 간격의 정수를 입력하세요",
            "zh": "请输入 {1} 到 {2} 之间、间隔为 {3} 的整数",
        ],
        .rankAll: [
            "en": "put all {1} choices in order, each once (codes or numbers, separated by spaces)",
            "ko": "선택지 {1}개를 모두 한 번씩 순서대로 입력하세요 (코드나 번호, 띄어쓰기로 구분)",
            "zh": "请将全部 {1} 个选项各排一次（代码或编号，以空格分隔）",
        ],
        .notADate: [
            "en": "'{1}' is not a date: write YYYY-MM-DD, e.g. 2018-07-02",
            "ko": "'{1}'은(는) 날짜가 아닙니다: YYYY-MM-DD 형식으로 (예: 2018-07-02)",
            "zh": "'{1}' 不是日期：请按 YYYY-MM-DD 书写，例如 2018-07-02",
        ],
        .noSuchMonth: [
            "en": "{1}: there is no month {2}; months run from 01 to 12", "ko": "{1}: {2}월은 없습니다. 월은 01에서 12까지입니다",
            "zh": "{1}：没有 {2} 月；月份为 01 到 12",
        ],
        .noYearZero: ["en": "{1}: there is no year 0000", "ko": "{1}: 0000년은 없습니다", "zh": "{1}：没有 0000 年"],
        .dayZero: ["en": "{1}: days start at 01", "ko": "{1}: 일은 01부터 시작합니다", "zh": "{1}：日期从 01 开始"],
        .monthDays: [
            "en": "{1}: {2} has {3} days in {4}", "ko": "{1}: {4}년 {2}은 {3}일까지 있습니다", "zh": "{1}：{4} 年 {2}只有 {3} 天",
        ],
        .requiredEmpty: [
            "en": "{1} is required and cannot be left empty", "ko": "{1}은(는) 필수 질문이라 비워 둘 수 없습니다", "zh": "{1} 为必答题，不能留空",
        ],
        .requiredAnswer: ["en": "! {1} is required; answer it", "ko": "! {1}은(는) 필수 질문입니다. 답하세요", "zh": "! {1} 为必答题，请作答"],
        .requiredAnswerOr: [
            "en": "! {1} is required; answer it or use {2}", "ko": "! {1}은(는) 필수 질문입니다. 답하거나 {2}을(를) 쓰세요",
            "zh": "! {1} 为必答题，请作答或使用 {2}",
        ],
        .notAccepted: ["en": "{1} does not accept {2}", "ko": "{1}은(는) {2}을(를) 받지 않습니다", "zh": "{1} 不接受 {2}"],
        .specialNotAccepted: [
            "en": "! {1} does not accept {2} ({3}); give an answer", "ko": "! {1}은(는) {2} ({3})을(를) 받지 않습니다. 답하세요",
            "zh": "! {1} 不接受 {2}（{3}），请作答",
        ],
        .breaksCheck: [
            "en": "the answer breaks the check {1}", "ko": "답이 검사 조건 {1}에 맞지 않습니다", "zh": "答案不符合检查条件 {1}",
        ],

        .numberFromTo: ["en": "enter a number from {1} to {2}", "ko": "{1}에서 {2} 사이의 수를 입력하세요", "zh": "请输入 {1} 到 {2} 之间的数"],
        .numberAtLeast: ["en": "enter a number of at least {1}", "ko": "{1} 이상의 수를 입력하세요", "zh": "请输入不小于 {1} 的数"],
        .numberOver: ["en": "enter a number over {1}", "ko": "{1}보다 큰 수를 입력하세요", "zh": "请输入大于 {1} 的数"],
        .numberAtMost: ["en": "enter a number of at most {1}", "ko": "{1} 이하의 수를 입력하세요", "zh": "请输入不大于 {1} 的数"],
        .numberUnder: ["en": "enter a number under {1}", "ko": "{1}보다 작은 수를 입력하세요", "zh": "请输入小于 {1} 的数"],
        .numberBoth: ["en": "enter a number of {1} and {2}", "ko": "{1}이고 {2}인 수를 입력하세요", "zh": "请输入{1}且{2}的数"],
        .atLeast: ["en": "at least {1}", "ko": "{1} 이상", "zh": "不小于 {1}"],
        .over: ["en": "over {1}", "ko": "{1} 초과", "zh": "大于 {1}"],
        .atMost: ["en": "at most {1}", "ko": "{1} 이하", "zh": "不大于 {1}"],
        .under: ["en": "under {1}", "ko": "{1} 미만", "zh": "小于 {1}"],

        .help: [
            "en": """
            Commands (type at any prompt):
              :dk     don't know          :rf     refused
              :back   previous question   :skip   leave this question empty (not if required)
              :help   this list           :quit   pause (or Ctrl-C); resume later with 'canvass interview resume'
              :review this section's answers, numbered
              :jump NAME or :jump N   go to a question already reached   :next   the first unanswered question
              :note TEXT   attach a note to this question              :lang L  show labels in language L
              :where  progress: section and answered questions
              :confirm REASON   keep an answer that a soft check questions
              :delete  remove this instance of a repeat (a participant entered by mistake); asks first
              Enter   keeps the answer shown as (current), or skips a question that is not required
              ::text  an answer that starts with ':'
            """,
            "ko": """
            명령 (어느 질문에서나 입력):
              :dk     모름                :rf     응답 거부
              :back   이전 질문           :skip   이 질문을 비워 둠 (필수 질문은 안 됨)
              :help   이 목록             :quit   일시 중지 (또는 Ctrl-C); 나중에 'canvass interview resume'으로 이어서
              :review 이 섹션의 답을 번호와 함께 보기
              :jump 이름 또는 :jump 번호   이미 지나온 질문으로 가기   :next   답하지 않은 첫 질문
              :note 내용   이 질문에 메모 붙이기                       :lang L  라벨을 언어 L로 보기
              :where  진행 상황: 섹션과 답한 질문 수
              :confirm 이유   약한 검사가 문제 삼은 답을 그대로 유지
              :delete  반복 항목 하나를 삭제 (잘못 입력한 참석자 등); 먼저 묻습니다
              Enter   (현재 답)으로 표시된 답을 유지하거나, 필수가 아닌 질문을 건너뜀
              ::내용  ':'로 시작하는 답
            """,
            "zh": """
            命令（在任何提示处输入）：
              :dk     不知道              :rf     拒绝回答
              :back   上一题              :skip   此题留空（必答题不可）
              :help   本列表              :quit   暂停（或 Ctrl-C）；之后用 'canvass interview resume' 继续
              :review 按编号查看本部分的答案
              :jump 名称 或 :jump 编号   回到已到过的题目   :next   第一个未回答的题目
              :note 内容   为此题添加备注                    :lang L  以语言 L 显示标签
              :where  进度：所在部分和已答题数
              :confirm 理由   保留被软检查质疑的答案
              :delete  删除重复组中的一项（如误录的参与者）；会先询问
              Enter   保留显示为（当前答案）的答案，或跳过非必答题
              ::内容  以 ':' 开头的答案
            """,
        ],
        .unknownCommand: [
            "en": "! unknown command {1}; type :help for the list, or ::text for an answer starting with ':'",
            "ko": "! 알 수 없는 명령 {1}; 목록은 :help, ':'로 시작하는 답은 ::내용",
            "zh": "! 未知命令 {1}；输入 :help 查看列表，以 ':' 开头的答案请输入 ::内容",
        ],
        .giveLanguage: ["en": "! give one of the languages: {1}", "ko": "! 다음 언어 중 하나를 쓰세요: {1}", "zh": "! 请给出以下语言之一：{1}"],
        .noLanguages: [
            "en": "(this questionnaire declares none)", "ko": "(이 설문지는 언어를 선언하지 않았습니다)", "zh": "（本问卷未声明语言）",
        ],
        .writeNote: [
            "en": "! write the note after :note, e.g. :note respondent hesitated", "ko": "! :note 뒤에 메모를 쓰세요. 예: :note 응답자가 망설임",
            "zh": "! 请在 :note 后写备注，例如 :note 受访者犹豫",
        ],
        .noteControl: [
            "en": "! the note contains control characters; type plain text", "ko": "! 메모에 제어 문자가 있습니다. 일반 텍스트로 쓰세요",
            "zh": "! 备注含有控制字符；请输入纯文本",
        ],
        .noteSaved: ["en": "    (note saved)", "ko": "    (메모 저장됨)", "zh": "    (备注已保存)"],
        .jumpHow: [
            "en": "write :jump NAME or :jump N (numbers as in :review)", "ko": ":jump 이름 또는 :jump 번호로 쓰세요 (번호는 :review와 같음)",
            "zh": "请写 :jump 名称 或 :jump 编号（编号同 :review）",
        ],
        .noQuestion: ["en": "no question {1}{2}", "ko": "{1} 질문이 없습니다{2}", "zh": "没有题目 {1}{2}"],
        .notAskedHere: [
            "en": "{1} is not asked for this respondent", "ko": "{1}은(는) 이 응답자에게 묻지 않는 질문입니다", "zh": "{1} 不向此受访者提问",
        ],
        .notReached: [
            "en": "{1} has not been reached yet; :next goes to the first unanswered question",
            "ko": "{1}에는 아직 도달하지 않았습니다. :next는 답하지 않은 첫 질문으로 갑니다",
            "zh": "尚未到达 {1}；:next 前往第一个未回答的题目",
        ],
        .deleteUnavailable: [
            "en": "! deleting an instance is not available here", "ko": "! 여기서는 반복 항목을 삭제할 수 없습니다", "zh": "! 此处无法删除重复项",
        ],
        .deleteAskOne: [
            "en": "Delete {1} and its {2} answer? Later ones move down one number. [y/n] ",
            "ko": "{1}과(와) 그 답 {2}개를 삭제할까요? 뒤의 항목은 번호가 하나씩 당겨집니다. [예/아니오] ",
            "zh": "删除 {1} 及其 {2} 个答案吗？后面的项编号依次前移。[是/否] ",
        ],
        .deleteAsk: [
            "en": "Delete {1} and its {2} answers? Later ones move down one number. [y/n] ",
            "ko": "{1}과(와) 그 답 {2}개를 삭제할까요? 뒤의 항목은 번호가 하나씩 당겨집니다. [예/아니오] ",
            "zh": "删除 {1} 及其 {2} 个答案吗？后面的项编号依次前移。[是/否] ",
        ],
        .nothingDeleted: ["en": "    (nothing deleted)", "ko": "    (삭제하지 않음)", "zh": "    (未删除)"],
        .deleted: ["en": "    ({1} deleted)", "ko": "    ({1} 삭제됨)", "zh": "    ({1} 已删除)"],
        .deleteWhere: [
            "en": "go to a question of the instance to delete it", "ko": "삭제할 항목의 질문으로 먼저 가세요", "zh": "请先前往要删除的项中的题目",
        ],
        .deleteNotInRepeat: [
            "en": "{1} is not inside a repeat; there is no instance to delete", "ko": "{1}은(는) 반복 그룹 안에 있지 않아 삭제할 항목이 없습니다",
            "zh": "{1} 不在重复组内；没有可删除的项",
        ],
        .deleteCounted: [
            "en": "the number of {1} instances comes from repeat_count ({2}); change what it counts instead",
            "ko": "{1} 항목 수는 repeat_count ({2})에서 정해집니다. 그것이 세는 답을 고치세요",
            "zh": "{1} 的项数由 repeat_count（{2}）决定；请改为修改它所计数的答案",
        ],

        .notUTF8: [
            "en": "the terminal sent bytes that are not UTF-8; set it to UTF-8 (e.g. LANG=C.UTF-8) and type that again",
            "ko": "터미널이 UTF-8이 아닌 바이트를 보냈습니다. 터미널을 UTF-8로 설정하고 (예: LANG=C.UTF-8) 다시 입력하세요",
            "zh": "终端发送了非 UTF-8 字节；请将其设为 UTF-8（例如 LANG=C.UTF-8）后重新输入",
        ],
        .pasteLines: [
            "en": "the paste has several lines; this answer is one line (nothing of it was taken)",
            "ko": "붙여 넣은 내용이 여러 줄입니다. 이 답은 한 줄입니다 (아무것도 받지 않았습니다)",
            "zh": "粘贴的内容有多行；此答案只能一行（未采用任何内容）",
        ],

        .started: [
            "en": "Interview {1} started ({2}, database {3}). Type :help for commands.",
            "ko": "인터뷰 {1} 시작 ({2}, 데이터베이스 {3}). 명령은 :help.",
            "zh": "访谈 {1} 已开始（{2}，数据库 {3}）。输入 :help 查看命令。",
        ],
        .resumed: [
            "en": "Interview {1} resumed ({2}, {3} so far).", "ko": "인터뷰 {1} 재개 ({2}, 지금까지 {3}).", "zh": "访谈 {1} 已继续（{2}，目前已有 {3}）。",
        ],
        .oneAnswer: ["en": "1 answer", "ko": "답 1개", "zh": "1 个答案"],
        .answers: ["en": "{1} answers", "ko": "답 {1}개", "zh": "{1} 个答案"],
        .editing: [
            "en": "Interview {1}: editing ({2}); it stays completed. Every question shows its answer: Enter keeps it.",
            "ko": "인터뷰 {1} 수정 중 ({2}); 완료 상태는 그대로입니다. 질문마다 답이 보이며 Enter를 누르면 유지됩니다.",
            "zh": "访谈 {1} 正在修改（{2}）；仍保持已完成。每题都显示其答案：按 Enter 保留。",
        ],
        .completed: ["en": "Interview {1} completed.", "ko": "인터뷰 {1} 완료.", "zh": "访谈 {1} 已完成。"],
        .leftOpen: [
            "en": "Interview {1} left open; resume with: {2}", "ko": "인터뷰 {1}은(는) 미완료로 남았습니다. 이어서 하려면: {2}",
            "zh": "访谈 {1} 保持未完成；继续请用：{2}",
        ],
        .paused: [
            "en": "Interview {1} paused; resume with: {2}", "ko": "인터뷰 {1} 일시 중지. 이어서 하려면: {2}", "zh": "访谈 {1} 已暂停；继续请用：{2}",
        ],
        .edited: ["en": "Interview {1} edited; it stays completed.", "ko": "인터뷰 {1} 수정됨; 완료 상태는 그대로입니다.", "zh": "访谈 {1} 已修改；仍保持已完成。"],
        .editStopped: [
            "en": "Interview {1} edit stopped; it stays completed, and every change made so far is saved.",
            "ko": "인터뷰 {1} 수정 중단; 완료 상태는 그대로이고 지금까지 고친 것은 모두 저장되었습니다.",
            "zh": "访谈 {1} 修改已停止；仍保持已完成，目前所做的修改均已保存。",
        ],
    ]
}
