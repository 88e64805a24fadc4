import CanvassCore
import CanvassFiles
import CanvassTabulation
import Foundation

/// Tables leaving Canvass as files: tidy CSV, and the folder `tab run` writes.
public enum TableFiles {
    /// Tidy rows as CSV (standard output for nil), the header first.
    public static func tidy(_ rows: [TidyRow], to path: String?) throws {
        try OutputFile.csv(path, privateMode: false) { writer in
            try writer.writeRow(TidyCell.header)
            for row in rows { try writer.writeRow(row.fields) }
        }
    }

    /// `tab run`: one tidy CSV per table, `index.csv` and `manifest.json` (sorted keys, one line) in `folder`;
    /// returns a line per table saying what it counted.
    public static func write(_ run: PlanRun, manifest: PlanRun.Manifest, to folder: String) throws -> [String] {
        var lines: [String] = []
        for t in run.tables {
            try tidy(t.rows, to: folder + "/" + t.fileName)
            lines.append("\(t.spec.name): \(t.count) \(t.unit), \(t.rows.count) cells")
        }
        try OutputFile.csv(folder + "/index.csv", privateMode: false) { writer in
            try writer.writeRows(run.index)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = Array(try encoder.encode(manifest)) + [10]
        try OutputFile.write(folder + "/manifest.json", privateMode: false) { try $0.write(json) }
        return lines
    }
}
