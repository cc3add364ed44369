import Foundation
import LoadRunnerModel

/// What the checks before the load decided: go on with the planned folder, or end with a status.
enum Preflight {
    case proceed(ResultFolder)
    case refuse(ExitStatus)
}

/// What `run` checks after reading the profile and before anything is sent or created.
extension RunSession {
    /// The planned result folder, or the exit status to end with (the reason already printed): an untrusted
    /// profile's commands and reads (`--no-actions`), the `--junit` path, and the `--out` folder.
    func preflight(_ profile: Profile) -> Preflight {
        if refuseCommands {
            var refused = false
            if profile.runsCommands {
                console.report(CLIMessages.profileRunsCommands(profile))
                refused = true
            }
            let reads = unallowedReads(of: profile)
            if !reads.environment.isEmpty || !reads.files.isEmpty {
                console.report(CLIMessages.readsRefused(profile, environment: reads.environment, files: reads.files))
                refused = true
            }
            if refused { return .refuse(.usageOrProfileError) }
            // What was allowed is still said, so the log shows what the untrusted profile read.
            for line in CLIMessages.readsOf(profile) { console.line(line + " (allowed)") }
        }
        if let junitPath, let problem = CIOutputs.junitProblem(junitPath) {
            console.report(CLIMessages.junitRefused(junitPath, reason: problem))
            return .refuse(.outputFailure)
        }
        switch ResultFolder.plan(outputFolder ?? Self.defaultFolder(for: profile, at: Date())) {
        case .success(let plan): return .proceed(plan)
        case .failure(let refusal):
            console.report(CLIMessages.outputRefused(refusal, nothingSent: true))
            return .refuse(.outputFailure)
        }
    }

    /// The environment variables and outside files `profile` reads that `--allow-env` / `--allow-file` do not allow.
    func unallowedReads(of profile: Profile) -> (environment: [String], files: [String]) {
        let allowedPaths = Set(allowedFiles.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        return (profile.environmentReads.filter { !allowedEnvironment.contains($0) },
                profile.filesReadOutsideFolder.filter { !allowedPaths.contains($0) })
    }
}
