/// A few words with a count: "1 interview", "3 interviews" (English messages of the commands).
public func counted(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

/// The path of an output file that is a real file: nil for standard output (no path, or `-`).
public func realFile(_ out: String?) -> String? { out.flatMap { $0 == "-" ? nil : $0 } }
