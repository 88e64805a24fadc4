/// The report's own words (captions, headers) in its language: English, Korean or Chinese; English otherwise.
struct ReportWords {
    var incidenceCaption, incidenceByCaption, noSeverity, concern, total, base, interval, severity: String
    var heatCaption: (Int) -> String
    var baseBelow: (Int) -> String
    var generated: (_ source: String, _ at: String) -> String

    static func of(_ language: String?) -> ReportWords {
        switch language {
        case "ko":
            return ReportWords(
                incidenceCaption: "각 애로를 겪은 응답자의 비율(막대)과 윌슨 95% 신뢰구간(수염); 괄호 안은 기반 수.",
                incidenceByCaption: "전체(회색)와 집단별(색, 범례 참조) 각 애로를 겪은 응답자의 비율과 윌슨 95% 신뢰구간; 괄호 안은 기반 수.",
                noSeverity: "기반 부족 또는 심각도 응답 없음", concern: "애로", total: "전체", base: "기반", interval: "95% 신뢰구간",
                severity: "심각도 (n)",
                heatCaption: { "애로를 겪고 심각도를 답한 응답자의 평균 심각도(1-5); 회색: 기반이 \($0) 미만이거나 심각도 응답이 없음." },
                baseBelow: { "기반 \($0) 미만" },
                generated: { "\($0); 생성 \($1). 작은 기반은 가려짐(·)." })
        case "zh":
            return ReportWords(
                incidenceCaption: "遇到各项困难的受访者比例（条形）及 Wilson 95% 置信区间（须线）；括号内为基数。",
                incidenceByCaption: "全体（灰色）及各组（颜色见图例）遇到各项困难的受访者比例及 Wilson 95% 置信区间；括号内为基数。",
                noSeverity: "基数不足或无严重程度回答", concern: "困难", total: "合计", base: "基数", interval: "95% 置信区间",
                severity: "严重程度 (n)",
                heatCaption: { "遇到该困难并评定严重程度的受访者的平均严重程度（1-5）；灰色：基数低于 \($0) 或无严重程度回答。" },
                baseBelow: { "基数低于 \($0)" },
                generated: { "\($0)；生成于 \($1)。小基数已隐藏（·）。" })
        default:
            return ReportWords(
                incidenceCaption:
                    "Share of respondents that experienced each concern (bars), with Wilson 95% intervals (whiskers); the base in brackets.",
                incidenceByCaption:
                    "Share that experienced each concern, in all (grey) and in each group (colours, see the legend), with Wilson 95% intervals; the base in brackets.",
                noSeverity: "base too small, or no severity given", concern: "Concern", total: "Total", base: "Base", interval: "95% CI",
                severity: "sev (n)",
                heatCaption: {
                    "Mean severity (1-5) among those who experienced the concern and rated it; grey: base below \($0), or no severity given."
                },
                baseBelow: { "base below \($0)" },
                generated: { "\($0); generated \($1). Small bases are suppressed (·)." })
        }
    }
}
