import Foundation

/// The clock `today()` and `now()` read: injected, so that tests and simulations are deterministic.
public struct ExpressionClock: Sendable {
    /// Seconds since 1970-01-01 00:00 UTC.
    public var seconds: Double
    /// The local offset from UTC, in minutes (`now()` is written with it, `today()` is the local date).
    public var offsetMinutes: Int
    public init(seconds: Double, offsetMinutes: Int = 0) {
        self.seconds = seconds
        self.offsetMinutes = offsetMinutes
    }
    /// The machine's clock and time zone.
    public static var system: ExpressionClock {
        ExpressionClock(seconds: Date().timeIntervalSince1970, offsetMinutes: TimeZone.current.secondsFromGMT() / 60)
    }
}

/// What a function call may need beyond its arguments.
public struct CallContext {
    public var clock: () -> ExpressionClock = { .system }
    /// `jr:choice-name(code, '${q}')`: the label of choice `code` of question `q`, "" when there is none.
    public var choiceName: ((String, String) -> String)?
    /// `pulldata(table, column, keyColumn, key)`: from the questionnaire's `data:` tables.
    public var data: [String: DataTable] = [:]
    public init() {}
}

/// ODK's functions beyond XPath's core (https://getodk.github.io/xforms-spec/#xpath-functions): strings, maths,
/// dates as ODK represents them (days since 1970 in arithmetic), checklists, geo measures on typed coordinates.
extension FunctionLibrary {
    static let odkArities: [String: (Int, Int)] = [
        "substr": (2, 3), "substring-before": (2, 2), "substring-after": (2, 2), "translate": (3, 3), "normalize-space": (1, 1),
        "boolean-from-string": (1, 1), "uuid": (0, 1), "pow": (2, 2), "log": (1, 1), "log10": (1, 1), "exp": (1, 1),
        "exp10": (1, 1), "sqrt": (1, 1), "sin": (1, 1), "cos": (1, 1), "tan": (1, 1), "asin": (1, 1), "acos": (1, 1),
        "atan": (1, 1), "atan2": (2, 2), "pi": (0, 0), "random": (0, 0), "count-non-empty": (1, 1), "checklist": (3, 99),
        "weighted-checklist": (4, 99), "today": (0, 0), "now": (0, 0), "date": (1, 1), "date-time": (1, 1),
        "decimal-date-time": (1, 1), "decimal-time": (1, 1), "format-date": (2, 2), "format-date-time": (2, 2),
        "jr:choice-name": (2, 2), "distance": (1, 1), "area": (1, 1), "floor": (1, 1), "ceiling": (1, 1), "once": (1, 1),
        "digest": (2, 3), "pulldata": (4, 4),
    ]

    /// ODK's functions, or nil for a name that is not one of them.
    static func odk(_ name: String, _ args: [ExpressionValue], _ context: CallContext) -> ExpressionValue? {
        func s(_ i: Int) -> String { args[i].stringValue }
        func n(_ i: Int) -> Double { args[i].numberValue }
        switch name {
        case "substr":
            let chars = Array(s(0))
            let start = n(1), end = args.count > 2 ? n(2) : Double(chars.count)
            guard start.isFinite, end.isFinite else { return .string("") }
            let a = max(0, min(chars.count, Int(start))), b = max(a, min(chars.count, Int(end)))
            return .string(String(chars[a..<b]))
        case "substring-before":
            guard !s(1).isEmpty, let r = s(0).firstRange(of: s(1)) else { return .string("") }
            return .string(String(s(0)[..<r.lowerBound]))
        case "substring-after":
            guard let r = s(0).firstRange(of: s(1)) else { return .string("") }
            return .string(String(s(0)[r.upperBound...]))
        case "translate":
            let from = Array(s(1)), to = Array(s(2))
            var out = ""
            for c in s(0) {
                guard let i = from.firstIndex(of: c) else {
                    out.append(c)
                    continue
                }
                if i < to.count { out.append(to[i]) }
            }
            return .string(out)
        case "normalize-space":
            return .string(s(0).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " "))
        case "boolean-from-string": return .boolean(s(0) == "true" || s(0) == "1")
        case "uuid":
            if args.count == 1 {
                let length = n(0)
                guard length.isFinite, length >= 0, length <= 10_000 else { return .string("") }
                let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
                return .string(String((0..<Int(length)).map { _ in alphabet.randomElement()! }))
            }
            return .string(UUID().uuidString.lowercased())
        case "pow": return .number(Foundation.pow(n(0), n(1)))
        case "log": return .number(Foundation.log(n(0)))
        case "log10": return .number(Foundation.log10(n(0)))
        case "exp": return .number(Foundation.exp(n(0)))
        case "exp10": return .number(Foundation.pow(10, n(0)))
        case "sqrt": return .number(n(0).squareRoot())
        case "sin": return .number(Foundation.sin(n(0)))
        case "cos": return .number(Foundation.cos(n(0)))
        case "tan": return .number(Foundation.tan(n(0)))
        case "asin": return .number(Foundation.asin(n(0)))
        case "acos": return .number(Foundation.acos(n(0)))
        case "atan": return .number(Foundation.atan(n(0)))
        case "atan2": return .number(Foundation.atan2(n(0), n(1)))
        case "pi": return .number(Double.pi)
        case "floor": return .number(n(0).rounded(.down))
        case "ceiling": return .number(n(0).rounded(.up))
        case "random": return .number(Double.random(in: 0..<1))
        case "checklist":
            // min, max (-1: no bound), then the values: how many are true
            let count = args.dropFirst(2).filter(\.booleanValue).count
            return .boolean(within(Double(count), n(0), n(1)))
        case "weighted-checklist":
            var total = 0.0
            var i = 2
            while i + 1 < args.count {
                if args[i].booleanValue { total += args[i + 1].numberValue }
                i += 2
            }
            return .boolean(within(total, n(0), n(1)))
        case "today":
            let c = context.clock()
            let local = c.seconds + Double(c.offsetMinutes) * 60
            return .string(ODKDates.date(days: Int((local / 86400).rounded(.down))))
        case "now":
            let c = context.clock()
            return .string(ODKDates.dateTime(seconds: c.seconds, offsetMinutes: c.offsetMinutes))
        case "date":
            let days = args[0].numberValue
            guard days.isFinite else { return .string("") }
            return .string(ODKDates.date(days: Int(days.rounded(.down))))
        case "date-time":
            let days = args[0].numberValue
            guard days.isFinite else { return .string("") }
            return .string(ODKDates.dateTime(seconds: days * 86400, offsetMinutes: 0))
        case "decimal-date-time": return .number(args[0].numberValue)
        case "decimal-time":
            guard let t = ODKDates.timeOfDay(s(0)) else { return .number(.nan) }
            return .number(t)
        case "format-date", "format-date-time":
            guard let d = ODKDates.instant(args[0]) else { return .string("") }
            return .string(ODKDates.format(seconds: d.seconds, offsetMinutes: d.offsetMinutes, pattern: s(1)))
        case "once": return args[0]
        case "pulldata": return .string(context.data[s(0)]?.lookup(s(1), where: s(2), is: s(3)) ?? "")
        case "digest":
            // SHA-256 (the algorithm Canvass has; MD5, SHA-1, SHA-384 and SHA-512 give ''), as base64 (ODK's default) or hex
            guard s(1).uppercased() == "SHA-256" else { return .string("") }
            let hex = SHA256.hex(s(0))
            if args.count > 2, s(2).lowercased() == "hex" { return .string(hex) }
            return .string(Data(HMAC.hexBytes(hex)).base64EncodedString())
        case "jr:choice-name": return .string(context.choiceName?(s(0), s(1).replacing("${", with: "").replacing("}", with: "")) ?? "")
        case "distance", "area":
            guard let points = Geo.points(s(0)) else { return .number(.nan) }
            return .number(name == "distance" ? Geo.distance(points) : Geo.area(points))
        default: return nil
        }
    }

    static func within(_ x: Double, _ lo: Double, _ hi: Double) -> Bool { (lo < 0 || x >= lo) && (hi < 0 || x <= hi) }
}

/// Dates and times as ODK writes and counts them: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS.sss+HH:MM`, days since 1970.
public enum ODKDates {
    /// `YYYY-MM-DD` of a day number (days since 1970-01-01).
    public static func date(days: Int) -> String {
        let (y, m, d) = CalendarDate.parts(days: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// An instant as local wall time with its offset: `2018-06-08T10:00:00.000+08:00`.
    public static func dateTime(seconds: Double, offsetMinutes: Int) -> String {
        let local = seconds + Double(offsetMinutes) * 60
        let day = Int((local / 86400).rounded(.down))
        let rest = local - Double(day) * 86400
        let ms = Int((rest * 1000).rounded(.down))
        let sign = offsetMinutes < 0 ? "-" : "+"
        let o = abs(offsetMinutes)
        return date(days: day) + "T" + pad(ms / 3_600_000, 2) + ":" + pad(ms / 60000 % 60, 2) + ":" + pad(ms / 1000 % 60, 2) + "."
            + pad(ms % 1000, 3) + sign + pad(o / 60, 2) + ":" + pad(o % 60, 2)
    }

    /// Days since 1970-01-01 (with the fraction of the day, in UTC) of a date or dateTime text; nil for other text.
    public static func days(_ text: String) -> Double? {
        if text.utf8.count == 10 { return CalendarDate.days(text).map(Double.init) }
        guard let i = instant(text) else { return nil }
        return i.seconds / 86400
    }

    /// A date or dateTime text, or a number of days, as an instant and the offset it was written with.
    static func instant(_ v: ExpressionValue) -> (seconds: Double, offsetMinutes: Int)? {
        if case .string(let s) = v { return instant(s) }
        let days = v.numberValue
        return days.isFinite ? (days * 86400, 0) : nil
    }

    static func instant(_ text: String) -> (seconds: Double, offsetMinutes: Int)? {
        let t = text.trimmingSpaces
        if t.utf8.count == 10, let d = CalendarDate.days(t) { return (Double(d) * 86400, 0) }
        guard let local = CalendarDate.localSeconds(t) else {
            let n = ExpressionValue.string(t).numberValue
            return n.isFinite ? (n * 86400, 0) : nil
        }
        var offset = 0
        let u = Array(t.utf8)
        if u.count >= 6, u[u.count - 3] == 58, u[u.count - 6] == 43 || u[u.count - 6] == 45 {
            let h = Int(String(decoding: u[(u.count - 5)..<(u.count - 3)], as: UTF8.self)) ?? 0
            let m = Int(String(decoding: u[(u.count - 2)...], as: UTF8.self)) ?? 0
            offset = (h * 60 + m) * (u[u.count - 6] == 45 ? -1 : 1)
        }
        var fraction = 0.0
        if u.count > 19, u[19] == 46 {
            var digits = ""
            for c in u[20...] {
                guard (48...57).contains(c) else { break }
                digits.append(Character(Unicode.Scalar(c)))
            }
            fraction = Double("0." + digits) ?? 0
        }
        return (Double(local - offset * 60) + fraction, offset)
    }

    /// `HH:MM[:SS[.sss]][zone]` as a fraction of a day (ODK's decimal-time), in UTC when a zone is given.
    static func timeOfDay(_ text: String) -> Double? {
        let u = Array(text.trimmingSpaces.utf8)
        guard u.count >= 5, u[2] == 58, let h = Int(String(decoding: u[0..<2], as: UTF8.self)),
            let m = Int(String(decoding: u[3..<5], as: UTF8.self)), h < 24, m < 60
        else { return nil }
        var seconds = Double(h * 3600 + m * 60)
        var rest = u[5...]
        if rest.first == 58, rest.count >= 3, let sec = Int(String(decoding: rest.dropFirst().prefix(2), as: UTF8.self)) {
            seconds += Double(sec)
            rest = rest.dropFirst(3)
        }
        if rest.first == 46 {
            var digits = ""
            rest = rest.dropFirst()
            while let c = rest.first, (48...57).contains(c) {
                digits.append(Character(Unicode.Scalar(c)))
                rest = rest.dropFirst()
            }
            seconds += Double("0." + digits) ?? 0
        }
        if rest.count == 6, rest.first == 43 || rest.first == 45 {
            let z = Array(rest)
            let oh = Int(String(decoding: z[1..<3], as: UTF8.self)) ?? 0, om = Int(String(decoding: z[4..<6], as: UTF8.self)) ?? 0
            seconds -= Double((oh * 60 + om) * 60) * (z[0] == 45 ? -1 : 1)
        } else if !(rest.isEmpty || Array(rest) == [90]) {
            return nil
        }
        let day = 86400.0
        return (seconds.truncatingRemainder(dividingBy: day) + day).truncatingRemainder(dividingBy: day) / day
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// ODK's format-date patterns: %Y %y %m %n %b %d %e %a %H %h %M %S %3, in the local time the value was written in.
    static func format(seconds: Double, offsetMinutes: Int, pattern: String) -> String {
        let local = seconds + Double(offsetMinutes) * 60
        let day = Int((local / 86400).rounded(.down))
        let ms = Int(((local - Double(day) * 86400) * 1000).rounded(.down))
        let (y, m, d) = CalendarDate.parts(days: day)
        var out = ""
        var escape = false
        for c in pattern {
            guard escape else {
                if c == "%" { escape = true } else { out.append(c) }
                continue
            }
            escape = false
            switch c {
            case "Y": out += pad(y, 4)
            case "y": out += pad(y % 100, 2)
            case "m": out += pad(m, 2)
            case "n": out += String(m)
            case "b": out += months[m - 1]
            case "d": out += pad(d, 2)
            case "e": out += String(d)
            case "a": out += weekdays[((day % 7) + 11) % 7]
            case "H": out += pad(ms / 3_600_000, 2)
            case "h": out += String(ms / 3_600_000)
            case "M": out += pad(ms / 60000 % 60, 2)
            case "S": out += pad(ms / 1000 % 60, 2)
            case "3": out += pad(ms % 1000, 3)
            case "%": out += "%"
            default: out += "%" + String(c)
            }
        }
        return out
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// Typed coordinates: `lat lon [alt acc]` points, `;` between them (ODK's geotrace and geoshape).
enum Geo {
    static let radius = 6_378_137.0

    static func points(_ text: String) -> [(lat: Double, lon: Double)]? {
        var out: [(Double, Double)] = []
        for part in text.split(separator: ";") {
            let n = part.split(separator: " ").compactMap { Double($0) }
            guard n.count >= 2, abs(n[0]) <= 90, abs(n[1]) <= 180 else { return nil }
            out.append((n[0], n[1]))
        }
        return out.isEmpty ? nil : out
    }

    /// Metres along the points, on a sphere (haversine).
    static func distance(_ p: [(lat: Double, lon: Double)]) -> Double {
        var total = 0.0
        for i in p.indices.dropFirst() {
            let (a, b) = (p[i - 1], p[i])
            let lat1 = a.lat * .pi / 180, lat2 = b.lat * .pi / 180
            let dLat = lat2 - lat1, dLon = (b.lon - a.lon) * .pi / 180
            let h =
                Foundation.sin(dLat / 2) * Foundation.sin(dLat / 2) + Foundation.cos(lat1) * Foundation.cos(lat2) * Foundation.sin(dLon / 2)
                * Foundation.sin(dLon / 2)
            total += 2 * radius * Foundation.asin(min(1, h.squareRoot()))
        }
        return total
    }

    /// Square metres inside the closed polygon, on a sphere.
    static func area(_ p: [(lat: Double, lon: Double)]) -> Double {
        guard p.count >= 3 else { return 0 }
        var sum = 0.0
        for i in p.indices {
            let a = p[i], b = p[(i + 1) % p.count]
            sum += (b.lon - a.lon) * .pi / 180 * (2 + Foundation.sin(a.lat * .pi / 180) + Foundation.sin(b.lat * .pi / 180))
        }
        return abs(sum * radius * radius / 2)
    }
}
