import Foundation
import LoadRunnerEngine
import Subprocess

/// Sees a started command through to its end inside Subprocess's `run` body: notices the shell's exit,
/// enforces the deadline, and follows a stop of the run.
///
/// At the deadline the command's process group gets SIGTERM, and SIGKILL 2 s later if the shell has not
/// exited by then (Subprocess's teardown sequence, sent to the group). A stop of the run
/// (`RunningCommands.stopAll`, which sends SIGTERM to the group itself from the signal-handling thread,
/// where no `Execution` is at hand) is followed the same way: SIGKILL after the same grace, but the command
/// does not count as timed out.
///
/// Written by hand: Subprocess's `run` body is not told when the process exits (only its own output
/// streams are), so this looks with `waitid(WNOWAIT)`, which leaves the shell a zombie for Subprocess to
/// reap after the body returns; its pid, the group's id, cannot be reused while it is signalled.
struct CommandWatch {
    /// How long a process group has between SIGTERM and SIGKILL.
    static let killGrace = Duration.seconds(2)
    /// The longest pause between looks at the shell, in microseconds.
    static let maxIdleMicros: Int64 = 50_000

    /// How the command ended.
    struct Ending: Sendable {
        /// Run time at which the shell was seen to have exited, in microseconds.
        var exitMicros: Int64
        var timedOut: Bool
    }

    let pid: pid_t
    let clock: RunClock
    let deadlineMicros: Int64
    let commands: RunningCommands

    /// Waits for the shell to exit; at the deadline or a stop, runs `teardown` (Subprocess's, on this
    /// execution) with the steps that end the group, and returns once the shell has exited.
    func wait(teardown: ([TeardownStep]) async -> Void) async -> Ending {
        var idleMicros: Int64 = 1_000
        while true {
            let now = clock.nowMicros()
            if shellHasExited() { return Ending(exitMicros: now, timedOut: false) }
            if now >= deadlineMicros {
                await teardown([.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: Self.killGrace)])
                return Ending(exitMicros: clock.nowMicros(), timedOut: true)
            }
            if commands.isStopping {
                // SIGTERM went to the group already; signal 0 sends nothing and waits out the grace.
                await teardown([.send(signal: Signal(rawValue: 0), toProcessGroup: true, allowedDurationToNextStep: Self.killGrace)])
                return Ending(exitMicros: clock.nowMicros(), timedOut: false)
            }
            let wake = min(now + idleMicros, deadlineMicros)
            try? await Task.sleep(for: .microseconds(max(0, wake - now)))
            idleMicros = min(idleMicros * 2, Self.maxIdleMicros)
        }
    }

    /// True once the shell exited, without reaping it; also true when it cannot be waited for at all
    /// (someone else reaped it).
    private func shellHasExited() -> Bool {
        var info = siginfo_t()
        if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
            return info._sifields._sigchld.si_pid == pid
        }
        return errno != EINTR
    }
}
