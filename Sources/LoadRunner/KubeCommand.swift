import ArgumentParser
import Foundation
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerReports
import LoadRunnerText

/// `LoadRunner kube PROFILE --shards N --image IMAGE`: prints the Kubernetes manifests of a sharded run
/// (`KubeManifests`) with a common start computed now (or given) and a fixed seed.
struct KubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube",
        abstract: "Print Kubernetes manifests that run a profile as N shards (an Indexed Job) and merge their results.",
        discussion: """
            Prints a ConfigMap (the profile and its CSV files), a ReadWriteMany PersistentVolumeClaim for the results, \
            an Indexed Job whose pod i runs `run --shards N --start-at T0 --seed S --out /results/shard-i`, and a Job that \
            waits for every shard's result and runs `merge`. Apply them before T0 (kubectl apply -f -). Exit 64 for a bad \
            option or profile, 65 for a profile a shard cannot run (as `run --shards N` would refuse it in the pods). \
            See docs/distributed.md.
            """)

    static let maxShards = 1000
    /// A ConfigMap holds at most 1 MiB; a little is left for its keys and metadata.
    static let maxConfigMapBytes = 1_000_000

    @Argument(help: "The YAML load profile.")
    var profile: String

    @Option(help: "How many shards (pods) share the load.")
    var shards: Int

    @Option(help: "The LoadRunner image the pods run (built from the repository's Containerfile).")
    var image: String

    @Option(help: "Namespace of every object.")
    var namespace = "default"

    @Option(help: "Prefix of every object's name (default: the profile's name as a DNS label).")
    var name: String?

    @Option(help: "CPUs of each shard's pod, requests = limits (Guaranteed QoS), e.g. 2 or 1500m.")
    var cpus = "2"

    @Option(help: "Memory of each shard's pod, requests = limits, e.g. 1Gi.")
    var memory = "1Gi"

    @Option(help: "Size of the ReadWriteMany results volume, e.g. 1Gi.")
    var storage = "1Gi"

    @Option(help: "Start the load this long after the manifests are printed (default 60s); apply them before then.")
    var startIn: String?

    @Option(help: "Start the load at this UTC time instead, e.g. 2026-12-07T15:00:00Z.")
    var startAt: String?

    @Option(help: "Seed of the run's random choices (default: the profile's seed:, else drawn now).")
    var seed: UInt64?

    func run() throws {
        let console = Console.standard()
        guard let profile = ProfileLoading.load(path: self.profile, targetOverride: nil, console: console) else {
            throw ExitStatus.usageOrProfileError.exitCode
        }
        var problems: [Diagnostic] = []
        if !(1...Self.maxShards).contains(shards) { problems.append(CLIMessages.kubeShardCount(shards)) }
        if !Self.isQuantity(cpus, units: ["", "m"]) { problems.append(CLIMessages.kubeQuantity("--cpus", cpus, example: "2 or 1500m")) }
        for (option, value) in [("--memory", memory), ("--storage", storage)]
        where !Self.isQuantity(value, units: ["", "Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T"]) {
            problems.append(CLIMessages.kubeQuantity(option, value, example: "1Gi or 512Mi"))
        }
        let objectName = name ?? KubeLaunch.label(profile.name)
        if !Self.isLabel(objectName, maxLength: KubeLaunch.maxNameLength) { problems.append(CLIMessages.kubeName(objectName)) }
        if !Self.isLabel(namespace, maxLength: 63) { problems.append(CLIMessages.kubeNamespace(namespace)) }
        let start = startDate()
        if case .failure(let startProblems) = start { problems += startProblems.problems }
        let files = self.files(of: profile)
        if case .failure(let fileProblems) = files { problems += fileProblems.problems }
        // What `run --shards N` in each pod would refuse (exit 65 there), refused here before anything is printed.
        let refusals = (1...Self.maxShards).contains(shards)
            ? ShardPlan(index: 0, count: shards).map { ShardedProfile.refusals(profile, plan: $0) } ?? [] : []
        guard problems.isEmpty, case .success(let startDate) = start, case .success(let launchFiles) = files else {
            for problem in problems + refusals { console.report(problem) }
            throw ExitStatus.usageOrProfileError.exitCode
        }
        guard refusals.isEmpty else {
            refusals.forEach(console.report)
            throw ExitStatus.shardRefused.exitCode
        }
        let plannedSeconds = Int((Double(StageSchedule(stages: profile.stages).totalMicros) / 1_000_000).rounded(.up))
        let startText = UTCTimestamp.seconds(startDate)
        let launch = KubeLaunch(
            name: objectName, namespace: namespace, image: image, shards: shards, cpus: cpus, memory: memory,
            storage: storage, startAt: startText,
            seed: seed ?? profile.seed ?? UInt64.random(in: 0...ProfileLimits.maxSeed), files: launchFiles,
            mergeWaitSeconds: plannedSeconds + 600)
        console.writeOut(KubeManifests.render(launch))
        console.error(CLIMessages.kubeApplyBefore(startText, seconds: max(0, Int(startDate.timeIntervalSinceNow.rounded()))))
    }

    /// T0: `--start-at`, or now plus `--start-in` (60 s by default), in whole seconds.
    func startDate() -> Result<Date, DiagnosticList> {
        if startAt != nil && startIn != nil { return .failure(DiagnosticList(CLIMessages.kubeStart("--start-in and --start-at both given"))) }
        if let startAt {
            guard let date = UTCTimestamp.parse(startAt) else {
                return .failure(DiagnosticList(CLIMessages.kubeStart("--start-at \"\(startAt)\" is not a UTC time like 2026-12-07T15:00:00Z")))
            }
            return .success(date)
        }
        let text = startIn ?? "60s"
        guard let duration = DurationParser.parse(text) else {
            return .failure(DiagnosticList(CLIMessages.kubeStart("--start-in \"\(text)\" is not a duration like 60s or 5m")))
        }
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return .success(Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + seconds).rounded(.up)))
    }

    /// The profile and its CSV files, with their paths under the profile's folder.
    func files(of profile: Profile) -> Result<[KubeLaunch.File], DiagnosticList> {
        var problems: [Diagnostic] = []
        var files: [KubeLaunch.File] = []
        let profileName = (profile.sourcePath as NSString).lastPathComponent
        var paths = [(shown: profile.sourcePath, relative: Optional(profileName))]
        for source in profile.data {
            guard case .csv(let path, _) = source.kind else { continue }
            paths.append((path, Self.relativePath(path, base: profile.baseDirectory)))
        }
        for (shown, relative) in paths {
            guard let relative else {
                problems.append(CLIMessages.kubeDataPath(shown, profile: profile.sourcePath))
                continue
            }
            guard relative.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/".contains($0)) }) else {
                problems.append(CLIMessages.kubeFileName(shown))
                continue
            }
            guard let data = FileManager.default.contents(atPath: shown), let text = String(data: data, encoding: .utf8) else {
                problems.append(CLIMessages.kubeUnreadable(shown, reason: "missing, unreadable or not UTF-8"))
                continue
            }
            if !files.contains(where: { $0.path == relative }) { files.append(KubeLaunch.File(path: relative, text: text)) }
        }
        let bytes = files.reduce(0) { $0 + $1.text.utf8.count }
        if bytes > Self.maxConfigMapBytes { problems.append(CLIMessages.kubeTooLarge(bytes)) }
        return problems.isEmpty ? .success(files) : .failure(DiagnosticList(problems: problems))
    }

    /// `path` relative to the profile's folder `base`; nil when it is absolute as written or leaves that folder.
    static func relativePath(_ path: String, base: String) -> String? {
        var relative = path
        if base != "." && !base.isEmpty {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            guard path.hasPrefix(prefix) else { return nil }
            relative = String(path.dropFirst(prefix.count))
        }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.contains("") else { return nil }
        return parts.filter { $0 != "." }.joined(separator: "/")
    }

    /// A DNS-1123 label: lower-case letters, digits and `-`, starting and ending with a letter or digit.
    static func isLabel(_ text: String, maxLength: Int) -> Bool {
        guard (1...maxLength).contains(text.count), let first = text.first, let last = text.last else { return false }
        let allowed = { (c: Character) in c.isASCII && (c.isLowercase || c.isNumber) }
        return allowed(first) && allowed(last) && text.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// A positive decimal number followed by one of `units`.
    static func isQuantity(_ text: String, units: [String]) -> Bool {
        units.contains { unit in
            guard text.hasSuffix(unit) else { return false }
            let number = text.dropLast(unit.count)
            return !number.isEmpty && number.allSatisfy { $0.isNumber || $0 == "." } && (Double(number) ?? 0) > 0
                && number.filter { $0 == "." }.count <= 1
        }
    }
}

/// Several problems found together, printed at once.
struct DiagnosticList: Error {
    var problems: [Diagnostic]

    init(problems: [Diagnostic]) { self.problems = problems }

    init(_ problem: Diagnostic) { problems = [problem] }
}
