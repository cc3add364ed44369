import Foundation
import Synchronization

/// Writes text to a file descriptor (standard output or error) and drops it silently once the descriptor
/// fails: when a reader closed the pipe (`run ... | head -1`: EPIPE, SIGPIPE being ignored) or the terminal is
/// gone (SIGHUP: EIO), the run goes on and writes its files instead of dying or crashing on a console line.
final class DescriptorWriter: Sendable {
    private let descriptor: Int32
    /// Set at the first failed write; nothing is tried after it.
    private let failed = Atomic<Bool>(false)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes all of `text`, retrying short writes and interrupted calls; gives up for good on any other error.
    func write(_ text: String) {
        guard !failed.load(ordering: .relaxed) else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                failed.store(true, ordering: .relaxed)
                return
            }
        }
    }
}
