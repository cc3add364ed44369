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

        /// Creates a configuration; the defaults are no delay, one thread and 10,000 users.
        public init(fixedDelay: Duration? = nil, eventLoopThreads: Int = 1, userCount: Int = 10_000) {
            self.fixedDelay = fixedDelay
            self.eventLoopThreads = eventLoopThreads
            self.userCount = userCount
        }
    }

    /// Why a `TestHTTPServer` could not start.
    public struct StartError: Error, CustomStringConvertible, Equatable {
        /// What went wrong and what to do about it.
        public var description: String
    }
}
