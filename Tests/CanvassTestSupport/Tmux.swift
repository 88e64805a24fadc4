import Foundation
import XCTest

/// A real terminal for end-to-end tests: a tmux session of a fixed size running one command; keys are sent as a
/// person types them and the screen is captured as it shows.
public final class Tmux {
    public let session: String
    let tmux: String

    /// Starts `command` (a shell line) in a 120x40 UTF-8 terminal; skipped with the reason when tmux is missing.
    public init(_ command: String, cwd: String) throws {
        tmux = try Peers.tool("tmux", install: "apt-get install tmux")
        session = "canvass-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // the server this starts keeps the descriptors it was given: none of them may be a pipe read to its end
        try run(
            [
                "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", cwd,
                "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color " + command + "; sleep 30",
            ],
            capture: false)
    }

    deinit { _ = try? run(["kill-session", "-t", session], capture: false) }

    @discardableResult
    func run(_ args: [String], capture: Bool = true) throws -> String {
        try Spawned.run(tmux, args, stdout: capture ? .capture : .null, stderr: capture ? .sameAsOutput : .null, timeout: 30).out
    }

    /// Keys by tmux's names (`BSpace`, `Left`, `C-u`, `Enter`) or literal text (`literal: true`).
    public func send(_ keys: [String], literal: Bool = false) throws {
        try run(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
        usleep(150_000)
    }

    /// Pastes `text` as a terminal pastes (bracketed when the program asked for it).
    public func paste(_ text: String) throws {
        try run(["set-buffer", "-b", session, text])
        try run(["paste-buffer", "-p", "-d", "-b", session, "-t", session])
        usleep(200_000)
    }

    /// The screen's lines, trailing spaces removed.
    public func screen() throws -> [String] {
        try run(["capture-pane", "-p", "-t", session]).split(separator: "\n", omittingEmptySubsequences: false).map {
            var line = String($0)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Waits until a line of the screen satisfies `match`; returns the screen.
    @discardableResult
    public func wait(for match: (String) -> Bool, timeout: TimeInterval = 20) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = try screen()
            if lines.contains(where: match) { return lines }
            usleep(100_000)
        }
        let lines = try screen()
        XCTFail("the screen never showed what was awaited:\n" + lines.joined(separator: "\n"))
        return lines
    }
}
