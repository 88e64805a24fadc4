/// Texts in the order of their UTF-8 bytes (code point order): the order of SQLite's BINARY collation, of the
/// `answer` table's key and of the revision content. Not `<` on `String`, which compares canonical forms.
public enum UTF8Order {
    /// Does `a` come before `b`? Compares the bytes in place.
    @inlinable public static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = Swift.min(x.count, y.count)
                var i = 0
                while i < n {
                    if x[i] != y[i] { return x[i] < y[i] }
                    i += 1
                }
                return x.count < y.count
            }
        }
        if let fast, let fast { return fast }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
