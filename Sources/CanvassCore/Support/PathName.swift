/// The folder and the name of a path, by the slash alone. (Foundation's NSString path methods crash on a path of one
/// character, such as `--out r`, in the Swift 6.3 Foundation on Linux.)
public enum PathName {
    /// Everything before the last slash ("" for a bare name, "/" for a file at the root); trailing slashes ignored.
    public static func folder(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var dir = p[..<slash]
        while dir.count > 1, dir.hasSuffix("/") { dir = dir.dropLast() }
        return String(dir)
    }

    /// The last component (trailing slashes ignored).
    public static func name(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        return p == "/" ? "/" : String(p[p.index(after: slash)...])
    }
}
