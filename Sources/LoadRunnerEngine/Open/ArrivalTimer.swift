import CCurl
import Glibc

/// A Linux timerfd that ends a loop's `curl_multi_poll` at the microsecond the next open-model arrival is due:
/// the poll's own timeout counts whole milliseconds, which would send every arrival up to 1 ms late. A class: it
/// owns the file descriptor. Touched only on its loop's thread.
final class ArrivalTimer {
    let fd: Int32

    /// nil when the kernel gives no timerfd: the loop then wakes by the poll's millisecond timeout alone.
    init?() {
        let fd = lr_timer_create()
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Fires once, `micros` (> 0) from now; replaces any earlier setting and clears an expiry not yet read.
    func arm(afterMicros micros: Int64) {
        _ = lr_timer_arm_micros(fd, micros)
    }

    /// Reads away an expiry (non-blocking: nothing happens when the timer has not fired), so that a later poll
    /// does not return at once.
    func clear() {
        var expiries: UInt64 = 0
        _ = read(fd, &expiries, MemoryLayout<UInt64>.size)
    }

    /// The timer as an extra descriptor for `curl_multi_poll`: readable once it fired.
    var waitDescriptor: curl_waitfd { curl_waitfd(fd: fd, events: Int16(CURL_WAIT_POLLIN), revents: 0) }
}
