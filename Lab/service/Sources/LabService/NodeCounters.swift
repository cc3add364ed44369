import Synchronization

/// One counter per node (routed reads, or acknowledged writes), bumped without a lock by every request.
final class NodeCounters: Sendable {
    private let primary = Atomic<Int>(0)
    private let replica1 = Atomic<Int>(0)
    private let replica2 = Atomic<Int>(0)

    /// Adds one to `node`'s counter.
    func increment(_ node: DatabaseNode) {
        switch node {
        case .primary: primary.add(1, ordering: .relaxed)
        case .replica1: replica1.add(1, ordering: .relaxed)
        case .replica2: replica2.add(1, ordering: .relaxed)
        }
    }

    /// The counts so far.
    func snapshot() -> NodeCounts {
        NodeCounts(
            primary: primary.load(ordering: .relaxed),
            replica1: replica1.load(ordering: .relaxed),
            replica2: replica2.load(ordering: .relaxed))
    }
}

/// A count per node name, as JSON `{"primary": n, "replica1": n, "replica2": n}`.
struct NodeCounts: Codable, Sendable, Equatable {
    var primary: Int
    var replica1: Int
    var replica2: Int
}

/// The body of `GET /metrics`: routed reads per node at the top level (the keys scripts already parse), then
/// acknowledged inserts per node and the node that takes writes now (`null` when no primary is known).
struct ServiceMetrics: Encodable, Sendable, Equatable {
    var reads: NodeCounts
    var writes: NodeCounts
    var writer: DatabaseNode?

    private enum CodingKeys: String, CodingKey {
        case primary, replica1, replica2, writes, writer
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reads.primary, forKey: .primary)
        try container.encode(reads.replica1, forKey: .replica1)
        try container.encode(reads.replica2, forKey: .replica2)
        try container.encode(writes, forKey: .writes)
        try container.encode(writer?.rawValue, forKey: .writer)  // encode, not encodeIfPresent: `null` when none
    }
}
