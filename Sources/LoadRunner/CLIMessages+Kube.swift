import LoadRunnerReports
import LoadRunnerText

/// The messages of `kube`; part of `CLIMessages`.
extension CLIMessages {
    static func kubeShardCount(_ count: Int) -> Diagnostic {
        .error("--shards \(count): give 1 to \(KubeCommand.maxShards) shards")
    }

    static func kubeQuantity(_ option: String, _ value: String, example: String) -> Diagnostic {
        .error("\(option) \"\(value)\" is not a Kubernetes quantity", hint: "write it like \(example)")
    }

    static func kubeName(_ value: String) -> Diagnostic {
        .error("--name \"\(value)\" is not a DNS label of at most \(KubeLaunch.maxNameLength) characters",
               hint: "use lower-case letters, digits and '-', starting and ending with a letter or digit")
    }

    static func kubeNamespace(_ value: String) -> Diagnostic {
        .error("--namespace \"\(value)\" is not a Kubernetes namespace name",
               hint: "use lower-case letters, digits and '-', starting and ending with a letter or digit")
    }

    static func kubeStart(_ problem: String) -> Diagnostic {
        .error(problem, hint: "give --start-in 60s (the default) or --start-at 2026-12-07T15:00:00Z, not both")
    }

    /// A data file the pods could not find at the same place relative to the profile.
    static func kubeDataPath(_ path: String, profile: String) -> Diagnostic {
        .error("\(profile): data file \(path) is not inside the profile's folder",
               hint: "the pods mount the profile's folder at \(KubeLaunch.profileFolder): name data files relative to the profile, below its folder")
    }

    static func kubeFileName(_ path: String) -> Diagnostic {
        .error("\(path): a file name the ConfigMap cannot hold",
               hint: "rename it with letters, digits, '.', '_', '-' and '/' only")
    }

    static func kubeUnreadable(_ path: String, reason: String) -> Diagnostic {
        .error("cannot read \(path): \(reason)", hint: "kube puts the profile and its data files into the ConfigMap")
    }

    static func kubeTooLarge(_ bytes: Int) -> Diagnostic {
        .error("the profile and its data files hold \(bytes) bytes, more than a ConfigMap's \(KubeCommand.maxConfigMapBytes)",
               hint: "build an image with the data files in it, or fetch them with a `fetch:` data source")
    }

    static func kubeApplyBefore(_ startAt: String, seconds: Int) -> String {
        "apply these manifests before \(startAt) (in \(seconds) s): every shard starts its load then; "
            + "a shard scheduled later starts late and merge reports it"
    }
}
