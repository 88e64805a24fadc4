import CanvassCore
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an XLSForm's sheets as text cells: a workbook (.xlsx: a zip of XML parts, read with ZIPFoundation and
/// Foundation's XML parser), or pyxform's one-file CSV (a sheet's name in the first column starts its rows).
public enum XLSFormFileReader {
    /// Parts larger than this are refused: a damaged or hostile workbook must not exhaust memory.
    static let partLimit = 64 << 20

    public static func isXLSForm(_ path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".xlsx") || p.hasSuffix(".csv") || p.hasSuffix(".xls")
    }

    public static func read(_ path: String) throws -> XLSFormSheets {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw ImportError("\(path): no such file") }
        guard !isDir.boolValue else { throw ImportError("\(path) is a folder; give an XLSForm file (.xlsx or .csv)") }
        let lower = path.lowercased()
        if lower.hasSuffix(".xls") {
            throw ImportError("\(path): the old .xls format cannot be read; save the form as .xlsx (Excel Workbook) and import that")
        }
        if lower.hasSuffix(".csv") { return try csv(path) }
        return try workbook(path)
    }

    // MARK: .xlsx

    static func workbook(_ path: String) throws -> XLSFormSheets {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw ImportError("\(path): not an .xlsx workbook (it cannot be opened as a zip archive)")
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            guard entry.uncompressedSize <= UInt64(partLimit) else {
                throw ImportError("\(path): \(name) is larger than \(partLimit >> 20) MB; this is not a questionnaire")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > partLimit { throw ImportError("\(path): \(name) is larger than \(partLimit >> 20) MB") }
                }
            } catch let e as ImportError { throw e } catch { throw ImportError("\(path): \(name) cannot be read (\(error))") }
            return data
        }
        guard let book = try part("xl/workbook.xml") else {
            throw ImportError("\(path): not an Excel workbook (no xl/workbook.xml inside); save the form as .xlsx")
        }
        let sheets = try XMLElements.parse(book, file: path, part: "xl/workbook.xml").filter { $0.name == "sheet" }
        let rels = try part("xl/_rels/workbook.xml.rels").map { try XMLElements.parse($0, file: path, part: "workbook.xml.rels") } ?? []
        var targets: [String: String] = [:]
        for r in rels where r.name == "Relationship" {
            if let id = r.attributes["Id"], let t = r.attributes["Target"] { targets[id] = t }
        }
        let shared = try part("xl/sharedStrings.xml").map { try sharedStrings($0, file: path) } ?? []
        var out: [String: [XLSFormSheets.Row]] = [:]
        for sheet in sheets {
            guard let name = sheet.attributes["name"], let id = sheet.attributes["r:id"] ?? sheet.attributes["id"],
                let target = targets[id]
            else { continue }
            var key = name.trimmingSpaces.lowercased()
            // a workbook of one sheet is its survey, whatever the sheet is called (as pyxform reads it)
            if sheets.count == 1 { key = "survey" }
            guard ["survey", "choices", "settings"].contains(key), out[key] == nil else { continue }
            let partName = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let data = try part(partName) else { throw ImportError("\(path): the sheet \(name) (\(partName)) is missing") }
            out[key] = try cells(data, shared: shared, file: path, part: partName)
        }
        guard out["survey"] != nil else {
            throw ImportError("\(path) has no sheet named survey; an XLSForm has survey, choices and settings sheets")
        }
        return XLSFormSheets(sheets: out)
    }

    static func sharedStrings(_ data: Data, file: String) throws -> [String] {
        // every <si>: the text of its <t> runs, phonetic runs (<rPh>) left out
        var strings: [String] = []
        var current = "", inText = false, inPhonetic = false
        try XMLElements.walk(data, file: file, part: "xl/sharedStrings.xml") { event in
            switch event {
            case .start("si", _): current = ""
            case .start("rPh", _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _): inText = !inPhonetic
            case .end("t"): inText = false
            case .text(let s): if inText { current += s }
            case .end("si"): strings.append(current)
            default: break
            }
        }
        return strings
    }

    static func cells(_ data: Data, shared: [String], file: String, part: String) throws -> [XLSFormSheets.Row] {
        var rows: [XLSFormSheets.Row] = []
        var rowNumber = 0, cells: [String] = [], column = 0
        var type = "", value = "", inValue = false
        try XMLElements.walk(data, file: file, part: part) { event in
            switch event {
            case .start("row", let a):
                rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = []
                column = 0
            case .start("c", let a):
                type = a["t"] ?? ""
                value = ""
                column = a["r"].flatMap(columnIndex) ?? column
            case .start("v", _), .start("t", _): inValue = true
            case .end("v"), .end("t"): inValue = false
            case .text(let s): if inValue { value += s }
            case .end("c"):
                var text = value
                switch type {
                case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                case "", "n":
                    // numbers as a person typed them: 2018, not 2018.0
                    if let d = Double(value), d == d.rounded(), abs(d) < 1e15 { text = String(Int(d)) }
                default: break
                }
                while cells.count < column { cells.append("") }
                if cells.count == column { cells.append(text) } else if column < cells.count { cells[column] = text }
                column += 1
            case .end("row"):
                if cells.contains(where: { !$0.trimmingSpaces.isEmpty }) { rows.append(XLSFormSheets.Row(number: rowNumber, cells: cells)) }
            default: break
            }
        }
        return rows
    }

    /// `C12` -> 2 (columns from 0).
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var any = false
        for u in ref.unicodeScalars {
            guard u.value >= 65 && u.value <= 90 else { break }
            n = n * 26 + Int(u.value - 64)
            any = true
            if n > 16384 { return nil }
        }
        return any ? n - 1 : nil
    }

    // MARK: pyxform's .csv

    static func csv(_ path: String) throws -> XLSFormSheets {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError("\(path): cannot be read (permission denied?)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ImportError("\(path): not UTF-8 text; save the form as UTF-8 CSV")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let form = XLSFormSheets(csv: text)
        guard form.sheets["survey"] != nil else {
            throw ImportError("\(path) has no survey rows; in an XLSForm CSV, a line starting with survey begins the survey's rows")
        }
        return form
    }
}

/// A minimal event reader over Foundation's XMLParser: element starts with their attributes, texts, ends.
enum XMLElements {
    enum Event {
        case start(String, [String: String])
        case end(String)
        case text(String)
    }

    struct Element {
        var name: String
        var attributes: [String: String]
    }

    static func parse(_ data: Data, file: String, part: String) throws -> [Element] {
        var out: [Element] = []
        try walk(data, file: file, part: part) { e in
            if case .start(let n, let a) = e { out.append(Element(name: n, attributes: a)) }
        }
        return out
    }

    static func walk(_ data: Data, file: String, part: String, _ body: @escaping (Event) throws -> Void) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            let body: (Event) throws -> Void
            var failure: Error?
            /// Elements open: a part cut short ends with some still open.
            var depth = 0
            init(_ body: @escaping (Event) throws -> Void) { self.body = body }
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                // element names without their prefix (x:row in some writers' files)
                let local = name.split(separator: ":").last.map(String.init) ?? name
                depth += 1
                run(parser, .start(local, attributes))
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                depth -= 1
                run(parser, .end(name.split(separator: ":").last.map(String.init) ?? name))
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { run(parser, .text(string)) }
            func run(_ parser: XMLParser, _ e: Event) {
                guard failure == nil else { return }
                do { try body(e) } catch {
                    failure = error
                    parser.abortParsing()
                }
            }
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(body)
        parser.delegate = delegate
        let ok = parser.parse()
        if let f = delegate.failure { throw f }
        guard ok, delegate.depth == 0 else {
            throw ImportError(
                "\(file): \(part) is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber)); the workbook is damaged"
            )
        }
    }
}
