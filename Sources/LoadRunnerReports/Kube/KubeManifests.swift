import Foundation

/// The YAML manifests of a `KubeLaunch`, as `kubectl apply -f -` takes them: a ConfigMap with the profile and its
/// data files, a ReadWriteMany PersistentVolumeClaim for the results, the Indexed Job of the shards and the merge
/// Job. Pure text: the same launch always prints the same bytes.
package enum KubeManifests {
    package static func render(_ launch: KubeLaunch) -> String {
        [configMap(launch), volumeClaim(launch), shardJob(launch), mergeJob(launch)].joined(separator: "---\n")
    }

    static func configMap(_ launch: KubeLaunch) -> String {
        var text = header("v1", "ConfigMap", launch.name + "-profile", launch) + "data:\n"
        for file in launch.files {
            text += "  " + KubeLaunch.key(file) + ": " + YAMLText.block(file.text, indent: "    ") + "\n"
        }
        return text
    }

    static func volumeClaim(_ launch: KubeLaunch) -> String {
        header("v1", "PersistentVolumeClaim", launch.name + "-results", launch) + """
            spec:
              # Every shard writes its folder here and the merge Job reads them all: the volume must be shared
              # between nodes (NFS, CephFS, EFS, Filestore, Azure Files, ...).
              accessModes: [ReadWriteMany]
              resources:
                requests:
                  storage: \(launch.storage)

            """
    }

    static func shardJob(_ launch: KubeLaunch) -> String {
        let arguments = [
            "run", KubeLaunch.profileFolder + "/" + launch.files[0].path, "--shards", String(launch.shards),
            "--start-at", launch.startAt, "--seed", String(launch.seed),
            "--out", KubeLaunch.resultsFolder + "/shard-$(JOB_COMPLETION_INDEX)", "--quiet",
        ]
        return header("batch/v1", "Job", launch.name, launch) + """
            spec:
              completionMode: Indexed
              completions: \(launch.shards)
              parallelism: \(launch.shards)
              # A shard run again would start after the others and hold a second copy of its share: no retries, and
              # the first failed shard stops the rest (merge refuses an incomplete set anyway).
              backoffLimitPerIndex: 0
              maxFailedIndexes: 0
              template:
                metadata:
                  labels:
            \(labels(launch, component: "shard", indent: "        "))
                spec:
                  restartPolicy: Never
                  # One shard per node where the cluster has the nodes: shards on one node share its cores and network.
                  topologySpreadConstraints:
                    - maxSkew: 1
                      topologyKey: kubernetes.io/hostname
                      whenUnsatisfiable: ScheduleAnyway
                      labelSelector:
                        matchLabels:
            \(labels(launch, component: "shard", indent: "              "))
            \(podSecurity)
                  containers:
                    - name: loadrunner
                      image: \(YAMLText.quoted(launch.image))
                      args: [\(arguments.map(YAMLText.quoted).joined(separator: ", "))]
            \(resources(launch))
            \(containerSecurity)
                      volumeMounts:
                        - { name: profile, mountPath: \(KubeLaunch.profileFolder), readOnly: true }
                        - { name: results, mountPath: \(KubeLaunch.resultsFolder) }
            \(volumes(launch))
            """
    }

    static func mergeJob(_ launch: KubeLaunch) -> String {
        let folders = (0..<launch.shards).map { KubeLaunch.resultsFolder + "/shard-\($0)" }
        let script = """
            deadline=$(( $(date -u -d \(launch.startAt) +%s) + \(launch.mergeWaitSeconds) ))
            for folder in \(folders.joined(separator: " ")); do
              while [ ! -f "$folder/result.json" ] && [ "$(date -u +%s)" -lt "$deadline" ]; do sleep 5; done
            done
            LoadRunner merge \(folders.joined(separator: " ")) --out \(KubeLaunch.resultsFolder)/merged
            status=$?
            echo "merge exit status $status; kubectl cp -n \(launch.namespace) $HOSTNAME:\(KubeLaunch.resultsFolder)/merged ./merged within \(KubeLaunch.holdSeconds)s"
            sleep \(KubeLaunch.holdSeconds)
            exit $status

            """
        return header("batch/v1", "Job", launch.name + "-merge", launch) + """
            spec:
              completions: 1
              backoffLimit: 0
              template:
                metadata:
                  labels:
            \(labels(launch, component: "merge", indent: "        "))
                spec:
                  restartPolicy: Never
            \(podSecurity)
                  containers:
                    - name: merge
                      image: \(YAMLText.quoted(launch.image))
                      command: [/bin/sh, -c]
                      args:
                        - \(YAMLText.block(script, indent: "              "))
                      resources:
                        requests: { cpu: "1", memory: \(YAMLText.quoted(launch.memory)) }
                        limits: { cpu: "1", memory: \(YAMLText.quoted(launch.memory)) }
            \(containerSecurity)
                      volumeMounts:
                        - { name: results, mountPath: \(KubeLaunch.resultsFolder) }
                  volumes:
                    - name: results
                      persistentVolumeClaim: { claimName: \(launch.name)-results }

            """
    }

    /// `apiVersion`, `kind` and `metadata` of an object.
    static func header(_ apiVersion: String, _ kind: String, _ name: String, _ launch: KubeLaunch) -> String {
        """
        apiVersion: \(apiVersion)
        kind: \(kind)
        metadata:
          name: \(name)
          namespace: \(launch.namespace)
          labels:
        \(labels(launch, component: nil, indent: "    "))

        """
    }

    static func labels(_ launch: KubeLaunch, component: String?, indent: String) -> String {
        var lines = ["app.kubernetes.io/name: loadrunner", "app.kubernetes.io/instance: \(launch.name)"]
        if let component { lines.append("app.kubernetes.io/component: \(component)") }
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    static func resources(_ launch: KubeLaunch) -> String {
        let quantities = "{ cpu: \(YAMLText.quoted(launch.cpus)), memory: \(YAMLText.quoted(launch.memory)) }"
        return indented(10, [
            "# Requests equal limits: Guaranteed QoS, and the CPU quota the generator judges itself against.",
            "resources:", "  requests: \(quantities)", "  limits: \(quantities)",
        ])
    }

    static func volumes(_ launch: KubeLaunch) -> String {
        var text = """
                  volumes:
                    - name: profile
                      configMap:
                        name: \(launch.name)-profile
                        items:

            """
        for file in launch.files {
            text += "              - { key: \(KubeLaunch.key(file)), path: \(YAMLText.quoted(file.path)) }\n"
        }
        text += """
                    - name: results
                      persistentVolumeClaim: { claimName: \(launch.name)-results }

            """
        return text
    }

    /// The image's user (10001, `Containerfile`), never root; at a pod spec's indentation.
    static let podSecurity = indented(6, [
        "securityContext:", "  runAsNonRoot: true", "  runAsUser: 10001", "  runAsGroup: 10001", "  fsGroup: 10001",
    ])

    /// No privilege a load generator needs; at a container's indentation.
    static let containerSecurity = indented(10, [
        "securityContext:", "  allowPrivilegeEscalation: false", "  capabilities: { drop: [ALL] }",
    ])

    /// `lines` joined, each after `spaces` spaces.
    static func indented(_ spaces: Int, _ lines: [String]) -> String {
        lines.map { String(repeating: " ", count: spaces) + $0 }.joined(separator: "\n")
    }
}
