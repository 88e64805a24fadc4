/// A select_multiple answer is its codes separated by single spaces: these read it without allocating.
public enum SelectedCodes {
    public static func contains(_ answer: String, _ code: String) -> Bool {
        let c = code.utf8
        guard !c.isEmpty else { return false }
        for token in answer.utf8.split(separator: 32) where token.elementsEqual(c) { return true }
        return false
    }

    public static func count(_ answer: String) -> Int {
        answer.utf8.split(separator: 32).count
    }
}
