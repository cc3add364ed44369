extension TestHTTPServer {
    /// How a `TestHTTPServer` behaves; every field has a default suited to unit tests.
    package struct Configuration: Sendable, Equatable {
        /// Latency added to every `/user/...` response (for the demo and latency benchmarks), or nil
        /// for none. Other routes are never delayed by it.
        package var fixedDelay: Duration?
        /// Event-loop threads serving connections; values below 1 count as 1.
        package var eventLoopThreads: Int
        /// Users in the deterministic demo table behind the `/user/...` routes; values below 0 count as 0.
        package var userCount: Int
        /// Extra routes, by exact path: a request answers 200 with the given JSON text (e.g. a data source's
        /// array). They never shadow the fixed routes.
        package var jsonRoutes: [String: String]

        /// Creates a configuration; the defaults are no delay, one thread, 10,000 users and no extra routes.
        package init(fixedDelay: Duration? = nil, eventLoopThreads: Int = 1, userCount: Int = 10_000,
                    jsonRoutes: [String: String] = [:]) {
            self.fixedDelay = fixedDelay
            self.eventLoopThreads = eventLoopThreads
            self.userCount = userCount
            self.jsonRoutes = jsonRoutes
        }
    }

    /// Why a `TestHTTPServer` could not start.
    package struct StartError: Error, CustomStringConvertible, Equatable {
        /// What went wrong and what to do about it.
        package var description: String
    }
}
