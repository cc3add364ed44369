import Foundation
import LoadRunnerProfile

/// The files a profile names, read from the disk with FileManager.
package struct DiskFiles: ProfileFiles {
    package init() {}

    package func contents(atPath path: String) throws(ProfileFileError) -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missing }
        if isFolder.boolValue { throw .folder }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(error)
        }
    }
}
