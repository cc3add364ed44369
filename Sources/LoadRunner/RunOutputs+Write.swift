import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

extension RunOutputs {
    /// Creates `directory` (and its parents) when missing and writes every file of `fileNames(for:)` into it,
    /// replacing files of an earlier run. Each file is written atomically (a temporary file, then renamed).
    ///
    /// Throws `RunOutputsError` naming the file or folder that could not be written and why.
    package static func write(_ result: RunResult, to directory: String) throws(RunOutputsError) {
        let files: [String: Data]
        do {
            files = try contents(of: result)
        } catch {
            throw RunOutputsError.cannotEncode(path: OutputFolder.path(resultJSON, in: directory), reason: "\(error)")
        }
        try OutputFolder.write(fileNames(for: result).map { ($0, files[$0, default: Data()]) }, to: directory)
    }
}
