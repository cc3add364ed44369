import Foundation
import LoadRunnerTestSupport
import Testing

/// `kube` as a program: manifests on stdout for a profile and its data file, the common start on stderr, each bad
/// option or data path a clear error with exit 64, and a profile its shards could not run refused as `run` refuses it
/// (exit 65) before anything is printed.
@Suite struct KubeCLITests {
    static let profile = """
        name: Shop checkout
        target: http://127.0.0.1:8085
        data:
          users: { csv: data/users.csv }
        requests:
          - { name: cart, path: "/cart/{{ users.id }}" }
        stages:
          - { users: 6, duration: 2m }
        """

    static func folder(profile: String = Self.profile) throws -> URL {
        let folder = try BinaryRunner.folder(["p.yaml": profile])
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "id\n1\n2\n".write(to: data.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func printsTheManifestsOfAFixedLaunch() async throws {
        let folder = try Self.folder()
        let output = try await BinaryRunner.run(
            ["kube", "p.yaml", "--shards", "4", "--image", "loadrunner:test", "--start-at", "2030-01-01T00:00:00Z",
             "--seed", "9"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        for line in [
            "  name: shop-checkout-profile", "  data__users.csv: |\n    id\n    1\n    2\n", "completions: 4",
            "\"--shards\", \"4\", \"--start-at\", \"2030-01-01T00:00:00Z\", \"--seed\", \"9\"",
            // 2 minutes planned plus 10 minutes' margin.
            "deadline=$(( $(date -u -d 2030-01-01T00:00:00Z +%s) + 720 ))",
        ] {
            #expect(output.stdout.contains(line), "\(line)")
        }
        #expect(output.stderr.hasPrefix("apply these manifests before 2030-01-01T00:00:00Z"))
    }

    @Test func badOptionsAreRefusedTogether() async throws {
        let folder = try Self.folder()
        let output = try await BinaryRunner.run(
            ["kube", "p.yaml", "--shards", "0", "--image", "x", "--cpus", "two", "--start-in", "1m", "--start-at",
             "2030-01-01T00:00:00Z"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("--shards 0: give 1 to 1000 shards"))
        #expect(output.stderr.contains("--cpus \"two\" is not a Kubernetes quantity"))
        #expect(output.stderr.contains("--start-in and --start-at both given"))
        #expect(output.stdout.isEmpty)
    }

    @Test func aDataFileOutsideTheProfileFolderIsRefused() async throws {
        let folder = try Self.folder(profile: Self.profile.replacingOccurrences(of: "data/users.csv", with: "../users.csv"))
        try "id\n1\n".write(to: folder.deletingLastPathComponent().appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        let output = try await BinaryRunner.run(["kube", "p.yaml", "--shards", "2", "--image", "x"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("data file ../users.csv is not inside the profile's folder"), "\(output.stderr)")
    }

    /// Checks and an action after a request count cannot run in shards: `run --shards 3` would refuse them in every
    /// pod (exit 65) once the Job started; `kube` refuses them now, with the same messages and code, and prints no
    /// manifest. With one shard the profile runs as it is, so nothing is refused.
    @Test func aProfileThatCannotBeShardedIsRefusedBeforeAnyManifest() async throws {
        let profile = Self.profile + """

            actions:
              - { name: flush, after_requests: 100, run: "true" }
            checks:
              - { name: healthy, metric: total.failed, equals: 0 }
            """
        let folder = try Self.folder(profile: profile)
        let refused = try await BinaryRunner.run(["kube", "p.yaml", "--shards", "3", "--image", "x"], in: folder)
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("actions[0] `flush` ("), "\(refused.stderr)")
        #expect(refused.stderr.contains(") cannot run in a run split into 3 shards: only actions at a time"), "\(refused.stderr)")
        #expect(refused.stderr.contains("checks (`healthy`) cannot run in a run split into 3 shards"), "\(refused.stderr)")
        // The same profile as `run` sees it in a pod: the same messages, the same code.
        let run = try await BinaryRunner.run(["run", "p.yaml", "--shard", "1/3"], in: folder)
        #expect(run.status == 65)
        for line in refused.stderr.split(separator: "\n") { #expect(run.stderr.contains(line), "\(line)") }
        let single = try await BinaryRunner.run(["kube", "p.yaml", "--shards", "1", "--image", "x"], in: folder)
        #expect(single.status == 0, "\(single.stderr)")
    }
}
