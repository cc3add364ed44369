import Foundation

/// A temporary file that takes one of a command's output streams, removed from its folder as soon as it is
/// open (so nothing is left behind, however the run ends); the command writes into its own descriptor of it,
/// and `tail` reads back what it wrote last.
///
/// A file rather than a pipe: a background process that keeps the stream open (a daemon an action started)
/// never holds the run up, and there is nothing to drain while the command runs.
final class OutputFile {
    /// Our descriptor, close-on-exec; closed when the value goes away.
    private let fd: Int32

    /// Why the file could not be made: the system's text for its `errno`.
    struct Failure: Error {
        var reason: Int32
    }

    init() throws(Failure) {
        var template = Array((NSTemporaryDirectory() + "/loadrunner-output-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(reason: errno) }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
    }

    deinit { close(fd) }

    /// Another descriptor of the file for the command, which the caller hands over (Subprocess closes it
    /// once the command has started).
    func descriptorForCommand() throws(Failure) -> Int32 {
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, 3)
        guard copy >= 0 else { throw Failure(reason: errno) }
        return copy
    }

    /// The last `limit` bytes the command wrote, as `OutputTail` keeps them.
    func tail(limit: Int) -> OutputTail {
        var tail = OutputTail(limit: limit)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return tail }
        // One byte more than kept when there is more, so the tail knows its front was cut.
        let count = Int(min(Int64(info.st_size), Int64(limit) + 1))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { buffer.deallocate() }
        var read = 0
        while read < count {
            let got = pread(fd, buffer.baseAddress! + read, count - read, off_t(Int64(info.st_size) - Int64(count) + Int64(read)))
            if got > 0 {
                read += got
            } else if got == 0 || errno != EINTR {
                break
            }
        }
        tail.append(UnsafeRawBufferPointer(rebasing: buffer[..<read]))
        return tail
    }
}
