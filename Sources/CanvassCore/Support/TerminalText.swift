/// Text made safe for a terminal: control characters that could move the cursor, clear the screen, set the window
/// title or write the clipboard (OSC 52) are shown as `\u{1b}` instead of acting. Line feeds and tabs stay; so do the
/// colour codes Canvass writes itself (`ESC [ ... m`), which change nothing but colour.
public enum TerminalText {
    public static func escaped(_ s: String, keepColour: Bool = true) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if keepColour, c == "\u{1B}", let end = colourEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            if needsEscape(c) {
                out.append(contentsOf: "\\u{\(String(c.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    /// Does `s` hold a character a person cannot have meant to type into a name, a note or a label?
    public static func hasControlCharacters(_ s: String, allowLineBreaks: Bool = false) -> Bool {
        s.unicodeScalars.contains { c in needsEscape(c) && !(allowLineBreaks && (c == "\n" || c == "\r")) }
    }

    static func needsEscape(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x0A || v == 0x09 { return false }
        // C0 and DEL, C1, and the bidirectional overrides that make text read other than it is stored
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The end of a colour sequence `ESC [ digits;... m` starting at `i`, or nil when it is anything else.
    static func colourEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 2 < s.count, s[i + 1] == "[" else { return nil }
        var j = i + 2
        while j < s.count, ("0"..."9").contains(s[j]) || s[j] == ";" { j += 1 }
        return j < s.count && s[j] == "m" && j - i < 20 ? j : nil
    }
}
