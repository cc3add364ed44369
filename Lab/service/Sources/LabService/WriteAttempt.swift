import Logging
import PostgresNIO
import Synchronization

/// How one insert attempt on one node ended.
enum WriteOutcome: Sendable {
    /// The commit returned (with synchronous replication: after the standbys confirmed); the new row's id.
    case committed(id: Int64)
    /// Certainly nothing was written: the statement never reached the server, or the server rolled it back.
    case notWritten(NotWritten)
    /// The statement was sent but no commit came back: the row may exist. Never retried.
    case unknown(Unknown)

    /// Why nothing was written.
    enum NotWritten: Sendable {
        /// SQLSTATE 25006: the node is a standby now. Retried on the primary found by a new discovery.
        case readOnly(String)
        /// No connection to the node could be made. Retried on the primary found by a new discovery.
        case cannotConnect(String)
        /// While this attempt waited for a connection, a discovery found another writer (or none).
        case writerMoved(to: DatabaseNode?)
        /// The server answered ERROR (the autocommit statement was rolled back): a missing table, bad data.
        case rejected(String)
        /// No connection became free before the deadline (node overloaded or stuck).
        case noConnectionInTime
    }

    /// Why the outcome is unknown.
    enum Unknown: Sendable {
        /// The deadline passed while the statement ran (a synchronous commit waiting for standbys, or a slow node).
        case timedOut
        /// The connection failed, or the server ended it (FATAL), after the statement was sent.
        case connectionLost(String)
    }
}

/// One try of `insert into template ... returning id` on one node, as a single autocommit statement, ending by a
/// deadline.
///
/// The attempt knows whether the statement was sent (``SendGate``), which is what makes a retry safe or not.
/// While it waits for a pooled connection it also watches ``PrimaryTracker``: when a discovery moves the writer
/// to another node it gives up (nothing was sent), so writes follow a failover without waiting out the timeout.
struct WriteAttempt: Sendable {
    var node: DatabaseNode
    var client: PostgresClient
    var tracker: PrimaryTracker
    var name: String
    var body: String
    var deadline: ContinuousClock.Instant
    /// How long the attempt waits for a connection before asking the tracker to check the node.
    var suspectAfter: Duration = .milliseconds(250)
    var logger: Logger

    /// Runs the attempt; returns by ``deadline`` (plus scheduling delay) whatever the node does.
    func run() async -> WriteOutcome {
        let gate = SendGate()
        let first = FirstOffer<WriteOutcome>()
        let attempt = self
        let worker = Task { first.offer(await attempt.insert(gate)) }
        let supervisor = Task { await attempt.supervise(gate, first) }
        let outcome = await first.value()
        supervisor.cancel()
        if gate.isAbandoned { worker.cancel() }  // stops the wait for a connection; a sent statement runs on
        return outcome
    }

    private func insert(_ gate: SendGate) async -> WriteOutcome {
        do {
            let id = try await client.withConnection { connection in
                guard gate.markSent() else { throw Abandoned() }
                let rows = try await connection.query(
                    "insert into template (name, body) values (\(name), \(body)) returning id", logger: logger)
                for try await id in rows.decode(Int64.self) { return id }
                throw MissingID()
            }
            return .committed(id: id)
        } catch {
            return Self.classify(error, sent: gate.isSent)
        }
    }

    /// Ends the attempt at the deadline, or early when the writer moved while it still waits for a connection.
    ///
    /// Most inserts finish before its first look at ``suspectAfter``; only an attempt still waiting then polls the
    /// tracker, every ``pollInterval``.
    private func supervise(_ gate: SendGate, _ first: FirstOffer<WriteOutcome>) async {
        let clock = ContinuousClock()
        var wake = clock.now.advanced(by: suspectAfter)
        var suspected = false
        while true {
            do {
                try await Task.sleep(until: min(deadline, wake), clock: clock)
            } catch {
                return  // cancelled: the worker finished first
            }
            if clock.now >= deadline {
                first.offer(gate.abandon() ? .notWritten(.noConnectionInTime) : .unknown(.timedOut))
                return
            }
            if gate.isWaiting {
                let writer = tracker.writer
                if writer != node, gate.abandon() {
                    first.offer(.notWritten(.writerMoved(to: writer)))
                    return
                }
                if !suspected {
                    suspected = true
                    tracker.suspect(node)
                }
            }
            wake = clock.now.advanced(by: Self.pollInterval)
        }
    }

    /// How often an attempt that waits for a connection looks whether a discovery moved the writer.
    static let pollInterval: Duration = .milliseconds(50)

    /// What an error means for the row: written or not, known or not.
    ///
    /// Before the statement was sent nothing can have been written. After it, only an ERROR is certain: an
    /// autocommit statement that fails is rolled back. A FATAL (for instance 57P01 when the node shuts down during
    /// the wait for synchronous standbys) or a lost connection can come after the commit was written locally.
    static func classify(_ error: any Error, sent: Bool) -> WriteOutcome {
        let reason = ErrorReason.describe(error)
        guard sent else { return .notWritten(.cannotConnect(reason)) }
        if ErrorReason.sqlState(error) == "25006" { return .notWritten(.readOnly(reason)) }
        if ErrorReason.severity(error) == "ERROR" { return .notWritten(.rejected(reason)) }
        return .unknown(.connectionLost(reason))
    }

    private struct Abandoned: Error {}

    private struct MissingID: Error, CustomStringConvertible {
        var description: String { "insert ... returning id returned no row" }
    }
}

/// Whether an attempt's statement has been sent, settled once under a lock: the worker marks it sent just before
/// sending, the supervisor abandons it only while it is still waiting. Exactly one of the two wins.
final class SendGate: Sendable {
    private enum Phase { case waiting, sent, abandoned }
    private let phase = Mutex(Phase.waiting)

    /// Moves from waiting to sent; `false` when the attempt was abandoned first (then the statement must not be sent).
    func markSent() -> Bool { move(to: .sent) }

    /// Moves from waiting to abandoned; `false` when the statement was already sent.
    func abandon() -> Bool { move(to: .abandoned) }

    var isWaiting: Bool { phase.withLock { $0 == .waiting } }
    var isSent: Bool { phase.withLock { $0 == .sent } }
    var isAbandoned: Bool { phase.withLock { $0 == .abandoned } }

    private func move(to next: Phase) -> Bool {
        phase.withLock { phase in
            guard phase == .waiting else { return false }
            phase = next
            return true
        }
    }
}
