import Foundation
@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// PSS and RSS of a real process tree with known shared memory: a python3 parent maps `sharedMB` of shared
/// anonymous memory, touches every page, and forks `children` that read every page too.
///
/// Ground truth: the shared region is resident in all `children + 1` processes, so it adds `(children + 1) *
/// shared` to the summed RSS and exactly `shared` to the summed PSS (each of its pages is charged 1/(children + 1)
/// to each process). The interpreters themselves cost the same in a control tree with no shared region, so the
/// test compares the two trees; the tolerance (8 MB) covers what else differs between two interpreters (heap,
/// page tables, `smaps_rollup` rounding to 1 kB per process), well under the 48 MB and 192 MB measured.
@Suite(.serialized) struct ProcessMonitorPSSTests {
    static let script = #"""
    import mmap, os, sys, time
    size, children, marker = int(sys.argv[1]) << 20, int(sys.argv[2]), sys.argv[3]
    region = mmap.mmap(-1, max(size, 4096))
    for offset in range(0, size, 4096): region[offset] = 1
    read, write = os.pipe()
    for _ in range(children):
        if os.fork() == 0:
            total = sum(region[offset] for offset in range(0, size, 4096))
            os.write(write, b"x")
            time.sleep(60)
            os._exit(0)
    ready = 0
    while ready < children: ready += len(os.read(read, 64))
    open(marker, "w").close()
    time.sleep(60)
    """#

    static let sharedMB: UInt64 = 48
    static let children: UInt64 = 3
    static let toleranceBytes: Double = 8 * 1_048_576

    /// Starts the tree and waits until every child has touched the region.
    static func start(sharedMB: UInt64, in folder: URL) async throws -> ProcessMonitorTests.SpawnedShell {
        let marker = folder.appendingPathComponent("ready-\(sharedMB)").path
        let scriptFile = folder.appendingPathComponent("shared.py").path
        try script.write(toFile: scriptFile, atomically: true, encoding: .utf8)
        let shell = try ProcessMonitorTests.SpawnedShell("exec python3 \(scriptFile) \(sharedMB) \(children) \(marker)")
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: marker) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(FileManager.default.fileExists(atPath: marker), "the python3 tree did not get ready")
        return shell
    }

    static func sample(_ shell: ProcessMonitorTests.SpawnedShell) throws -> (rss: Double, pss: Double) {
        var monitor = ProcessMonitor(spec: MonitorSpec(name: "tree", target: .pid(shell.pid)))
        let second = monitor.sample(at: 0)
        #expect(second.processCount == Int(children) + 1)
        return (Double(try #require(second.rssBytes)), Double(try #require(second.pssBytes)))
    }

    @Test func pssCountsSharedMemoryOnceWhereRSSCountsItPerProcess() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let control = try await Self.start(sharedMB: 0, in: folder)
        defer { control.stop() }
        let shared = try await Self.start(sharedMB: Self.sharedMB, in: folder)
        defer { shared.stop() }

        let without = try Self.sample(control)
        let with = try Self.sample(shared)
        let region = Double(Self.sharedMB << 20)
        let rssAdded = with.rss - without.rss
        let pssAdded = with.pss - without.pss
        #expect(abs(rssAdded - Double(Self.children + 1) * region) < Self.toleranceBytes, "RSS added \(rssAdded)")
        #expect(abs(pssAdded - region) < Self.toleranceBytes, "PSS added \(pssAdded)")
        // Within one tree: PSS never exceeds RSS, and the shared tree's RSS is far above its PSS.
        #expect(with.pss <= with.rss && without.pss <= without.rss)
        #expect(with.rss - with.pss > Double(Self.children) * region - Self.toleranceBytes)
    }
}
