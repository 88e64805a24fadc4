/// An interview's revision history, as CouchDB keeps a document's: every committed change is a revision named
/// `GENERATION-HASH`, where the hash covers the parent revisions and the content; a merge of two databases is the
/// union of their histories, and every database that has seen the same revisions shows the same values.
///
/// - A revision's ancestors decide what is newer: ours is an ancestor of theirs, so theirs is newer (and the
///   other way round); neither, and the two are in conflict.
/// - The leaves (revisions no other revision names as a parent) are the versions still standing; more than one is
///   a conflict. The winner shown until it is settled is the leaf of highest generation, then of highest id:
///   the same on every database, whatever order the merges came in.
/// - Settling a conflict is a new revision whose parents are all the leaves, so it wins wherever it travels.
public struct RevisionHistory: Sendable, Equatable {
    /// Each revision with its parents (none for the first).
    public private(set) var parents: [String: [String]]

    public init(_ parents: [String: [String]] = [:]) { self.parents = parents }

    public var isEmpty: Bool { parents.isEmpty }
    public var revisions: Set<String> { Set(parents.keys) }
    public func contains(_ rev: String) -> Bool { parents[rev] != nil }

    /// The revisions no other names as a parent: the versions still standing.
    public var leaves: [String] {
        var named = Set<String>()
        for ps in parents.values { named.formUnion(ps) }
        return parents.keys.filter { !named.contains($0) }.sorted(by: Self.precedes)
    }

    /// The leaf every database shows: highest generation, then highest id.
    public var winner: String? { leaves.last }

    /// Adds the revisions of `other` (a merge, or an import): the union, so the order of merges never matters.
    public mutating func formUnion(_ other: RevisionHistory) {
        for (rev, ps) in other.parents where parents[rev] == nil { parents[rev] = ps }
    }

    /// Adds a revision made on top of `parents`.
    public mutating func add(_ rev: String, parents ps: [String]) { parents[rev] = ps }

    /// Is `ancestor` `rev` itself or one of its ancestors?
    public func isAncestor(_ ancestor: String, of rev: String) -> Bool {
        var seen = Set<String>()
        var stack = [rev]
        while let r = stack.popLast() {
            if r == ancestor { return true }
            guard seen.insert(r).inserted else { continue }
            stack += parents[r] ?? []
        }
        return false
    }

    /// A new revision's id: one generation above its highest parent, and a hash of the parents and the content.
    public static func revision(parents: [String], content: String) -> String {
        let generation = (parents.map(generation(of:)).max() ?? 0) + 1
        let hash = SHA256.hex((parents.sorted().joined(separator: " ") + "\n" + content).utf8)
        return "\(generation)-\(hash.prefix(32))"
    }

    public static func generation(of rev: String) -> Int { Int(rev.prefix { $0 != "-" }) ?? 0 }

    /// The winner's order: generation, then the id.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let ga = generation(of: a), gb = generation(of: b)
        return ga != gb ? ga < gb : a < b
    }
}
