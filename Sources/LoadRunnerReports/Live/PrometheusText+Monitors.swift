import LoadRunnerModel

/// The monitors' (`monitors:`) latest readings in `/metrics`: each process tree's liveness, process count, CPU in
/// cores, memory and disk I/O in bytes; each command monitor's value with its unit as a label. A value the reading
/// does not have (a process down, an unreadable `/proc/<pid>/io`, a command that printed no number) has no sample.
extension PrometheusText {
    /// The families of process monitors: name, help, and the value of a reading (nil: no sample).
    private static var processFamilies: [(name: String, help: String, value: @Sendable (MonitorSecond) -> Double?)] { [
        ("loadrunner_monitor_up", "1 while the monitored process is running, 0 when it is down.", { $0.alive ? 1 : 0 }),
        ("loadrunner_monitor_processes", "Processes in the monitored tree, its root included.", { Double($0.processCount) }),
        ("loadrunner_monitor_cpu_ratio", "CPU use of the monitored tree in the last second, in cores (1 = one core busy).",
         { $0.cpuPercent.map { $0 / 100 } }),
        ("loadrunner_monitor_pss_bytes", "Proportional set size of the monitored tree (shared memory counted once).",
         { $0.pssBytes.map { Double($0) } }),
        ("loadrunner_monitor_rss_bytes", "Resident memory of the monitored tree, summed over its processes.",
         { $0.rssBytes.map { Double($0) } }),
        ("loadrunner_monitor_read_bytes_per_second", "Bytes the monitored tree read from storage in the last second.",
         { $0.readBytesPerSecond }),
        ("loadrunner_monitor_write_bytes_per_second", "Bytes the monitored tree wrote to storage in the last second.",
         { $0.writeBytesPerSecond }),
    ] }

    static func monitors(_ out: inout PrometheusExposition, _ readings: [MonitorReading]) {
        let processes = readings.compactMap { reading -> (String, MonitorSecond)? in
            if case .process(let name, let second) = reading { return (name, second) }
            return nil
        }
        if !processes.isEmpty {
            for family in processFamilies {
                Self.family(&out, family.name, "gauge", family.help)
                for (name, second) in processes {
                    guard let value = family.value(second), value.isFinite else { continue }
                    sample(&out, family.name, [("monitor", name)], value)
                }
            }
        }
        let commands = readings.compactMap { reading -> (String, String, CommandMonitorSample)? in
            if case .command(let name, let unit, let taken) = reading { return (name, unit, taken) }
            return nil
        }
        if !commands.isEmpty {
            family(&out, "loadrunner_command_monitor_value", "gauge", "A command monitor's latest value, in the unit its label names.")
            for (name, unit, taken) in commands {
                guard let value = taken.value, value.isFinite else { continue }
                sample(&out, "loadrunner_command_monitor_value", [("monitor", name), ("unit", unit)], value)
            }
        }
    }
}
