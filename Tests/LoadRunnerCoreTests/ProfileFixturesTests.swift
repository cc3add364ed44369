import Foundation
import LoadRunnerEngine
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// Locates the fixture profiles and the shipped `Profiles/` folder, and loads small inline profiles.
enum ProfileFixtures {
    /// The `Fixtures/profiles` folder inside the test bundle.
    static var directory: String {
        Bundle.module.url(forResource: "profiles", withExtension: nil, subdirectory: "Fixtures")!.path
    }

    /// The repository's `Profiles/` folder (found from this file's path).
    static var shippedDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Profiles").path
    }

    /// The smallest valid profile; cases add to or replace parts of it.
    static let minimal = """
        target: http://127.0.0.1:8085
        requests:
          - { name: a, path: / }
        stages:
          - { users: 1, duration: 1s }
        """

    /// Loads inline YAML as `profile.yaml` whose CSV paths resolve from the fixtures folder.
    static func load(_ yaml: String, targetOverride: String? = nil) throws -> Profile {
        try ProfileLoader(files: DiskFiles()).load(text: yaml, path: "profile.yaml", baseDirectory: directory, targetOverride: targetOverride)
    }

    /// The problems inline YAML produces (empty when it loads).
    static func problems(_ yaml: String, targetOverride: String? = nil) -> [ProfileProblem] {
        do {
            _ = try load(yaml, targetOverride: targetOverride)
            return []
        } catch let error as ProfileProblems {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }
}

/// The shipped profiles and the full fixture decode to the expected values; defaults apply.
@Suite("Profile fixtures and shipped profiles")
struct ProfileFixturesTests {
    @Test func shippedUserGetSearchLoadsAsWritten() throws {
        let path = ProfileFixtures.shippedDirectory + "/user-get-search.yaml"
        let profile = try ProfileLoader(files: DiskFiles()).load(path: path)
        #expect(profile.name == "user get + search")
        #expect(profile.target == TargetURL(scheme: "http", host: "127.0.0.1", port: 8085, basePath: ""))
        #expect(profile.timeout == .seconds(10))
        #expect(profile.connectTimeout == .seconds(10))
        #expect(profile.headers == [HeaderSpec(name: "Accept", value: .literal("application/json"))])
        #expect(profile.data == [
            DataSourceSpec(name: "ids", kind: .fetch(path: "/user/get-ids?number=100000&random=true")),
            DataSourceSpec(name: "names", kind: .csv(path: ProfileFixtures.shippedDirectory + "/data/names.csv",
                                                     columns: ["first_name", "last_name"])),
        ])
        #expect(profile.requests.map(\.name) == ["user/get", "user/search"])
        #expect(profile.requests[0].path == Template(segments: [.literal("/user/get/"), .reference(source: "ids", column: nil)]))
        #expect(profile.requests[1].path == Template(segments: [
            .literal("/user/search?first_name="), .reference(source: "names", column: "first_name"),
            .literal("&last_name="), .reference(source: "names", column: "last_name"),
        ]))
        #expect(profile.requests.allSatisfy { $0.method == "GET" && $0.weight == 1 && $0.expect == .defaultSuccess })
        #expect(profile.thinkTime == ThinkTime.none)
        #expect(profile.stages == [1, 10, 100, 1000].map {
            Stage(users: $0, spawnRate: Double($0), duration: .seconds(180), warmup: .seconds(60))
        })
        #expect(profile.http2 == false && profile.insecure == false)
        #expect(profile.sourcePath == path)
        #expect(profile.baseDirectory == ProfileFixtures.shippedDirectory)
        #expect(profile.sourceText.hasPrefix("name: user get + search"))
    }

    @Test func shippedSmokeProfileIsShort() throws {
        let profile = try ProfileLoader(files: DiskFiles()).load(path: ProfileFixtures.shippedDirectory + "/smoke.yaml")
        #expect(profile.stages.map(\.users) == [1, 5, 20])
        #expect(profile.stages.allSatisfy { $0.duration == .seconds(4) && $0.warmup == .seconds(1) })
        #expect(profile.requests.map(\.name) == ["user/get", "user/search"])
    }

    /// Written by `loadrunner-demo-server --write-names-csv Profiles/data/names.csv`: pairs the demo
    /// service really has, so searches find users.
    @Test func shippedNamesCSVHasFiveHundredDistinctPairs() throws {
        let table = try CSVTable.load(path: ProfileFixtures.shippedDirectory + "/data/names.csv", files: DiskFiles())
        #expect(table.columns == ["first_name", "last_name"])
        #expect(table.rows.count == 500)
        #expect(Set(table.rows).count == 500)
    }

    @Test func fullFixtureDecodesEveryKey() throws {
        let path = ProfileFixtures.directory + "/full.yaml"
        let profile = try ProfileLoader(files: DiskFiles()).load(path: path)
        #expect(profile.target == TargetURL(scheme: "https", host: "api.example.test", port: 8443, basePath: "/v1"))
        #expect(profile.timeout == .seconds(2))
        #expect(profile.connectTimeout == .milliseconds(500))
        #expect(profile.http2 && profile.insecure)
        #expect(profile.headers.map(\.name) == ["Accept", "X-Run"])
        #expect(profile.headers[1].value == Template(segments: [.reference(source: "run", column: nil)]))
        #expect(profile.data.map(\.kind) == [
            .fetch(path: "/ids?n=10"),
            .csv(path: ProfileFixtures.directory + "/data/people.csv", columns: ["first_name", "last_name", "city"]),
            .csv(path: ProfileFixtures.directory + "/data/words.csv", columns: ["word"]),
            .range(1...50),
            .values(["alpha", "2", "three"]),
        ])
        let search = profile.requests[1]
        #expect(search.method == "POST")
        #expect(search.query.map(\.name) == ["first", "page", "fixed"])
        #expect(search.query[2].value == .literal("1"))
        #expect(search.headers.map(\.name) == ["Content-Type", "X-Word"])
        #expect(search.body == Template(segments: [
            .literal("{\"last\": \""), .reference(source: "people", column: "last_name"), .literal("\"}\n"),
        ]))
        #expect(search.weight == 3)
        #expect(search.expect == StatusSet(ranges: [200...200, 400...404, 500...500]))
        #expect(profile.requests[2].expect == StatusSet(ranges: [204...204]))
        #expect(profile.requests[0].path.segments.contains(.reference(source: "ids", column: "id")))
        #expect(profile.thinkTime == .between(.seconds(1), .milliseconds(2500)))
        #expect(profile.stages == [
            Stage(users: 5, spawnRate: 5, duration: .seconds(90), warmup: .zero),
            Stage(users: 0, spawnRate: 1, duration: .seconds(10), warmup: .milliseconds(1500)),
            Stage(users: 8, spawnRate: 0.5, duration: .seconds(3600), warmup: .zero),
        ])
    }

    @Test func minimalProfileGetsTheDefaults() throws {
        let profile = try ProfileFixtures.load(ProfileFixtures.minimal)
        #expect(profile.name == "profile")
        #expect(profile.timeout == .seconds(10) && profile.connectTimeout == .seconds(10))
        #expect(profile.headers.isEmpty && profile.data.isEmpty)
        #expect(profile.requests == [RequestSpec(name: "a", method: "GET", path: .literal("/"), query: [], headers: [],
                                                 body: nil, weight: 1, expect: .defaultSuccess)])
        #expect(profile.thinkTime == ThinkTime.none)
        #expect(profile.stages == [Stage(users: 1, spawnRate: 1, duration: .seconds(1), warmup: .zero)])
    }

    @Test func missingProfileFileIsOneProblem() {
        #expect(throws: ProfileProblems.self) { try ProfileLoader(files: DiskFiles()).load(path: "/no/such/profile.yaml") }
        do {
            _ = try ProfileLoader(files: DiskFiles()).load(path: "/no/such/profile.yaml")
        } catch let error as ProfileProblems {
            #expect(error.description == "/no/such/profile.yaml: does not exist; check the path")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
