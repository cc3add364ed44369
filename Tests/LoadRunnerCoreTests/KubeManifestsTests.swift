import LoadRunnerReports
import Testing

/// `kube`'s manifests for a fixed launch (T0, seed, image) against `Golden/kube.yaml`, which `make test` also
/// validates against the Kubernetes API schemas (`kubernetes-validate`); and the rules a valid launch relies on.
@Suite struct KubeManifestsTests {
    static let launch = KubeLaunch(
        name: "shop-checkout", namespace: "load", image: "registry.example.com/loadrunner:0.1.0", shards: 3, cpus: "2",
        memory: "1Gi", storage: "2Gi", startAt: "2026-12-07T15:00:00Z", seed: 42,
        files: [
            KubeLaunch.File(path: "shop.yaml", text: """
                name: Shop checkout
                target: http://shop.internal:8080
                data:
                  users: { csv: data/users.csv, pick: sequential }
                requests:
                  - { name: cart, path: "/cart/${users.id}" }
                thresholds:
                  - "p95 < 300ms"
                stages:
                  - { users: 30, duration: 2m, warmup: 30s }

                  - { rate: 200/s, duration: 5m, warmup: 30s }

                """),
            KubeLaunch.File(path: "data/users.csv", text: "id,name\n1,ann\n2,bob\n"),
            // No final newline: kept exactly, as a quoted string.
            KubeLaunch.File(path: "data/raw.txt", text: "  indented\tand no newline"),
        ],
        mergeWaitSeconds: 1020)

    @Test func manifestsMatchTheGoldenFile() {
        assertMatchesGolden(KubeManifests.render(Self.launch), file: "kube.yaml")
    }

    @Test func indexedJobRunsEveryShardOnceAtTheCommonStart() {
        let text = KubeManifests.render(Self.launch)
        for line in [
            "completionMode: Indexed", "completions: 3", "parallelism: 3", "backoffLimitPerIndex: 0", "maxFailedIndexes: 0",
            "requests: { cpu: \"2\", memory: \"1Gi\" }", "limits: { cpu: \"2\", memory: \"1Gi\" }",
            "\"--start-at\", \"2026-12-07T15:00:00Z\", \"--seed\", \"42\"", "\"/results/shard-$(JOB_COMPLETION_INDEX)\"",
            "LoadRunner merge /results/shard-0 /results/shard-1 /results/shard-2 --out /results/merged",
            "- { key: data__users.csv, path: \"data/users.csv\" }",
        ] {
            #expect(text.contains(line), "\(line)")
        }
    }

    @Test func namesBecomeDNSLabels() {
        #expect(KubeLaunch.label("Shop checkout (EU)") == "shop-checkout-eu")
        #expect(KubeLaunch.label("---") == "loadrunner")
        #expect(KubeLaunch.label(String(repeating: "a", count: 39) + " b") == String(repeating: "a", count: 39))
    }
}
