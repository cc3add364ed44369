extension TestHTTPServer {
    /// How a `TestHTTPServer` behaves; every field has a default suited to unit tests.
    public struct Configuration: Sendable, Equatable {
        /// Latency added to every `/user/...` response (for the demo and latency benchmarks), or nil
        /// for none. Other routes are never delayed by it.
        public var fixedDelay: Duration?
        /// Event-loop threads serving connections; values below 1 count as 1.
        public var eventLoopThreads: Int
        /// Users in the deterministic demo table behind the `/user/...` routes; values below 0 count as 0.
        public var userCount: Int
        /// Extra routes, by exact path: a request answers 200 with the given JSON text (e.g. a data source's
        /// array). They never shadow the fixed routes.
        public var jsonRoutes: [String: String]

        /// Creates a configuration; the defaults are no delay, one thread, 10,000 users and no extra routes.
        public init(fixedDelay: Duration? = nil, eventLoopThreads: Int = 1, userCount: Int = 10_000,
                    jsonRoutes: [String: String] = [:]) {
            self.fixedDelay = fixedDelay
            self.eventLoopThreads = eventLoopThreads
            self.userCount = userCount
            self.jsonRoutes = jsonRoutes
        }
    }

    /// Why a `TestHTTPServer` could not start.
    public struct StartError: Error, CustomStringConvertible, Equatable {
        /// What went wrong and what to do about it.
        public var description: String
    }
}
