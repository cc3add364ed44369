import Logging
import Synchronization

/// Knows which node is the primary now, and finds out again when a write says that it moved.
///
/// Node names are fixed but roles are not: after a failover `replica1` is the primary. A discovery
/// (``NodeProbe``) runs at start and whenever a write hits a standby (SQLSTATE 25006) or cannot reach its node.
/// One discovery runs at a time and every caller joins it; under a storm of errors a new one starts at most every
/// ``minimumInterval``, and a write that only waits long for a connection asks for one at most every
/// ``suspicionInterval``. Requests read the cached answer without a lock.
final class PrimaryTracker: Sendable {
    private struct State {
        var topology: Topology?
        var inFlight: Task<Topology, Never>?
        /// When the latest discovery started, or is due to start.
        var lastStart: ContinuousClock.Instant?
    }

    /// Shortest time between the starts of two discoveries after write errors.
    let minimumInterval: Duration
    /// Shortest time between discoveries asked for by ``suspect(_:)``.
    let suspicionInterval: Duration

    private let probe: NodeProbe
    private let logger: Logger
    private let clock = ContinuousClock()
    private let state = Mutex(State())
    /// The writer as an index into `DatabaseNode.allCases`, or -1 when no single primary was found.
    private let writerIndex = Atomic<Int>(-1)
    /// The last node seen as the primary, as an index; starts at `.primary`, the lab's layout before any failover.
    private let routingIndex = Atomic<Int>(0)

    init(
        probe: NodeProbe, logger: Logger,
        minimumInterval: Duration = .milliseconds(200), suspicionInterval: Duration = .seconds(1)
    ) {
        self.probe = probe
        self.logger = logger
        self.minimumInterval = minimumInterval
        self.suspicionInterval = suspicionInterval
    }

    /// The node that takes writes now, or `nil` when the last discovery found none (or more than one).
    var writer: DatabaseNode? { DatabaseNode(index: writerIndex.load(ordering: .relaxed)) }

    /// Where `--reads primary` reads go: the writer, or when none is known the last node seen as primary.
    var routingPrimary: DatabaseNode { DatabaseNode(index: routingIndex.load(ordering: .relaxed)) ?? .primary }

    /// Where `--reads replicas` reads go: every node but ``routingPrimary``, reachable or not.
    var standbys: [DatabaseNode] {
        let primary = routingPrimary
        return DatabaseNode.allCases.filter { $0 != primary }
    }

    /// What the last discovery found, or `nil` before the first one finished.
    var topology: Topology? { state.withLock { $0.topology } }

    /// Starts the first discovery without waiting for it (the server starts even when every node is down).
    func start() {
        state.withLock { _ = startDiscovery(&$0) }
    }

    /// The writer; when none is known, discovers (or joins the discovery under way) first.
    func currentWriter() async -> DatabaseNode? {
        if let writer { return writer }
        return await rediscover(after: nil)
    }

    /// Discovers again after a write on `failed` found a standby or no connection, and returns the new writer.
    ///
    /// Returns at once when another request already moved the writer away from `failed`; otherwise joins the
    /// discovery under way or starts one, no sooner than ``minimumInterval`` after the previous start.
    func rediscover(after failed: DatabaseNode?) async -> DatabaseNode? {
        let task: Task<Topology, Never>? = state.withLock { state in
            if let current = writer, current != failed { return nil }
            return startDiscovery(&state)
        }
        guard let task else { return writer }
        _ = await task.value
        return writer
    }

    /// A write has waited long for a connection to `node`: checks in the background whether it is still the
    /// primary, unless a discovery runs or started less than ``suspicionInterval`` ago.
    func suspect(_ node: DatabaseNode) {
        state.withLock { state in
            guard writer == node, state.inFlight == nil else { return }
            if let last = state.lastStart, last.duration(to: clock.now) < suspicionInterval { return }
            _ = startDiscovery(&state)
        }
    }

    /// The discovery under way, or a new one due ``minimumInterval`` after the previous start. Call with the lock held.
    private func startDiscovery(_ state: inout State) -> Task<Topology, Never> {
        if let running = state.inFlight { return running }
        let now = clock.now
        let due = state.lastStart.map { max(now, $0.advanced(by: minimumInterval)) } ?? now
        state.lastStart = due
        let task = Task { [self] in
            if due > clock.now { try? await Task.sleep(until: due, clock: clock) }
            let topology = await probe.discover()
            finish(topology)
            return topology
        }
        state.inFlight = task
        return task
    }

    private func finish(_ topology: Topology) {
        let (previousWriter, previousTopology) = state.withLock { state in
            let previous = (writer, state.topology)
            state.topology = topology
            state.inFlight = nil
            writerIndex.store(topology.writer?.index ?? -1, ordering: .relaxed)
            if let writer = topology.writer { routingIndex.store(writer.index, ordering: .relaxed) }
            return previous
        }
        if let writer = topology.writer {
            if writer != previousWriter || previousTopology == nil {
                logger.notice("\(Messages.writerFound(writer, previous: previousWriter, topology))")
            }
        } else if topology != previousTopology {
            logger.error("\(Messages.noWriterFound(topology))")
        }
    }
}

extension DatabaseNode {
    /// Position in `allCases`, for storing a node in an `Atomic<Int>`.
    var index: Int { DatabaseNode.allCases.firstIndex(of: self)! }

    /// The node at `index` in `allCases`, or `nil` when it is out of range (-1 stands for "none").
    init?(index: Int) {
        guard DatabaseNode.allCases.indices.contains(index) else { return nil }
        self = DatabaseNode.allCases[index]
    }
}
