import Logging
import PostgresNIO

/// The write of the service: one row into `template` on the current primary, acknowledged only after its commit
/// returned.
///
/// The rule that keeps "rows == acknowledged writes" true: an insert whose outcome is unknown (sent, then the
/// connection was lost or the deadline passed) is never retried, because it may have committed. Only an insert
/// that certainly wrote nothing (no connection to the node, SQLSTATE 25006 because the node is a standby now, or
/// an abandoned wait for a connection after the writer moved) is tried once more, on the primary found again.
struct TemplateStore: Sendable {
    let nodes: DatabaseNodes
    let logger: Logger
    /// How long the whole request may take: finding the primary, waiting for a connection, the commit.
    var queryTimeout: Duration

    /// Inserts `template`; the id and the node that committed it, or why not (with whether a row may exist).
    func insert(_ template: NewTemplate) async -> Result<CreatedTemplate, WriteFailure> {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: queryTimeout)
        let tracker = nodes.tracker
        var writer = tracker.writer
        if writer == nil {
            writer = await within(deadline) { await tracker.currentWriter() } ?? nil
        }
        var retried = false
        while true {
            guard let node = writer else { return fail(.notWritten, Messages.noWriter(tracker.topology)) }
            let attempt = WriteAttempt(
                node: node, client: nodes.client(node), tracker: tracker, name: template.name, body: template.body,
                deadline: deadline, logger: logger)
            let why: WriteOutcome.NotWritten
            switch await attempt.run() {
            case .committed(let id):
                nodes.countWrite(node)
                return .success(CreatedTemplate(id: id, node: node))
            case .unknown(.timedOut):
                return fail(.unknown, Messages.writeNotConfirmed(node, within: queryTimeout), node: node)
            case .unknown(.connectionLost(let reason)):
                Task { _ = await tracker.rediscover(after: node) }  // for the next writes; this one is not retried
                return fail(.unknown, Messages.writeConnectionLost(node, reason), node: node)
            case .notWritten(let reason):
                why = reason
            }

            let next: DatabaseNode?
            switch why {
            case .rejected(let reason):
                return fail(.notWritten, Messages.writeRejected(node, reason), node: node)
            case .noConnectionInTime:
                return fail(.notWritten, Messages.writeNoConnection(node, within: queryTimeout), node: node)
            case .writerMoved(let to):
                next = to
            case .readOnly, .cannotConnect:
                next = await within(deadline) { await tracker.rediscover(after: node) } ?? nil
            }
            let failure = Messages.writeNotSent(node, why)
            guard let next else {
                return fail(.notWritten, Messages.noWriter(tracker.topology, after: failure), node: node)
            }
            guard !retried, clock.now < deadline else {
                return fail(.notWritten, Messages.writeGaveUp(failure), node: node)
            }
            logger.notice("\(Messages.writeRetried(failure, on: next))")
            retried = true
            writer = next
        }
    }

    /// `work`'s result, or `nil` when `deadline` passes first (`work` then goes on without us).
    private func within<T: Sendable>(
        _ deadline: ContinuousClock.Instant, _ work: @escaping @Sendable () async -> T
    ) async -> T? {
        let remaining = ContinuousClock().now.duration(to: deadline)
        guard remaining > .zero else { return nil }
        switch await TimeLimit.run(within: remaining, work) {
        case .success(let value): return value
        case .failure, .none: return nil
        }
    }

    private func fail(
        _ outcome: WriteFailure.Outcome, _ message: String, node: DatabaseNode? = nil
    ) -> Result<CreatedTemplate, WriteFailure> {
        logger.error("\(Messages.writeFailed(message))")
        return .failure(WriteFailure(error: message, outcome: outcome, node: node))
    }
}

/// The body of a 201 from `POST /template`: the new row's id and the node that committed it.
struct CreatedTemplate: Encodable, Sendable, Equatable {
    var id: Int64
    var node: DatabaseNode
}

/// The body of a 503 from `POST /template`: what failed, and whether a row may exist (`outcome`).
struct WriteFailure: Error, Encodable, Sendable, Equatable {
    var error: String
    var outcome: Outcome
    /// The node the insert was tried on last; absent when no primary was found.
    var node: DatabaseNode?

    enum Outcome: String, Encodable, Sendable {
        /// Certainly no row was written: safe to send the write again.
        case notWritten = "not_written"
        /// The insert may have committed: look for the row before writing it again.
        case unknown
    }
}
