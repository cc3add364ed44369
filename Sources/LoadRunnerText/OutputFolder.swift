import Foundation

/// Paths in an output folder and why a file operation failed, in words; the writing itself (each file
/// atomically) is `OutputFolder.write` in the CLI, the one place that touches the disk for outputs.
package enum OutputFolder {
    /// `directory/name`.
    package static func path(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Why a file operation failed, in words a person acts on (`the disk is full`, `permission denied`, `it is a
    /// folder`), from the POSIX error under Foundation's; never Foundation's generic text.
    package static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return reason(errno: Int32(nsError.code)) }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
            case .fileWriteNoPermission, .fileReadNoPermission: return reason(errno: EACCES)
            case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT)
            case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
            case .fileWriteFileExists: return reason(errno: EEXIST)
            default: break
            }
        }
        return "the system refused it (\(nsError.domain) error \(nsError.code))"
    }

    /// `errno` in words; the common cases say what is wrong plainly, the rest use the system's text.
    package static func reason(errno code: Int32) -> String {
        switch code {
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is used up"
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file or folder"
        case EISDIR: "it is a folder"
        case ENOTDIR: "a part of the path is not a folder"
        case EROFS: "the file system is read-only"
        case EEXIST: "it already exists"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
