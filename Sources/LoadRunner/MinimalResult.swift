import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

/// The `result.json` a second signal leaves behind: what is cheap and safe to know without the engine (the
/// profile, the machine, when the run started and stopped), no stage and no sample, marked interrupted and
/// `measurementsLost`. It decodes like any result, so `report` shows it (with a warning) and `compare`
/// refuses it as a run with no stages.
enum MinimalResult {
    static func make(
        profile: Profile, commandLine: [String], version: String, startTime: Date, endTime: Date, seed: UInt64? = nil
    ) -> RunResult {
        let provenance = Provenance(
            loadRunnerVersion: version, libcurlVersion: SystemInfo.libcurlVersion, hostName: SystemInfo.hostName,
            cpuCount: SystemInfo.onlineCPUCount, allowedCPUCount: SystemInfo.allowedCPUCount, kernel: SystemInfo.kernel,
            profileName: profile.name, profilePath: profile.sourcePath, profileText: profile.sourceText,
            target: profile.target.description, commandLine: commandLine, startTime: startTime, endTime: endTime)
        var result = RunResult(provenance: provenance, stages: [], series: [], failures: [], interrupted: true)
        result.measurementsLost = true
        result.startUnixMicros = RunResult.unixMicros(startTime)
        result.compareBudgets = profile.compareBudgets
        result.seed = seed
        return result
    }

    /// Writes `result` as `result.json` in `folder` (a temporary file, then renamed); false when it could not.
    static func write(_ result: RunResult, to folder: String) -> Bool {
        guard let data = try? ResultJSON.encode(result) else { return false }
        return (try? OutputFolder.write([(RunOutputs.resultJSON, data)], to: folder)) != nil
    }
}
