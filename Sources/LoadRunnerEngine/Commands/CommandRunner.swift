import Foundation
import LoadRunnerModel

/// Runs a profile's shell commands (actions, checks, command monitor samples) and says what each did.
///
/// Each command runs as `/bin/sh -c COMMAND` in LoadRunner's working directory with its environment, in a
/// process group of its own, reading `/dev/null`; see `ChildProcess`. A thread of its own per command
/// waits for it (see `ChildWatch`), so Swift's pool is never blocked. At `timeout` the whole group gets
/// SIGTERM, then SIGKILL 2 s later. Nothing here throws or crashes: a command that cannot start is a
/// `CommandRun` with a `launchError`.
///
/// Every command is registered in `commands` while it runs, so a stop of the run (Ctrl-C) reaches its process
/// group at once (`RunningCommands.stopAll`).
struct CommandRunner: Sendable {
    private let clock: RunClock
    /// The commands started and not yet reaped.
    let commands: RunningCommands
    /// The shell that runs the commands; only tests change it (to one that does not exist).
    private let shell: String

    init(clock: RunClock, commands: RunningCommands = RunningCommands(), shell: String = "/bin/sh") {
        self.clock = clock
        self.commands = commands
        self.shell = shell
    }

    /// True once the run is stopping: commands still running are being ended, and no new one should start.
    var isStopping: Bool { commands.isStopping }

    /// Runs `command` to its end and returns what it did, with times in run seconds.
    ///
    /// Cancelling the awaiting task does not stop the command: it still ends within `timeout` (plus the
    /// 2 s grace before SIGKILL), and this returns then.
    func run(_ command: String, timeout: Duration, role: CommandRole) async -> CommandRun {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in continuation.resume(returning: runHere(command, timeout: timeout, role: role)) }
            thread.name = "command"
            thread.stackSize = 512 << 10
            thread.start()
        }
    }

    /// Runs `command` on the calling thread, blocking it until the command ends.
    private func runHere(_ command: String, timeout: Duration, role: CommandRole) -> CommandRun {
        let startMicros = clock.nowMicros()
        let child: ChildProcess
        switch ChildProcess.spawn(command, shell: shell) {
        case .success(let spawned): child = spawned
        case .failure(let failure):
            let seconds = Self.seconds(micros: startMicros)
            return CommandRun(
                startSeconds: seconds, endSeconds: seconds, exitStatus: nil, signal: nil, timedOut: false,
                launchError: failure.text, stdout: "", stderr: "")
        }
        let timeoutMicros = Self.micros(timeout)
        commands.register(RunningCommand(pid: child.pid, role: role, startMicros: startMicros, timeoutMicros: timeoutMicros))
        let ending = ChildWatch.wait(
            for: child, clock: clock, deadlineMicros: startMicros + timeoutMicros,
            keptBytes: CommandRun.keptOutputBytes, commands: commands)
        return CommandRun(
            startSeconds: Self.seconds(micros: startMicros), endSeconds: Self.seconds(micros: ending.exitMicros),
            exitStatus: ending.exitStatus, signal: ending.signal, timedOut: ending.timedOut, launchError: nil,
            stdout: ending.stdout, stderr: ending.stderr)
    }

    private static func seconds(micros: Int64) -> Double { Double(micros) / 1_000_000 }

    /// `duration` in whole microseconds, never negative; absurdly long ones (over 70,000 years) are cut short
    /// so that adding a run time cannot overflow.
    static func micros(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64.max / 4_000_000 else { return Int64.max / 4 }
        return max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }
}
