import Foundation

/// Writes named files into a folder, each atomically (a temporary file, then renamed): the one place
/// the report code touches the disk, for run folders, comparison folders and rebuilt reports.
public enum OutputFolder {
    /// Creates `directory` (and its parents) when missing and writes `files` into it in order, replacing
    /// files of the same names. Throws `RunOutputsError` naming the file or folder and the system's reason.
    public static func write(_ files: [(name: String, data: Data)], to directory: String) throws(RunOutputsError) {
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

    /// `directory/name`.
    public static func path(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The system's reason (`Permission denied`, `No space left on device`) rather than Foundation's generic text.
    public static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
