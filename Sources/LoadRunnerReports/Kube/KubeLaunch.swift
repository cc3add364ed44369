/// What `LoadRunner kube` prints manifests for: one sharded run of a profile as a Kubernetes Indexed Job, its
/// profile and data files in a ConfigMap, its results on a ReadWriteMany volume, and a Job that merges them.
package struct KubeLaunch: Sendable, Equatable {
    /// A file the shards read, mounted under `/profile`: the profile itself first, then its CSV sources.
    package struct File: Sendable, Equatable {
        /// The path under `/profile`, as the profile names it (`data/users.csv`); the profile's is its file name.
        package var path: String
        package var text: String

        package init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// The prefix of every object's name (a DNS-1123 label of at most `maxNameLength` characters).
    package var name: String
    package var namespace: String
    package var image: String
    /// How many shards (pods) run the load.
    package var shards: Int
    /// Each pod's CPUs and memory as Kubernetes quantities (`2`, `1500m`; `1Gi`): requests equal limits, so the
    /// pods get Guaranteed QoS and the generator's self-check judges against exactly these CPUs.
    package var cpus: String
    package var memory: String
    /// The size of the results volume (`1Gi`).
    package var storage: String
    /// The common start, as `--start-at` takes it (`2026-12-07T15:00:00Z`).
    package var startAt: String
    package var seed: UInt64
    /// The profile (first) and its data files.
    package var files: [File]
    /// How long the merge Job waits for every shard's result.json after the common start before it merges what is
    /// there (and names what is missing), in seconds: the planned run plus a margin.
    package var mergeWaitSeconds: Int

    /// Kubernetes adds `-<index>-<5 characters>` to an Indexed Job's pod names, which must stay within 63.
    package static let maxNameLength = 40
    /// Where the ConfigMap and the results volume are mounted in every pod.
    package static let profileFolder = "/profile"
    package static let resultsFolder = "/results"
    /// How long the merge pod stays up after merging, so that `kubectl cp` can fetch the merged folder.
    package static let holdSeconds = 3600

    package init(
        name: String, namespace: String, image: String, shards: Int, cpus: String, memory: String, storage: String,
        startAt: String, seed: UInt64, files: [File], mergeWaitSeconds: Int
    ) {
        self.name = name
        self.namespace = namespace
        self.image = image
        self.shards = shards
        self.cpus = cpus
        self.memory = memory
        self.storage = storage
        self.startAt = startAt
        self.seed = seed
        self.files = files
        self.mergeWaitSeconds = mergeWaitSeconds
    }

    /// The ConfigMap key of `file`: its path with `/` as `__` (keys may not hold a slash; the volume's `items` put it
    /// back at its path).
    package static func key(_ file: File) -> String { file.path.replacingOccurrences(of: "/", with: "__") }

    /// A DNS-1123 label from `text` (lower case letters, digits and `-`, at most `maxNameLength`); `loadrunner`
    /// when nothing is left.
    package static func label(_ text: String) -> String {
        let slug = text.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        let trimmed = String(slug.prefix(maxNameLength)).split(separator: "-").joined(separator: "-")
        return trimmed.isEmpty ? "loadrunner" : trimmed
    }
}
