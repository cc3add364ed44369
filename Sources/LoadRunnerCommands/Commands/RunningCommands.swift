import Foundation
import Synchronization

/// What a command is for, as a person reads it in "stopping: ending action "x" (pid 123)".
package enum CommandRole: Sendable, Equatable, CustomStringConvertible {
    case action(String)
    case check(String)
    case monitor(String)

    package var description: String {
        switch self {
        case .action(let name): "action \"\(name)\""
        case .check(let name): "check \"\(name)\""
        case .monitor(let name): "monitor \"\(name)\""
        }
    }

    var isAction: Bool { if case .action = self { true } else { false } }
}

/// A command that has been started and not yet reaped: its process group, role and timing.
package struct RunningCommand: Sendable, Equatable {
    /// The shell's pid, which is also the id of the command's process group.
    package var pid: pid_t
    package var role: CommandRole
    /// When it started and its timeout, in run microseconds.
    package var startMicros: Int64
    package var timeoutMicros: Int64
}

/// Every command a run has started and not yet reaped, so a stop can reach their process groups at once.
///
/// A command is registered right after it is spawned and removed right before its shell is reaped, so a pid
/// in here always names a live (or zombie, never reused) process group. Once `stopAll` was called, every
/// group, including those registered later, gets SIGTERM at once; the command's watcher sends SIGKILL after
/// its grace (`CommandWatch.killGrace`). Thread-safe; signalled from the signal-handling thread.
package final class RunningCommands: Sendable {
    private struct State {
        var commands: [pid_t: RunningCommand] = [:]
        var stopping = false
    }

    private let state = Mutex(State())

    package init() {}

    /// The commands running now, oldest first.
    package var running: [RunningCommand] {
        state.withLock { Array($0.commands.values) }.sorted { ($0.startMicros, $0.pid) < ($1.startMicros, $1.pid) }
    }

    /// True once `stopAll` was called: commands are being ended, and none should start.
    package var isStopping: Bool { state.withLock { $0.stopping } }

    /// Sends SIGTERM to every running command's process group, and to those registered from now on; returns
    /// the commands it reached, oldest first. Calling it again sends nothing more.
    @discardableResult
    package func stopAll() -> [RunningCommand] {
        let reached = state.withLock { state -> [RunningCommand] in
            guard !state.stopping else { return [] }
            state.stopping = true
            return Array(state.commands.values)
        }
        reached.forEach { kill(-$0.pid, SIGTERM) }
        return reached.sorted { ($0.startMicros, $0.pid) < ($1.startMicros, $1.pid) }
    }

    /// Sends SIGKILL to every running command's process group (a second Ctrl-C: nothing is left behind).
    package func killAll() {
        let pids = state.withLock { state in
            state.stopping = true
            return Array(state.commands.keys)
        }
        pids.forEach { kill(-$0, SIGKILL) }
    }

    /// Records a just-spawned command; a stop already under way reaches it at once.
    func register(_ command: RunningCommand) {
        let stopping = state.withLock { state in
            state.commands[command.pid] = command
            return state.stopping
        }
        if stopping { kill(-command.pid, SIGTERM) }
    }

    /// Forgets a command whose shell is about to be reaped (its pid may then be reused).
    func remove(pid: pid_t) {
        _ = state.withLock { $0.commands.removeValue(forKey: pid) }
    }
}
