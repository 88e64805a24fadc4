import CanvassCore
import Foundation

/// Files and folders written under a hidden temporary name (`.NAME.tmp-PID`) and renamed when complete. A process
/// killed before the rename leaves one behind: the next run for the same name removes those whose process is gone.
public enum TemporaryFiles {
    /// The temporary name of `path` for this process.
    public static func name(for path: String) -> String {
        let dir = PathName.folder(path)
        return (dir.isEmpty ? "" : dir + "/") + ".\(PathName.name(path)).tmp-\(getpid())"
    }

    /// Removes the temporary files and folders of `path` left by processes that no longer run.
    public static func removeStale(near path: String) {
        let dir = PathName.folder(path)
        let prefix = ".\(PathName.name(path)).tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let pidText = rest.prefix { $0.isNumber }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (dir.isEmpty ? "" : dir + "/") + name)
        }
    }
}
