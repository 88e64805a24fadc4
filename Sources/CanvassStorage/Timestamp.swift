import Foundation

/// Timestamps as ISO 8601 text with the local offset, as interviewers read them.
public enum Timestamp {
    /// Now, e.g. `2018-07-02T10:00:00+09:00` (from the C library: cheaper than a date formatter per answer).
    public static func now() -> String {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let offset = tm.tm_gmtoff / 60
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + two(Int32(abs(offset) / 60)) + ":" + two(Int32(abs(offset) % 60))
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))" + zone
    }
}
