import Foundation
import LoadRunnerReports
import LoadRunnerText

extension OutputFolder {
    /// Creates `directory` (and its parents) when missing and writes `files` into it in order, replacing
    /// files of the same names. Throws `RunOutputsError` naming the file or folder and the system's reason.
    package static func write(_ files: [(name: String, data: Data)], to directory: String) throws(RunOutputsError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunOutputsError.cannotCreateDirectory(path: directory, reason: reason(error))
        }
        for file in files {
            let filePath = path(file.name, in: directory)
            do {
                try file.data.write(to: URL(fileURLWithPath: filePath), options: .atomic)
            } catch {
                throw RunOutputsError.cannotWrite(path: filePath, reason: reason(error))
            }
        }
    }
}
