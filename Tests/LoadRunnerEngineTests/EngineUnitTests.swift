import Foundation
@testable import LoadRunnerEngine
import LoadRunnerTestSupport
import Testing

/// Engine pieces with no sockets: URL encoding, fetched data, CPU lists, the loop count.
@Suite struct EngineUnitTests {
    @Test(arguments: [
        ("abc-XYZ_0.9~", "abc-XYZ_0.9~"), ("a b", "a%20b"), ("a&b=c", "a%26b%3Dc"), ("José", "Jos%C3%A9"),
        ("O'Brien", "O%27Brien"), ("50%", "50%25"), ("/path?", "%2Fpath%3F"), ("", ""),
    ])
    func urlEncodingKeepsOnlyUnreservedCharacters(raw: String, encoded: String) {
        #expect(URLEncoding.encode(raw) == encoded)
    }

    @Test func tableValuesAreKeptOnceAndEncodedOnlyWhenRendered() {
        guard case .table(let table) = SourceValues.table(name: "n", columns: ["x"], rows: [["Zoë"], ["a1"]]).values else {
            Issue.record("not a table")
            return
        }
        #expect(table.bytes == Array("Zoëa1".utf8))
        var url = "", body = ""
        table.append(row: 0, column: 0, to: &url, urlEncoded: true)
        table.append(row: 0, column: 0, to: &body, urlEncoded: false)
        #expect(url == "Zo%C3%AB" && body == "Zoë")
    }

    @Test(arguments: [("0", 1), ("0-3", 4), ("0,2-3,7", 4), ("1-0", nil), ("x", nil), ("", nil)] as [(String, Int?)])
    func cpuListsAreCounted(list: String, count: Int?) {
        #expect(SystemInfo.countCPUs(inList: list) == count)
    }

    @Test(arguments: [(1, 1), (250, 1), (251, 2), (1000, 4), (5000, 8)])
    func oneLoopPer250UsersUpTo8(users: Int, loops: Int) {
        #expect(EngineOptions(commandLine: [], loadRunnerVersion: "t").loopCount(peakUsers: users) == loops)
        #expect(EngineOptions(loops: 3, commandLine: [], loadRunnerVersion: "t").loopCount(peakUsers: users) == 3)
    }

    /// Open stages: one loop per 1,000 arrivals per second of the peak target (on 8 cores), or per 250 users, whichever
    /// needs more; `--loops` still decides alone.
    @Test(arguments: [(0, 200.0, 1), (0, 1_000, 1), (0, 1_001, 2), (0, 5_000, 5), (0, 20_000, 8), (1_000, 2_000, 4),
                      (100, 3_000, 3)] as [(Int, Double, Int)])
    func oneLoopPer1000ArrivalsPerSecond(users: Int, rate: Double, loops: Int) {
        let options = EngineOptions(commandLine: [], loadRunnerVersion: "t")
        #expect(options.loopCount(peakUsers: users, peakRatePerSecond: rate, allowedCores: 8) == loops)
        #expect(EngineOptions(loops: 1, commandLine: [], loadRunnerVersion: "t")
            .loopCount(peakUsers: users, peakRatePerSecond: rate, allowedCores: 8) == 1)
    }

    /// Loops for a rate are never more than the cores the process may use (they would only take turns on them); loops
    /// for users are not capped (they also keep libcurl's connection caches small); `--loops` still decides alone.
    @Test(arguments: [(0, 10_000.0, 1, 1), (0, 10_000, 2, 2), (0, 500, 1, 1), (0, 10_000, 0, 1), (1_000, 10_000, 1, 4),
                      (2_000, 3_000, 2, 8)] as [(Int, Double, Int, Int)])
    func loopsForARateAreCappedByTheAllowedCores(users: Int, rate: Double, cores: Int, loops: Int) {
        let options = EngineOptions(commandLine: [], loadRunnerVersion: "t")
        #expect(options.loopCount(peakUsers: users, peakRatePerSecond: rate, allowedCores: cores) == loops)
        #expect(EngineOptions(loops: 6, commandLine: [], loadRunnerVersion: "t")
            .loopCount(peakUsers: users, peakRatePerSecond: rate, allowedCores: cores) == 6)
    }

    /// The demo profiles search for names the demo service has: the shipped CSV is its own output.
    @Test func shippedNamesAreTheDemoServicesNames() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: repository.appendingPathComponent("Profiles/data/names.csv"), encoding: .utf8)
        #expect(shipped == DemoUsers(count: 10_000).namesCSV(rows: 500))
    }
}
