import Foundation

/// A `/bin/sh -c COMMAND` child (another shell in tests) started with `posix_spawn`, and our ends of its output pipes.
///
/// The child leads a process group of its own (its pgid is its pid), so a Ctrl-C on LoadRunner's terminal
/// does not reach it and `kill(-pid, ...)` reaches everything it started. It reads `/dev/null`, writes
/// into two pipes, inherits the working directory and the environment, starts with default signal
/// handling and an empty signal mask (LoadRunner ignores SIGINT and SIGTERM itself), and inherits no
/// other descriptor where glibc can close them for it.
struct ChildProcess {
    let pid: pid_t
    /// Our read ends of the child's standard output and error; close-on-exec, and ours to close.
    let stdoutFD: Int32
    let stderrFD: Int32

    /// Why a child could not be started: what failed and the system's text for its `errno`.
    struct LaunchFailure: Error {
        var text: String
    }

    /// Starts `shell -c command`; every descriptor it opened is closed again when it fails.
    static func spawn(_ command: String, shell: String) -> Result<ChildProcess, LaunchFailure> {
        let stdoutPipe: (read: Int32, write: Int32)
        let stderrPipe: (read: Int32, write: Int32)
        switch makePipe() {
        case .success(let pipe): stdoutPipe = pipe
        case .failure(let failure): return .failure(failure)
        }
        switch makePipe() {
        case .success(let pipe): stderrPipe = pipe
        case .failure(let failure):
            closeAll(stdoutPipe.read, stdoutPipe.write)
            return .failure(failure)
        }
        defer { closeAll(stdoutPipe.write, stderrPipe.write) }

        switch spawnShell(shell, command, stdout: stdoutPipe.write, stderr: stderrPipe.write) {
        case .success(let pid):
            return .success(ChildProcess(pid: pid, stdoutFD: stdoutPipe.read, stderrFD: stderrPipe.read))
        case .failure(let failure):
            closeAll(stdoutPipe.read, stderrPipe.read)
            return .failure(failure)
        }
    }

    private static func spawnShell(
        _ shell: String, _ command: String, stdout: Int32, stderr: Int32
    ) -> Result<pid_t, LaunchFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, stderr, STDERR_FILENO)
        // The pipes are close-on-exec already; this also keeps sockets that libraries opened without
        // O_CLOEXEC out of commands (and out of daemons they leave behind).
        _ = GlibcExtensions.addCloseFrom?(&actions, STDERR_FILENO + 1)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)

        let words: [String] = [shell, "-c", command]
        let arguments = words.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let code = (arguments + [nil]).withUnsafeBufferPointer { argv in
            posix_spawn(&pid, shell, &actions, &attributes, argv.baseAddress!, environ)
        }
        guard code == 0 else { return .failure(LaunchFailure(text: CommandMessages.commandSpawnFailed(shell, reason: code))) }
        return .success(pid)
    }

    /// A pipe whose ends are close-on-exec and above the standard descriptors (so `dup2` onto 0-2 never
    /// meets itself even when LoadRunner was started with one of them closed).
    private static func makePipe() -> Result<(read: Int32, write: Int32), LaunchFailure> {
        var fds: [Int32] = [-1, -1]
        let created = if let pipe2 = GlibcExtensions.pipe2 {
            pipe2(&fds, O_CLOEXEC) == 0
        } else {
            pipe(&fds) == 0 && fds.allSatisfy { fcntl($0, F_SETFD, FD_CLOEXEC) == 0 }
        }
        guard created else {
            let failure = LaunchFailure(text: CommandMessages.commandPipeFailed(reason: errno))
            closeAll(fds[0], fds[1])
            return .failure(failure)
        }
        for index in fds.indices where fds[index] <= STDERR_FILENO {
            let moved = fcntl(fds[index], F_DUPFD_CLOEXEC, STDERR_FILENO + 1)
            let reason = errno
            close(fds[index])
            fds[index] = moved
            if moved < 0 {
                closeAll(fds[0], fds[1])
                return .failure(LaunchFailure(text: CommandMessages.commandPipeFailed(reason: reason)))
            }
        }
        return .success((fds[0], fds[1]))
    }

    private static func closeAll(_ fds: Int32...) {
        for fd in fds where fd >= 0 { close(fd) }
    }
}
