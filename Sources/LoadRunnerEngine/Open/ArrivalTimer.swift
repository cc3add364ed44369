import CCurl
import Glibc

/// A Linux timerfd that ends a loop's `curl_multi_poll` at the microsecond the next open-model arrival is due:
/// the poll's own timeout counts whole milliseconds, which would send every arrival up to 1 ms late. A class: it
/// owns the file descriptor. Touched only on its loop's thread.
final class ArrivalTimer {
    let fd: Int32
    /// The run time (µs) the timer is set to fire at, until it is seen to fire; nil when it is not set.
    private var armedForMicros: Int64?

    /// nil when the kernel gives no timerfd: the loop then wakes by the poll's millisecond timeout alone.
    init?() {
        let fd = lr_timer_create()
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sets the timer to fire at run time `wakeMicros` (> `nowMicros`, the loop's clock now). Setting a timerfd also
    /// clears an expiry not yet read, so a fired timer needs no `read`; and a timer already set for that time is
    /// left alone: after a wait that a socket ended, the next arrival is usually still the same one, and the timer
    /// cannot have fired yet (it fires at or after `wakeMicros`, which is still ahead). Up to two system calls fewer
    /// per arrival, the same wake-up.
    func arm(atMicros wakeMicros: Int64, nowMicros: Int64) {
        guard wakeMicros != armedForMicros else { return }
        _ = lr_timer_arm_micros(fd, wakeMicros - nowMicros)
        armedForMicros = wakeMicros
    }

    /// A wait on `descriptor` (the `waitDescriptor` given to `curl_multi_poll`) ended: if the timer fired, it is no
    /// longer set.
    func waitEnded(_ descriptor: curl_waitfd) {
        if descriptor.revents != 0 { armedForMicros = nil }
    }

    /// The timer as an extra descriptor for `curl_multi_poll`: readable once it fired.
    var waitDescriptor: curl_waitfd { curl_waitfd(fd: fd, events: Int16(CURL_WAIT_POLLIN), revents: 0) }
}
