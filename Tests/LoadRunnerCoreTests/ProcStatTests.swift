@testable import LoadRunnerModel
import Testing

/// The `/proc` parsers, process trees and the rate arithmetic of process monitors, from fixed text and
/// hand-made samples: no processes, no time.
@Suite("ProcStat and monitor rates")
struct ProcStatTests {
    // MARK: /proc/<pid>/stat

    /// A stat line, then pid, comm, state, ppid, utime, stime, cutime + cstime, starttime, rss pages.
    static let statLines: [(String, Int32, String, Character, Int32, UInt64, UInt64, UInt64, UInt64, UInt64)] = [
        ("31741 (cat) R 31736 31736 30930 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0 522890 3133440 359 18446744073709551615 94724140564480 94724140584361 140731342333440 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 94724140600368 94724140601984 94724945760256 140731342334663 140731342334683 140731342334683 140731342335979 0\n",
         31741, "cat", "R", 31736, 0, 0, 0, 522890, 359),
        ("1234 (postgres) S 1 1234 1234 0 -1 4194560 51220 903114 12 310 2250 775 16034 4410 20 0 1 0 98765 225443840 5120 18446744073709551615 1 1 0 0 0 0 0 4096 536887815 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
         1234, "postgres", "S", 1, 2250, 775, 20444, 98765, 5120),
        ("4321 (Web Content) S 1200 1200 1200 0 -1 4194560 10 0 0 0 7 3 0 0 20 0 30 0 555 100 42 0",
         4321, "Web Content", "S", 1200, 7, 3, 0, 555, 42),
        ("77 (a) (b) c)) S 5 77 77 0 -1 0 0 0 0 0 11 22 0 0 20 0 1 0 9000 100 8 0",
         77, "a) (b) c)", "S", 5, 11, 22, 0, 9000, 8),
        ("88 () R 2 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 0 0 0",
         88, "", "R", 2, 1, 1, 0, 1, 0),
        ("555 (sleep) Z 1234 555 555 0 -1 4227084 90 0 0 0 3 1 0 0 20 0 1 0 99000 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0",
         555, "sleep", "Z", 1234, 3, 1, 0, 99000, 0),
        ("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 12 0 0 20 0 1 0 2 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
         2, "kthreadd", "S", 0, 0, 12, 0, 2, 0),
    ]

    @Test(arguments: statLines)
    func parsesStatLines(
        line: String, pid: Int32, comm: String, state: Character, ppid: Int32, utime: UInt64, stime: UInt64,
        reaped: UInt64, start: UInt64, rss: UInt64
    ) throws {
        let stat = try #require(ProcStat.parse(line))
        #expect(stat == ProcStat(
            pid: pid, comm: comm, state: state, ppid: ppid, userTicks: utime, systemTicks: stime,
            reapedChildrenTicks: reaped, startTimeTicks: start, rssPages: rss))
        #expect(stat.cpuTicks == utime + stime)
        #expect(stat.hasExited == (state == "Z"))
    }

    @Test(arguments: [
        "", "garbage", "12 (short) S 1 2 3", "abc (x) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 0 0 0",
        "12 (no close S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 0 0 0",
        "12 (x) S one 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 0 0 0",
        "12 (x) SS 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 0 0 0",
        "12 (x) S 1 1 1 0 -1 0 0 0 0 0 -1 1 0 0 20 0 1 0 1 0 0 0",
    ])
    func rejectsWhatIsNotAStatLine(line: String) {
        #expect(ProcStat.parse(line) == nil)
    }

    // MARK: /proc/<pid>/io

    static let ioText = """
        rchar: 323934931
        wchar: 323929600
        syscr: 632687
        syscw: 632675
        read_bytes: 4096
        write_bytes: 323932160
        cancelled_write_bytes: 0

        """

    @Test func parsesIOCounters() {
        #expect(ProcIO.parse(Self.ioText) == ProcIO(
            readBytes: 4096, writeBytes: 323_932_160, readChars: 323_934_931, writtenChars: 323_929_600))
        #expect(ProcIO.parse("read_bytes:1\nwrite_bytes:  2 \nrchar:3\nwchar:4") == ProcIO(
            readBytes: 1, writeBytes: 2, readChars: 3, writtenChars: 4))
    }

    @Test(arguments: ["", "rchar: 1\nwchar: 2\nread_bytes: 3", "rchar: 1\nwchar: 2\nread_bytes: x\nwrite_bytes: 4"])
    func rejectsIOTextWithoutTheCounters(text: String) {
        #expect(ProcIO.parse(text) == nil)
    }

    // MARK: trees and pid files

    /// Root, pid -> ppid map, expected tree.
    static let trees: [(Int32, [Int32: Int32], Set<Int32>)] = [
        (10, [1: 0, 10: 1, 11: 10, 12: 10, 13: 11, 20: 1, 21: 20], [10, 11, 12, 13]),
        (20, [1: 0, 10: 1, 11: 10, 20: 1, 21: 20], [20, 21]),
        (13, [1: 0, 10: 1, 11: 10, 13: 11], [13]),
        (99, [1: 0, 10: 1], [99]),
        (1, [1: 0, 2: 0, 10: 1, 11: 10], [1, 10, 11]),
        (5, [5: 6, 6: 5, 7: 6], [5, 6, 7]),
    ]

    @Test(arguments: trees)
    func findsDescendantsWithTheRoot(root: Int32, parents: [Int32: Int32], expected: Set<Int32>) {
        #expect(ProcessTree.descendants(of: root, parents: parents) == expected)
    }

    @Test(arguments: [
        ("12345\n/var/lib/postgresql/data\n1700000000\n5432\n/var/run/postgresql\nlocalhost\n  5432001    131072\nready   \n", Int32(12345)),
        (" 42 \n", 42), ("7", 7), ("", nil), ("abc\n1\n", nil), ("0\n", nil), ("-5\n", nil), ("\n12\n", nil),
        ("99999999999\n", nil),
    ] as [(String, Int32?)])
    func readsThePidFromAPidFile(text: String, pid: Int32?) {
        #expect(MonitorSpec.pid(fromPidFile: text) == pid)
    }

    // MARK: rates between two samples

    /// A process: pid, parent, start (ticks since boot), own CPU ticks, reaped children's ticks, io.
    static func process(
        _ pid: Int32, parent: Int32 = 1, start: UInt64 = 500, cpu: UInt64, reaped: UInt64 = 0, rss: UInt64 = 100,
        read: UInt64? = 0, write: UInt64? = 0
    ) -> ProcessSample {
        ProcessSample(
            pid: pid, ppid: parent, startTimeTicks: start, cpuTicks: cpu, reapedChildrenTicks: reaped, rssPages: rss,
            readBytes: read, writeBytes: write)
    }

    /// Two samples of the tree under pid 100, the earlier at 10 s after boot (tick 1000 at 100 ticks/s),
    /// and the expected CPU % and disk bytes per second between them.
    struct RateCase: CustomTestStringConvertible, Sendable {
        var name: String
        var earlier: [ProcessSample]
        var later: [ProcessSample]
        var seconds: Double = 1
        var cpuPercent: Double
        var readPerSecond: Double?
        var writePerSecond: Double?
        var testDescription: String { name }
    }

    static let rateCases: [RateCase] = [
        RateCase(
            name: "one process", earlier: [process(100, cpu: 100, read: 0, write: 8192)],
            later: [process(100, cpu: 150, read: 4096, write: 12288)], cpuPercent: 50, readPerSecond: 4096,
            writePerSecond: 4096),
        RateCase(
            name: "a longer interval divides by its length", earlier: [process(100, cpu: 100, read: 0)],
            later: [process(100, cpu: 200, read: 4096)], seconds: 2, cpuPercent: 50, readPerSecond: 2048,
            writePerSecond: 0),
        RateCase(
            name: "children are summed", earlier: [process(100, cpu: 10), process(101, parent: 100, cpu: 0)],
            later: [process(100, cpu: 20), process(101, parent: 100, cpu: 150, write: 100)], cpuPercent: 160,
            readPerSecond: 0, writePerSecond: 100),
        RateCase(
            name: "a child born in the interval counts from its start",
            earlier: [process(100, cpu: 10)],
            later: [process(100, cpu: 20), process(102, parent: 100, start: 1050, cpu: 30, reaped: 5, read: 512)],
            cpuPercent: 45, readPerSecond: 512, writePerSecond: 0),
        RateCase(
            name: "a process running before but unseen is only a baseline",
            earlier: [process(100, cpu: 10)],
            later: [process(100, cpu: 20), process(103, parent: 100, start: 900, cpu: 500, read: 9000)],
            cpuPercent: 10, readPerSecond: 0, writePerSecond: 0),
        RateCase(
            name: "a child gone without being reaped drops out",
            earlier: [process(100, cpu: 10), process(104, parent: 100, cpu: 40, read: 800)],
            later: [process(100, cpu: 20)], cpuPercent: 10, readPerSecond: 0, writePerSecond: 0),
        RateCase(
            name: "a reaped child counts only what it used since last seen",
            earlier: [process(100, cpu: 10, reaped: 7, read: 100), process(104, parent: 100, cpu: 40, reaped: 2, read: 1000)],
            later: [process(100, cpu: 20, reaped: 7 + 62, read: 100 + 1500)], cpuPercent: 30, readPerSecond: 500,
            writePerSecond: 0),
        RateCase(
            name: "a child born and reaped between samples counts through its parent",
            earlier: [process(100, cpu: 10, reaped: 0, write: 0)],
            later: [process(100, cpu: 10, reaped: 25, write: 4096)], cpuPercent: 25, readPerSecond: 0,
            writePerSecond: 4096),
        RateCase(
            name: "a reused pid is another process",
            earlier: [process(100, cpu: 10), process(200, parent: 100, start: 600, cpu: 300, read: 5000)],
            later: [process(100, cpu: 10), process(200, parent: 100, start: 1080, cpu: 5, read: 100)],
            cpuPercent: 5, readPerSecond: 100, writePerSecond: 0),
        RateCase(
            name: "counters that go backwards count nothing",
            earlier: [process(100, cpu: 50, reaped: 50, read: 1000, write: 1000)],
            later: [process(100, cpu: 40, reaped: 10, read: 10, write: 10)], cpuPercent: 0, readPerSecond: 0,
            writePerSecond: 0),
        RateCase(
            name: "unreadable io makes disk figures unknown, not zero",
            earlier: [process(100, cpu: 10), process(101, parent: 100, cpu: 0, read: nil, write: nil)],
            later: [process(100, cpu: 20), process(101, parent: 100, cpu: 0, read: nil, write: nil)],
            cpuPercent: 10, readPerSecond: nil, writePerSecond: nil),
        RateCase(
            name: "a restarted root counts from its start",
            earlier: [],
            later: [process(300, parent: 1, start: 1020, cpu: 40), process(301, parent: 300, start: 1030, cpu: 10)],
            cpuPercent: 50, readPerSecond: 0, writePerSecond: 0),
    ]

    @Test(arguments: rateCases)
    func computesRatesBetweenSamples(_ rate: RateCase) {
        let earlier = TreeSampleDetail(second: 4, bootSeconds: 10, rootPid: 100, processes: rate.earlier)
        let later = TreeSampleDetail(
            second: 5, bootSeconds: 10 + rate.seconds, rootPid: 100, processes: rate.later)
        let second = MonitorRates.between(earlier, later, ticksPerSecond: 100, pageSize: 4096)
        #expect(second.second == 5)
        #expect(second.alive && second.reason == nil && second.pid == 100)
        #expect(second.processCount == rate.later.count)
        #expect(second.rssBytes == UInt64(rate.later.count) * 100 * 4096)
        #expect(abs((second.cpuPercent ?? -1) - rate.cpuPercent) < 1e-9)
        #expect(second.readBytesPerSecond == rate.readPerSecond)
        #expect(second.writeBytesPerSecond == rate.writePerSecond)
    }

    @Test func aFirstSampleHasMemoryButNoRates() {
        let sample = TreeSampleDetail(
            second: 0, bootSeconds: 10, rootPid: 100,
            processes: [Self.process(100, cpu: 10, rss: 1000), Self.process(101, parent: 100, cpu: 3, rss: 24)])
        #expect(MonitorRates.first(sample, pageSize: 4096) == MonitorSecond(
            second: 0, alive: true, pid: 100, processCount: 2, rssBytes: 1024 * 4096))
        #expect(sample.summary == TreeSample(
            bootSeconds: 10, processCount: 2, cpuTicks: 13, rssPages: 1024, readBytes: 0, writeBytes: 0))
    }

    @Test func anIntervalThatIsNotPositiveHasNoRates() {
        let sample = TreeSampleDetail(second: 1, bootSeconds: 10, rootPid: 100, processes: [Self.process(100, cpu: 10)])
        let second = MonitorRates.between(sample, sample, ticksPerSecond: 100, pageSize: 4096)
        #expect(second.cpuPercent == nil && second.readBytesPerSecond == nil && second.processCount == 1)
    }

    @Test func aDownSampleSaysWhy() {
        #expect(MonitorSecond.down(second: 3, pid: 42, reason: .notRunning(pid: 42)) == MonitorSecond(
            second: 3, alive: false, reason: "process 42 is not running", pid: 42, processCount: 0))
        #expect(MonitorDownReason.pidFileWithoutPid(path: "data/postmaster.pid").message
            == "pid file data/postmaster.pid has no pid on its first line")
    }
}
