import Foundation

/// Reads the files a profile names (the profile itself and its `csv:` sources), so that decoding does no
/// I/O of its own: the engine's `DiskFiles` reads the disk, a test may answer from memory.
package protocol ProfileFiles: Sendable {
    /// The bytes of the file at `path`; throws `ProfileFileError` saying why they cannot be read.
    func contents(atPath path: String) throws(ProfileFileError) -> Data
}

/// Why a file named by a profile cannot be read.
package enum ProfileFileError: Error {
    /// Nothing exists at the path.
    case missing
    /// The path is a folder.
    case folder
    /// The file exists but reading it failed (permissions, I/O); the system's error.
    case unreadable(any Error)
}
