import Foundation
import LoadRunnerAnalysis
import LoadRunnerReports
import LoadRunnerText

extension CompareOutputs {
    /// Creates `directory` (and its parents) when missing and writes every file into it, replacing earlier
    /// ones, each atomically. Throws `RunOutputsError` naming the path and the system's reason.
    package static func write(_ result: CompareResult, to directory: String, charts: [ChartFile] = []) throws(RunOutputsError) {
        let files: [(name: String, data: Data)]
        do {
            files = try self.files(of: result, charts: charts)
        } catch {
            throw RunOutputsError.cannotEncode(path: OutputFolder.path(json, in: directory), reason: "\(error)")
        }
        try OutputFolder.write(files, to: directory)
    }
}
