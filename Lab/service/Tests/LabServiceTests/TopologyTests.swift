import Foundation
import Testing

@testable import LabService

/// Who the writer is, from the roles one discovery found.
@Suite struct TopologyTests {
    @Test func theOneNodeNotInRecoveryIsTheWriter() {
        let topology = Topology(roles: [.primary: .unreachable("connection refused"), .replica1: .primary, .replica2: .standby])
        #expect(topology.writer == .replica1)
        #expect(topology.description
            == "primary: unreachable (connection refused), replica1: primary, replica2: standby")
    }

    @Test func noWriterWhenEveryNodeIsAStandbyOrDown() {
        let topology = Topology(roles: [.primary: .standby, .replica1: .unreachable("x"), .replica2: .standby])
        #expect(topology.writer == nil)
        #expect(Messages.noWriter(topology).hasPrefix("no writable primary found: primary: standby"))
    }

    @Test func noWriterWhenTwoNodesAcceptWrites() {
        let topology = Topology(roles: [.primary: .primary, .replica1: .primary, .replica2: .standby])
        #expect(topology.writer == nil)
        #expect(Messages.noWriter(topology).contains("more than one node accepts writes (primary, replica1)"))
    }

    @Test func metricsKeepTheReadKeysAndAddWritesAndWriter() throws {
        let metrics = ServiceMetrics(
            reads: NodeCounts(primary: 1, replica1: 2, replica2: 3),
            writes: NodeCounts(primary: 4, replica1: 5, replica2: 6), writer: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(metrics), as: UTF8.self)
        #expect(json == #"{"primary":1,"replica1":2,"replica2":3,"writer":null,"writes":{"primary":4,"replica1":5,"replica2":6}}"#)
    }
}
