import LoadRunnerModel

/// `monitors:` (process trees sampled once a second, and commands sampled at an interval, during the run).
extension ProfileDecoder {
    static let processMonitorKeys = ["name", "pid", "pid_file"]
    static let commandMonitorKeys = ["name", "run", "every", "unit"]
    /// The shortest interval of a command monitor.
    static let shortestCommandMonitorInterval = Duration.milliseconds(100)

    /// Each entry is `{ name: primary, pid_file: path }` or `{ name: service, pid: 12345 }` (a process
    /// tree), or `{ name: replica1 lag, run: CMD, every: 1s, unit: bytes }` (a command whose numeric output
    /// is sampled; `every` defaults to 1s). A pid file may hold `${NAME}` (filled from the environment now,
    /// as in header values), resolves from the profile's folder and need not exist yet: the process may
    /// start later. An empty `monitors:` means none.
    mutating func monitors(_ value: YAMLValue) -> (processes: [MonitorSpec], commands: [CommandMonitorSpec]) {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectMonitors) else { return ([], []) }
        var processes: [MonitorSpec] = []
        var commands: [CommandMonitorSpec] = []
        var names = UniqueNames()
        for (index, item) in items.enumerated() {
            let isCommand = item.node.mapping?.contains { $0.key.scalar?.string == "run" } ?? false
            let keys = isCommand ? Self.commandMonitorKeys : Self.processMonitorKeys
            guard let map = map(item, keys: keys, expected: ProfileMessage.expectMonitor) else { continue }
            let name = required(map, "name", example: ProfileMessage.exampleMonitorName).flatMap { nameValue in
                monitorName(nameValue, index: index, names: &names)
            }
            if isCommand {
                guard let monitor = commandMonitor(map), let name else { continue }
                commands.append(CommandMonitorSpec(name: name, command: monitor.command, interval: monitor.interval, unit: monitor.unit))
            } else {
                guard let target = monitorTarget(map, name: name), let name else { continue }
                processes.append(MonitorSpec(name: name, target: target))
            }
        }
        return (processes, commands)
    }

    /// `run` (a command), `every` (at least 100ms, default 1s), `unit` (optional text).
    private mutating func commandMonitor(_ map: YAMLMap) -> (command: String, interval: Duration, unit: String)? {
        let command = map["run"].flatMap { self.command($0) }
        let interval = map["every"].map { everyInterval($0) } ?? .seconds(1)
        let unit = map["unit"].map { text($0, expected: ProfileMessage.expectMonitorUnit) } ?? ""
        guard let command, let interval, let unit else { return nil }
        return (command, interval, unit)
    }

    private mutating func everyInterval(_ value: YAMLValue) -> Duration? {
        guard let interval = positiveDuration(value) else { return nil }
        guard interval >= Self.shortestCommandMonitorInterval else {
            report(value, ProfileMessage.monitorIntervalTooShort(value.text ?? ""))
            return nil
        }
        return interval
    }

    private mutating func monitorName(_ value: YAMLValue, index: Int, names: inout UniqueNames) -> String? {
        guard let name = text(value, expected: ProfileMessage.expectMonitorName) else { return nil }
        if let first = names.claim(name, index: index) {
            report(value, ProfileMessage.duplicateMonitorName(name, firstIndex: first))
            return nil
        }
        return name
    }

    /// Exactly one of `pid` (a positive whole number) and `pid_file` (a path, `${NAME}` filled in).
    private mutating func monitorTarget(_ map: YAMLMap, name: String?) -> MonitorSpec.Target? {
        switch (map["pid"], map["pid_file"]) {
        case (nil, nil):
            // A misspelt key (`pidfile`) was reported already, with a did-you-mean: enough said.
            guard map.value.node.mapping?.count == map.entries.count else { return nil }
            report(line: map.value.line, column: map.value.column, keyPath: map.keyPath, ProfileMessage.monitorTargetMissing)
            return nil
        case (.some, .some(let file)):
            report(file, ProfileMessage.monitorTargetAmbiguous)
            return nil
        case (.some(let pidValue), nil):
            guard let pid = integer(pidValue, expected: ProfileMessage.expectPid, in: 1...Int(Int32.max),
                                  advice: ProfileMessage.advisePid) else { return nil }
            guard pid > 0 else {
                report(pidValue, ProfileMessage.pidNotPositive(pid))
                return nil
            }
            return .pid(Int32(pid))
        case (nil, .some(let file)):
            guard let written = text(file, expected: ProfileMessage.expectPidFile),
                  let path = pidFilePath(written, at: file, monitor: name) else { return nil }
            return .pidFile(resolve(path))
        }
    }

    /// `written` with each `${NAME}` replaced by the environment's value; nil (reported, naming the monitor
    /// and the variable) when a variable is unset or a reference malformed. Each name counts as an
    /// environment read, so `run --no-actions` refuses it unless `--allow-env` allows it.
    private mutating func pidFilePath(_ written: String, at value: YAMLValue, monitor: String?) -> String? {
        environmentReads += EnvironmentReferences.names(in: written)
        switch EnvironmentReferences.substitute(written, environment: environment) {
        case .success(let path): return path
        case .failure(.unset(let variable)):
            report(value, ProfileMessage.pidFileVariableUnset(variable, monitor: monitor))
        case .failure(.malformed(let reference)):
            report(value, ProfileMessage.environmentReferenceMalformed(reference))
        }
        return nil
    }
}
