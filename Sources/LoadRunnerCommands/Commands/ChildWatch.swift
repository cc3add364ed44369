import Foundation
import LoadRunnerEngine

/// Sees a spawned child through to its end on the calling thread: reads both output pipes with `poll`,
/// enforces the deadline, and reaps the shell. It blocks, so it runs on a thread of its own, never on
/// Swift's pool.
///
/// At the deadline the child's process group gets SIGTERM, and SIGKILL 2 s later if the shell has not
/// exited and closed its output by then. Output is read until both pipes close, but at most 300 ms past
/// the shell's exit (past the SIGKILL after a timeout): a background process that keeps a pipe open, such
/// as a daemon that did not redirect its output, is left running and not waited for. The shell is left
/// a zombie until the end so that its pid, which is the group's id, cannot be reused while we signal it.
///
/// A stop of the run (`RunningCommands.stopAll`, which sends SIGTERM itself) is treated like the deadline:
/// SIGKILL follows after the same grace, but the command does not count as timed out.
struct ChildWatch {
    /// How long a timed-out process group has between SIGTERM and SIGKILL, in microseconds.
    static let killGraceMicros: Int64 = 2_000_000
    /// How long output is still read after the shell exited, in microseconds.
    static let drainMicros: Int64 = 300_000
    /// The longest pause between checks whether the shell exited while its pipes are quiet, in microseconds.
    static let maxIdleMicros: Int64 = 50_000
    static let readChunkBytes = 64 * 1024

    /// How the child ended and what it wrote.
    struct Ending {
        /// Run time at which the shell was seen to have exited, in microseconds.
        var exitMicros: Int64
        var exitStatus: Int?
        var signal: Int?
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    private let child: ChildProcess
    private let clock: RunClock
    private let deadlineMicros: Int64
    private let commands: RunningCommands
    /// Our read ends of stdout and stderr; -1 once closed.
    private var fds: [Int32]
    private var outputs: [OutputTail]
    private var exitedMicros: Int64?
    /// When SIGKILL is due: set when SIGTERM was sent at the deadline.
    private var killMicros: Int64?
    private var killSent = false
    /// True when SIGTERM came from the deadline (rather than from a stop of the run).
    private var deadlineReached = false
    private var idleMicros: Int64 = 1_000

    /// Waits for `child` to end (killing its group at `deadlineMicros`, a run time) and reaps it; closes
    /// the pipes. `child` must be registered in `commands`; it is removed from there just before it is reaped.
    static func wait(
        for child: ChildProcess, clock: RunClock, deadlineMicros: Int64, keptBytes: Int, commands: RunningCommands
    ) -> Ending {
        var watch = ChildWatch(
            child: child, clock: clock, deadlineMicros: deadlineMicros, keptBytes: keptBytes, commands: commands)
        return watch.run()
    }

    private init(child: ChildProcess, clock: RunClock, deadlineMicros: Int64, keptBytes: Int, commands: RunningCommands) {
        self.child = child
        self.clock = clock
        self.deadlineMicros = deadlineMicros
        self.commands = commands
        fds = [child.stdoutFD, child.stderrFD]
        outputs = [OutputTail(limit: keptBytes), OutputTail(limit: keptBytes)]
    }

    private mutating func run() -> Ending {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunkBytes, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let now = clock.nowMicros()
            if exitedMicros == nil, shellHasExited() { exitedMicros = now }
            enforceDeadline(now: now)
            guard let wake = nextWake(now: now) else { break }
            readOutput(waitingUntil: wake, now: now, buffer: buffer)
        }
        for index in fds.indices { closePipe(index) }
        commands.remove(pid: child.pid)
        let (exitStatus, signal) = reap()
        return Ending(
            exitMicros: exitedMicros ?? clock.nowMicros(), exitStatus: exitStatus, signal: signal,
            timedOut: deadlineReached, stdout: outputs[0].text, stderr: outputs[1].text)
    }

    private mutating func enforceDeadline(now: Int64) {
        if exitedMicros == nil, killMicros == nil, now >= deadlineMicros {
            kill(-child.pid, SIGTERM)
            killMicros = now + Self.killGraceMicros
            deadlineReached = true
        }
        if exitedMicros == nil, killMicros == nil, commands.isStopping {
            killMicros = now + Self.killGraceMicros
        }
        if let killMicros, !killSent, now >= killMicros {
            kill(-child.pid, SIGKILL)
            killSent = true
        }
    }

    /// When to look again, or nil when the watch is over.
    private func nextWake(now: Int64) -> Int64? {
        var pending: [Int64] = []
        if let killMicros, !killSent { pending.append(killMicros) }
        if let exitedMicros {
            guard fds.contains(where: { $0 >= 0 }) else { return nil }
            let drainEnd = max(exitedMicros, killMicros ?? exitedMicros) + Self.drainMicros
            guard now < drainEnd else { return nil }
            pending.append(drainEnd)
        } else {
            pending.append(now + idleMicros)
            if killMicros == nil { pending.append(deadlineMicros) }
        }
        return pending.min()
    }

    /// Polls the open pipes until `waitingUntil` and reads once from each that is ready.
    private mutating func readOutput(waitingUntil wake: Int64, now: Int64, buffer: UnsafeMutableRawBufferPointer) {
        let open = fds.indices.filter { fds[$0] >= 0 }
        var polled = open.map { pollfd(fd: fds[$0], events: Int16(POLLIN), revents: 0) }
        let timeoutMillis = Int32(clamping: max(0, (wake - now + 999) / 1_000))
        let ready = poll(&polled, nfds_t(polled.count), timeoutMillis)
        guard ready > 0 else {
            idleMicros = min(idleMicros * 2, Self.maxIdleMicros)
            return
        }
        idleMicros = 1_000
        for (index, entry) in zip(open, polled) where entry.revents != 0 {
            let count = read(fds[index], buffer.baseAddress, buffer.count)
            if count > 0 {
                outputs[index].append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                closePipe(index)
            }
        }
    }

    /// True once the shell exited, without reaping it; also true when it cannot be waited for at all
    /// (someone else reaped it).
    private func shellHasExited() -> Bool {
        var info = siginfo_t()
        if waitid(P_PID, id_t(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
            return info._sifields._sigchld.si_pid == child.pid
        }
        return errno != EINTR
    }

    /// Reaps the exited shell: its exit status, or the signal that ended it.
    private func reap() -> (exitStatus: Int?, signal: Int?) {
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0 {
            if errno != EINTR { return (nil, nil) }
        }
        // The <sys/wait.h> macros, which Swift does not import: the low 7 bits hold the signal, 0 for exit.
        let signal = Int(status & 0x7F)
        return signal == 0 ? (Int((status >> 8) & 0xFF), nil) : (nil, signal)
    }

    private mutating func closePipe(_ index: Int) {
        guard fds[index] >= 0 else { return }
        close(fds[index])
        fds[index] = -1
    }
}
