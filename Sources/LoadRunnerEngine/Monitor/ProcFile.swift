import Foundation

/// Reads small files such as `/proc/<pid>/stat` whole, keeping the `errno` of a failure so that
/// callers can tell a vanished process (`ENOENT`, `ESRCH`) from a forbidden one (`EACCES`, `EPERM`).
enum ProcFile {
    /// Why a file could not be read.
    struct Failure: Error, Equatable {
        var code: Int32

        /// The process behind a `/proc/<pid>/...` file exists but we may not read this file.
        var isPermission: Bool { code == EACCES || code == EPERM }

        /// The system's text for the error, e.g. "No such file or directory".
        var text: String { String(cString: strerror(code)) }
    }

    /// The file's bytes as UTF-8 (invalid bytes replaced); `/proc` files report size 0, so this reads to EOF.
    static func read(_ path: String) -> Result<String, Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Failure(code: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(code: errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }
}
