import CSQLite
import CanvassCore
import Foundation

/// An interview must never fail to save because another Canvass process is writing (an import, a merge): it waits,
/// says whom it waits for, and saves when it can.
extension CanvassStore {
    /// From now on a write waits as long as another process holds the database; `report` gets one line when the
    /// wait passes a second, naming the process (e.g. "canvass import big.jsonl, process 4321").
    public func waitForOtherWriters(report: @escaping (String) -> Void) {
        let waiter = BusyWaiter(path: path, report: report)
        busyWaiter = waiter
        sqlite3_busy_handler(
            db.handle,
            { context, attempts in
                guard let context else { return 0 }
                Unmanaged<BusyWaiter>.fromOpaque(context).takeUnretainedValue().wait(attempts: Int(attempts))
                return 1
            }, Unmanaged.passUnretained(waiter).toOpaque())
    }
}

/// Sleeps between attempts and tells once who holds the database.
final class BusyWaiter {
    let path: String
    let report: (String) -> Void
    private var told = false

    init(path: String, report: @escaping (String) -> Void) {
        self.path = path
        self.report = report
    }

    func wait(attempts: Int) {
        if attempts == 0 { told = false }
        usleep(attempts < 100 ? 10_000 : 50_000)
        guard attempts == 100, !told else { return }
        told = true
        report("waiting for \(holder()) to finish writing to \(path); the answer is saved as soon as it has")
    }

    /// The process holding SQLite's write lock (byte 120 of the -shm), by its command line. Read from /proc/locks:
    /// opening the -shm here and closing it would drop the locks SQLite holds on it in this process.
    func holder() -> String {
        let pid = Self.lockHolder(path + "-shm", byte: 120)
        guard pid > 0 else { return "another process" }
        let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        let words = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let command = words.isEmpty ? "" : ([PathName.name(words[0])] + words.dropFirst().prefix(2)).joined(separator: " ")
        return command.isEmpty ? "process \(pid)" : "\(TerminalText.escaped(command)) (process \(pid))"
    }

    /// The process that holds a POSIX lock on `byte` of `path`, from /proc/locks (0 when none, or it cannot be told).
    static func lockHolder(_ path: String, byte: Int) -> Int32 {
        var st = stat()
        guard stat(path, &st) == 0, let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return 0 }
        let inode = String(st.st_ino)
        for line in text.split(separator: "\n") {
            // 1: POSIX  ADVISORY  WRITE 4321 08:01:1234567 120 120
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 8, f[1] == "POSIX", f[3] == "WRITE", f[5].hasSuffix(":" + inode), let start = Int(f[6]),
                let end = Int(f[7]) ?? (f[7] == "EOF" ? Int.max : nil), start <= byte, byte <= end, let pid = Int32(f[4]), pid != getpid()
            else { continue }
            return pid
        }
        return 0
    }
}
