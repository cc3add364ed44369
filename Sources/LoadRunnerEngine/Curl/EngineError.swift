/// Why a run could not start or go on: a failed run, as opposed to a failed request (which is data).
package enum EngineError: Error, Sendable, Equatable {
    /// Something about this machine or process stopped the run (libcurl, threads, file limits).
    case setup(String)
    /// A data source could not be prepared (e.g. its `fetch` failed); the message names the source.
    case dataSource(String)
    /// The profile asks for something this LoadRunner validates but cannot run yet; nothing was sent.
    case unsupported(String)
    /// Ctrl-C or SIGTERM came before any load was sent (e.g. while a `fetch` source was loading).
    case interrupted(String)
}
