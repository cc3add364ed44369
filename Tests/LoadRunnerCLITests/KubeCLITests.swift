import Foundation
import LoadRunnerTestSupport
import Testing

/// `kube` as a program: manifests on stdout for a profile and its data file, the common start on stderr, and each bad
/// option or data path a clear error with exit 64.
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
}
