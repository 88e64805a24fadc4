/// The statistics a tidy table cell can hold (the `statistic` column).
public enum TidyStatistic: String, Sendable, CaseIterable {
    case base, count
    case colPct = "col_pct", rowPct = "row_pct", totalPct = "total_pct"
    case pctRespondents = "pct_respondents", pctMentions = "pct_mentions"
    case n, mean, sd, min, p25, median, p75, max
    case top2Pct = "top2_pct"
    case chiSquare = "chi_square", df, pValue = "p_value", smallExpectedCells = "small_expected_cells"
    case incidence, ciLow = "ci_low", ciHigh = "ci_high", meanSeverity = "mean_severity", rank
    case suppressed
}
