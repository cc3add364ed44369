import Foundation
import LoadRunnerModel
import LoadRunnerEngine
import Subprocess
import SystemPackage

/// Runs a profile's shell commands (actions, checks, command monitor samples) and says what each did.
///
/// Each command runs through swift-subprocess as `/bin/sh -c COMMAND` in LoadRunner's working directory with
/// its environment, in a process group of its own (so a Ctrl-C on LoadRunner's terminal does not reach it,
/// and a signal to the group reaches everything it started), reading `/dev/null`, with default signal
/// handling, an empty signal mask and no other descriptor. Its standard output and error go to temporary
/// files (`OutputFile`) whose last `ShellOutcome.keptOutputBytes` are kept. At `timeout` the whole group gets
/// SIGTERM, then SIGKILL 2 s later (`CommandWatch`). Nothing here throws or crashes: a command that cannot
/// start is a `ShellOutcome` with a `launchError`.
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
    func run(_ command: String, timeout: Duration, role: CommandRole) async -> ShellOutcome {
        // A task of its own: Subprocess tears a command down when the task running it is cancelled.
        await Task { await runToEnd(command, timeout: timeout, role: role) }.value
    }

    private func runToEnd(_ command: String, timeout: Duration, role: CommandRole) async -> ShellOutcome {
        let startMicros = clock.nowMicros()
        let stdout: OutputFile
        let stderr: OutputFile
        let stdoutFD: Int32
        let stderrFD: Int32
        do throws(OutputFile.Failure) {
            stdout = try OutputFile()
            stderr = try OutputFile()
            stdoutFD = try stdout.descriptorForCommand()
            do throws(OutputFile.Failure) {
                stderrFD = try stderr.descriptorForCommand()
            } catch {
                close(stdoutFD)
                throw error
            }
        } catch {
            return launchFailure(CommandMessages.commandOutputFileFailed(reason: error.reason), atMicros: startMicros)
        }
        let timeoutMicros = Self.micros(timeout)
        var options = PlatformOptions()
        options.processGroupID = 0
        let ending: CommandWatch.Ending
        let status: TerminationStatus
        do {
            let outcome = try await Subprocess.run(
                .path(FilePath(shell)), arguments: ["-c", command], platformOptions: options, input: .none,
                output: .fileDescriptor(FileDescriptor(rawValue: stdoutFD), closeAfterSpawningProcess: true),
                error: .fileDescriptor(FileDescriptor(rawValue: stderrFD), closeAfterSpawningProcess: true)
            ) { execution in
                let pid = execution.processIdentifier.value
                commands.register(RunningCommand(pid: pid, role: role, startMicros: startMicros, timeoutMicros: timeoutMicros))
                // Forgotten before Subprocess reaps the shell, which frees its pid (the group's id).
                defer { commands.remove(pid: pid) }
                return await CommandWatch(
                    pid: pid, clock: clock, deadlineMicros: startMicros + timeoutMicros, commands: commands
                ).wait { steps in await execution.teardown(using: steps) }
            }
            status = outcome.terminationStatus
            ending = outcome.closureResult
        } catch {
            let reason = (error as? SubprocessError)?.underlyingError?.rawValue ?? ENOENT
            return launchFailure(CommandMessages.commandSpawnFailed(shell, reason: reason), atMicros: startMicros)
        }
        let (exitStatus, signal): (Int?, Int?) = switch status {
        case .exited(let code): (Int(code), nil)
        case .signaled(let code): (nil, Int(code))
        }
        return ShellOutcome(
            startSeconds: Self.seconds(micros: startMicros), endSeconds: Self.seconds(micros: ending.exitMicros),
            exitStatus: exitStatus, signal: signal, timedOut: ending.timedOut, launchError: nil,
            stdout: stdout.tail(limit: ShellOutcome.keptOutputBytes).text,
            stderr: stderr.tail(limit: ShellOutcome.keptOutputBytes).text)
    }

    /// What a command that never started did: nothing, at `micros`.
    private func launchFailure(_ text: String, atMicros micros: Int64) -> ShellOutcome {
        let seconds = Self.seconds(micros: micros)
        return ShellOutcome(
            startSeconds: seconds, endSeconds: seconds, exitStatus: nil, signal: nil, timedOut: false,
            launchError: text, stdout: "", stderr: "")
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
