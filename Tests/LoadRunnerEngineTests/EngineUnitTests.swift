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

    @Test func valuesThatNeedNoEncodingAreKeptOnce() {
        guard case .table(_, _, let encoded) = SourceValues.table(name: "ids", columns: [""], rows: [["a1"], ["b2"]]).values else {
            Issue.record("not a table")
            return
        }
        #expect(encoded == nil)
        guard case .table(_, _, let names) = SourceValues.table(name: "n", columns: ["x"], rows: [["Zoë"]]).values else { return }
        #expect(names == [["Zo%C3%AB"]])
    }

    @Test func fetchedScalarsFormOneColumnAndObjectsOneColumnPerKey() throws {
        let scalars = try FetchedArray.parse(Array(#"["a", 2, true, null]"#.utf8), sourceName: "s", url: "u")
        guard case .table(let columns, let rows, _) = scalars.values else { Issue.record("not a table"); return }
        #expect(columns == [""])
        #expect(rows == [["a"], ["2"], ["1"], [""]])

        let objects = try FetchedArray.parse(Array(#"[{"id": "x", "n": 1}, {"id": "y"}]"#.utf8), sourceName: "s", url: "u")
        guard case .table(let keys, let values, _) = objects.values else { Issue.record("not a table"); return }
        #expect(keys == ["id", "n"])
        #expect(values == [["x", "1"], ["y", ""]])
        #expect(objects.columnIndex("n") == 1 && objects.columnIndex("missing") == nil)
    }

    @Test(arguments: [#"{"a": 1}"#, "[]", "not json", ""])
    func fetchedBodiesThatAreNotANonEmptyArrayAreDataSourceErrors(body: String) {
        #expect(throws: EngineError.self) { try FetchedArray.parse(Array(body.utf8), sourceName: "ids", url: "http://x/ids") }
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

    /// The demo profiles search for names the demo service has: the shipped CSV is its own output.
    @Test func shippedNamesAreTheDemoServicesNames() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: repository.appendingPathComponent("Profiles/data/names.csv"), encoding: .utf8)
        #expect(shipped == DemoUsers(count: 10_000).namesCSV(rows: 500))
    }
}
