/// One reading of one of the profile's `monitors:` as it is taken during the run, for observers that show it live
/// (`RunObserver.monitorRead`): a process tree's second, or a command monitor's sample.
package enum MonitorReading: Sendable, Equatable {
    /// A process monitor's reading at the end of a run second.
    case process(name: String, MonitorSecond)
    /// A command monitor's sample; `unit` as the profile gives it (may be empty).
    case command(name: String, unit: String, CommandMonitorSample)

    /// The monitor's name, as the profile gives it.
    package var name: String {
        switch self {
        case .process(let name, _), .command(let name, _, _): name
        }
    }
}
