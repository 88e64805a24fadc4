import Foundation
import Synchronization

/// The database files this process has open through SQLite, by device and inode. Code outside SQLite must not open
/// and close such a file: POSIX drops every lock a process holds on a file when any descriptor of it is closed, and
/// SQLite's locks are what keep other processes from checkpointing or deleting a -wal that is still in use.
public enum OpenFiles {
    private static let open = Mutex<[String: Int]>([:])

    static func key(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino)"
    }

    public static func register(_ path: String) {
        guard let k = key(path) else { return }
        open.withLock { $0[k, default: 0] += 1 }
    }

    public static func unregister(_ path: String) {
        guard let k = key(path) else { return }
        open.withLock {
            $0[k, default: 1] -= 1
            if $0[k] == 0 { $0[k] = nil }
        }
    }

    /// Is the file at `path` open through SQLite in this process?
    public static func isOpen(_ path: String) -> Bool {
        guard let k = key(path) else { return false }
        return open.withLock { $0[k] != nil }
    }
}
