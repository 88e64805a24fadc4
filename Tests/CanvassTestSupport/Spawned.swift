import Foundation
import XCTest

/// A child process of a test, started with posix_spawn and waited for with waitpid. Nothing here relies on
/// Foundation's `Process`, whose notice of a child's end was missed on Linux (a CI run then waited 90 minutes for a
/// child that had long exited). Every wait has a deadline: a child that outlives it is killed and the test fails
/// with what the child printed, so a hang is a failure with a reason, never a silent stop of the suite.
public final class Spawned: @unchecked Sendable {
    public enum Input { case null, pipe, file(String) }
    public enum Output {
        case null, capture, file(String)
        /// A pipe whose reading end is closed before the child starts: every write gets EPIPE (or SIGPIPE).
        case brokenPipe
        /// Standard error only: the same as standard output (captured together, in order).
        case sameAsOutput
    }
    public enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32), signalled(Int32)
        public var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    public let pid: pid_t
    public let name: String
    private var inputFD: Int32 = -1
    private let outData = LockedData(), errData = LockedData()
    private let readers = DispatchGroup()
    private let stopReading = LockedFlag()
    private let lock = NSLock()
    private var _ending: Ending?

    /// Starts `executable` with `arguments`; the environment is this process's with `environment` laid over it
    /// (a nil value removes a variable).
    public init(
        _ executable: String, _ arguments: [String], cwd: String? = nil, environment: [String: String?] = [:], stdin: Input = .null,
        stdout: Output = .capture, stderr: Output = .capture
    ) throws {
        name = (executable as NSString).lastPathComponent
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var closeAfterSpawn: [Int32] = []
        var readFrom: [(fd: Int32, into: LockedData)] = []
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw SpawnError("pipe: \(String(cString: strerror(errno)))") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
        switch stdin {
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case .pipe:
            let p = try pipePair()
            posix_spawn_file_actions_adddup2(&actions, p.read, 0)
            closeAfterSpawn.append(p.read)
            inputFD = p.write
        }
        for (fd, target) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch target {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .sameAsOutput: posix_spawn_file_actions_adddup2(&actions, 1, fd)
            case .brokenPipe:
                let p = try pipePair()
                close(p.read)
                posix_spawn_file_actions_adddup2(&actions, p.write, fd)
                closeAfterSpawn.append(p.write)
            case .capture:
                let p = try pipePair()
                posix_spawn_file_actions_adddup2(&actions, p.write, fd)
                closeAfterSpawn.append(p.write)
                readFrom.append((p.read, fd == 1 ? outData : errData))
            }
        }
        if let cwd { _ = GNUSpawn.addchdir(&actions, cwd) }
        // nothing else of this process reaches the child: no descriptor beyond the three (a pipe made by another
        // thread is not close-on-exec yet), no ignored or blocked signal (the test runner ignores SIGPIPE)
        _ = GNUSpawn.addclosefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        for fd in closeAfterSpawn { close(fd) }
        guard status == 0 else {
            for r in readFrom { close(r.fd) }
            if inputFD >= 0 { close(inputFD) }
            throw SpawnError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        for r in readFrom { startReader(r.fd, into: r.into) }
    }

    private func startReader(_ fd: Int32, into data: LockedData) {
        readers.enter()
        let stop = stopReading, group = readers
        Thread {
            defer {
                close(fd)
                data.finish()
                group.leave()
            }
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let p = poll(&ready, 1, 200)
                if p == 0 {
                    if stop.isSet { return }
                    continue
                }
                if p < 0 {
                    if errno == EINTR { continue }
                    return
                }
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
                if n > 0 {
                    data.append(Data(buffer[0..<n]))
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }.start()
    }

    /// Standard output (and standard error, when it was `.sameAsOutput`) captured so far.
    public var output: Data { outData.data }
    public var outputText: String { String(decoding: outData.data, as: UTF8.self) }
    public var errorText: String { String(decoding: errData.data, as: UTF8.self) }

    /// Writes to the child's standard input (`.pipe`); false once the child no longer reads.
    @discardableResult
    public func write(_ data: Data) -> Bool {
        guard inputFD >= 0 else { return false }
        var rest = [UInt8](data)[...]
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(inputFD, $0.baseAddress, $0.count) }
            if n > 0 {
                rest = rest.dropFirst(n)
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    deinit { if inputFD >= 0 { close(inputFD) } }

    /// End of input for the child.
    public func closeInput() {
        lock.lock()
        defer { lock.unlock() }
        if inputFD >= 0 {
            close(inputFD)
            inputFD = -1
        }
    }

    /// How the child ended, once it has.
    public var ending: Ending? {
        lock.lock()
        defer { lock.unlock() }
        if _ending == nil { reap(WNOHANG) }
        return _ending
    }

    public var isRunning: Bool { ending == nil }

    private func reap(_ options: Int32) {
        var status: Int32 = 0
        var r: pid_t
        repeat { r = waitpid(pid, &status, options) } while r < 0 && errno == EINTR
        guard r == pid else { return }
        _ending = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }

    public func signal(_ signal: Int32) { if isRunning { kill(pid, signal) } }

    /// Waits for the child to end and for its output to be read; past `timeout` seconds the child is killed and the
    /// test fails with what it printed. Output still held open by a grandchild is taken as far as it got.
    @discardableResult
    public func wait(timeout: TimeInterval = 300, file: StaticString = #filePath, line: UInt = #line) -> Ending {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() > deadline {
                kill(pid, SIGKILL)
                lock.lock()
                reap(0)
                lock.unlock()
                let said = (outputText + errorText).suffix(2000)
                XCTFail("\(name) did not end within \(Int(timeout)) s; killed. It printed:\n\(said)", file: file, line: line)
                break
            }
            usleep(2_000)
        }
        if readers.wait(timeout: .now() + 10) == .timedOut {
            stopReading.set()
            _ = readers.wait(timeout: .now() + 2)
        }
        return ending ?? .signalled(SIGKILL)
    }

    /// The end of a run: how it ended, what it printed.
    public struct Finished {
        public var ending: Ending
        public var out: String
        public var err: String
        /// The exit code, or 128 + the signal (as a shell reports it).
        public var status: Int32 {
            switch ending {
            case .exited(let code): return code
            case .signalled(let signal): return 128 + signal
            }
        }
    }

    /// Runs to the end with `input` on standard input (written from another thread, so a child that writes a lot
    /// before reading cannot block it).
    public static func run(
        _ executable: String, _ arguments: [String], cwd: String? = nil, environment: [String: String?] = [:], input: Data? = nil,
        stdout: Output = .capture, stderr: Output = .capture, timeout: TimeInterval = 300, file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> Finished {
        let child = try Spawned(
            executable, arguments, cwd: cwd, environment: environment, stdin: input == nil ? .null : .pipe, stdout: stdout,
            stderr: stderr)
        if let input {
            Thread {
                child.write(input)
                child.closeInput()
            }.start()
        }
        let ending = child.wait(timeout: timeout, file: file, line: line)
        return Finished(ending: ending, out: child.outputText, err: child.errorText)
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

/// A flag set once, read from any thread.
public final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    public func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
    public var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// glibc's GNU additions to posix_spawn (2.29, 2.34), which Swift's Glibc module does not import.
enum GNUSpawn {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    static let addchdir: AddChdir = unsafeBitCast(symbol("posix_spawn_file_actions_addchdir_np"), to: AddChdir.self)
    static let addclosefrom: AddClosefrom = unsafeBitCast(symbol("posix_spawn_file_actions_addclosefrom_np"), to: AddClosefrom.self)
    static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("glibc lacks \(name) (2.34 or later needed)") }
        return p
    }
}
