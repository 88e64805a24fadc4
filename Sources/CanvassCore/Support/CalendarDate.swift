/// Dates and clock times as the stats packages and spreadsheets count them, from the ISO 8601 text Canvass stores.
/// Pure arithmetic on the proleptic Gregorian calendar (no time zone database, no Foundation).
public enum CalendarDate {
    /// Days from 1970-01-01 to `year-month-day` (negative before), for any valid date.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// (year, month, day) of a day number (days from 1970-01-01): Howard Hinnant's civil_from_days, the inverse of
    /// `days(year:month:day:)`.
    public static func parts(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// (year, month, day) of a real calendar date written `YYYY-MM-DD` (year 0001 or later); nil otherwise. The one
    /// reading of a date: answers, expressions, imports and exports.
    public static func parts(_ text: Substring) -> (year: Int, month: Int, day: Int)? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45, let y = number(u[0..<4]), let m = number(u[5..<7]), let d = number(u[8..<10]),
            y >= 1, (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y)
        else { return nil }
        return (y, m, d)
    }

    /// `YYYY-MM-DD` as days from 1970-01-01; nil unless it is a real date.
    public static func days(_ text: Substring) -> Int? {
        parts(text).map { days(year: $0.year, month: $0.month, day: $0.day) }
    }

    public static func days(_ text: String) -> Int? { days(Substring(text)) }

    /// A stored timestamp (`2018-06-02T09:00:00+08:00`, fractions and `Z` allowed) as seconds from 1970-01-01 00:00 on
    /// the clock where it was taken: the local wall time the interviewer saw, its offset left aside.
    public static func localSeconds(_ text: String) -> Int? {
        let u = Array(text.utf8)
        guard u.count >= 19, u[10] == 84 || u[10] == 32, u[13] == 58, u[16] == 58, let day = days(text.prefix(10)),
            let h = number(u[11..<13]), let mi = number(u[14..<16]), let s = number(u[17..<19]), h < 24, mi < 60, s < 61
        else { return nil }
        var rest = u[19...]
        if rest.first == 46 {  // fraction of a second: dropped
            rest = rest.dropFirst()
            guard let first = rest.first, (48...57).contains(first) else { return nil }
            while let c = rest.first, (48...57).contains(c) { rest = rest.dropFirst() }
        }
        let zone = Array(rest)
        guard
            zone.isEmpty || zone == [90]
                || (zone.count == 6 && (zone[0] == 43 || zone[0] == 45) && zone[3] == 58
                    && number(zone[1..<3]) != nil && number(zone[4..<6]) != nil)
        else { return nil }
        return day * 86400 + h * 3600 + mi * 60 + s
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for d in digits {
            guard (48...57).contains(d) else { return nil }
            n = n * 10 + Int(d - 48)
        }
        return digits.isEmpty ? nil : n
    }

    /// Days from 1970-01-01 back to the epochs of the other tools.
    public enum Epoch {
        /// Stata's %td and %tc count from 1960-01-01.
        public static let stata = -3653
        /// SPSS counts seconds from 1582-10-14 (the Gregorian calendar's first day).
        public static let spss = -141428
        /// Excel's serial dates count from 1899-12-30 (its 1900 leap-year bug folded in).
        public static let excel = -25569
    }
}
