/// `monitors:` (process trees sampled once a second during the run).
extension ProfileDecoder {
    static let monitorKeys = ["name", "pid", "pid_file"]

    /// Each entry is `{ name: primary, pid_file: path }` or `{ name: service, pid: 12345 }`. A pid file
    /// resolves from the profile's folder and need not exist yet: the process may start later. An empty
    /// `monitors:` means none.
    mutating func monitors(_ value: YAMLValue) -> [MonitorSpec] {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectMonitors) else { return [] }
        var specs: [MonitorSpec] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let map = map(item, keys: Self.monitorKeys, expected: ProfileMessage.expectMonitor) else { continue }
            let name = required(map, "name", example: ProfileMessage.exampleMonitorName).flatMap { nameValue in
                monitorName(nameValue, index: index, firstIndexByName: &firstIndexByName)
            }
            guard let target = monitorTarget(map), let name else { continue }
            specs.append(MonitorSpec(name: name, target: target))
        }
        return specs
    }

    private mutating func monitorName(_ value: YAMLValue, index: Int, firstIndexByName: inout [String: Int]) -> String? {
        guard let name = text(value, expected: ProfileMessage.expectMonitorName) else { return nil }
        if let first = firstIndexByName[name] {
            report(value, ProfileMessage.duplicateMonitorName(name, firstIndex: first))
            return nil
        }
        firstIndexByName[name] = index
        return name
    }

    /// Exactly one of `pid` (a positive whole number) and `pid_file` (a path).
    private mutating func monitorTarget(_ map: YAMLMap) -> MonitorSpec.Target? {
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
            guard let pid = integer(pidValue, expected: ProfileMessage.expectPid) else { return nil }
            guard pid > 0, pid <= Int(Int32.max) else {
                report(pidValue, ProfileMessage.pidNotPositive(pid))
                return nil
            }
            return .pid(Int32(pid))
        case (nil, .some(let file)):
            return text(file, expected: ProfileMessage.expectPidFile).map { .pidFile(resolve($0)) }
        }
    }
}
