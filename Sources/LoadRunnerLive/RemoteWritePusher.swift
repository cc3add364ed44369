import CCurl
import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Synchronization

/// `run --out-prometheus URL`: pushes the live state's series (the same as `/metrics`) to a Prometheus remote write
/// 1.0 endpoint once a second, each sample stamped with the end of its second.
///
/// The run only hands over a copy of its state (`push`, from the task that reports seconds, never a curl loop);
/// encoding and sending happen on a thread of this pusher's own, with libcurl's easy interface. The queue is bounded
/// (`capacity` seconds): when the endpoint is slower than the run, the oldest waiting second is dropped and counted,
/// so the run is never held up. A failed push is told once (with the HTTP status and the start of the answer) and
/// counted; the run goes on. Always call `finish`, which sends what is still queued (the last second included).
package final class RemoteWritePusher: Sendable {
    /// Seconds waiting to be sent at most.
    package static let capacity = 60
    /// How long one push may take, connecting included.
    static let timeoutMillis = 5_000

    private struct Queue {
        var waiting: [LiveState] = []
        var lastQueuedMillis: Int64?
        var closed = false
        var sent = 0
        var dropped = 0
        var failed = 0
        var told = false
        var workerDone = false
    }

    package let url: String
    private let queue = Mutex(Queue())
    /// Labels added to every pushed series: a shard's `shard` label (`label(shard:)`).
    private let extraLabels = Mutex<[(String, String)]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let report: @Sendable (Diagnostic) -> Void

    /// Starts the sending thread; `report` receives the warnings (called from that thread).
    package init(url: String, report: @escaping @Sendable (Diagnostic) -> Void) {
        self.url = url
        self.report = report
        let thread = Thread { [self] in work() }
        thread.name = "prometheus-push"
        thread.start()
    }

    /// Marks every series pushed from now on with `shard="I"` (this process's shard index), so that the shards of one
    /// run pushing to one receiver write series of their own (`sum without (shard) (...)` adds them up) instead of
    /// over each other. Called before the run starts.
    package func label(shard plan: ShardPlan) {
        extraLabels.withLock { $0 = [("shard", String(plan.index))] }
    }

    /// Queues `state` for sending if it holds a second not queued yet (a state before the first second, or the same
    /// second again, has nothing new: Prometheus refuses a second value at the same time).
    package func push(_ state: LiveState) {
        guard let stamp = PrometheusText.timestampMillis(state) else { return }
        let queued = queue.withLock { queue -> Bool in
            guard !queue.closed, stamp != queue.lastQueuedMillis else { return false }
            queue.lastQueuedMillis = stamp
            if queue.waiting.count >= Self.capacity {
                queue.waiting.removeFirst()
                queue.dropped += 1
            }
            queue.waiting.append(state)
            return true
        }
        if queued { wake.signal() }
    }

    /// What happened so far: pushes that succeeded, seconds dropped from a full queue, pushes that failed.
    package var counts: (sent: Int, dropped: Int, failed: Int) {
        queue.withLock { ($0.sent, $0.dropped, $0.failed) }
    }

    /// Sends what is still queued (within `timeout`), stops the thread, and says how many seconds were not pushed.
    package func finish(timeout: Duration = .seconds(10)) async {
        queue.withLock { $0.closed = true }
        wake.signal()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !queue.withLock({ $0.workerDone }) && clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let (done, left, dropped, failed) = queue.withLock { queue in
            let left = queue.waiting.count
            queue.waiting.removeAll()
            return (queue.workerDone, left, queue.dropped, queue.failed)
        }
        if dropped + failed + left > 0 {
            report(LiveMessages.pushIncomplete(url: url, dropped: dropped, failed: failed, unsent: done ? 0 : left))
        }
    }

    private func work() {
        let handle = curl_easy_init()
        defer { if let handle { curl_easy_cleanup(handle) } }
        while true {
            wake.wait()
            let next = queue.withLock { queue -> LiveState?? in
                if !queue.waiting.isEmpty { return .some(queue.waiting.removeFirst()) }
                return queue.closed ? .none : .some(nil)
            }
            guard let next else { break }
            guard let state = next else { continue }
            // More may be queued than signals remain (dropped states kept theirs): drain before waiting again.
            if queue.withLock({ !$0.waiting.isEmpty || $0.closed }) { wake.signal() }
            let failure = handle.map { send(state, handle: $0) } ?? LiveMessages.pushNoCurl
            queue.withLock { queue in
                if failure == nil { queue.sent += 1 } else { queue.failed += 1 }
            }
            if let failure, queue.withLock({ queue in defer { queue.told = true }; return !queue.told }) {
                report(LiveMessages.pushFailed(url: url, reason: failure))
            }
        }
        queue.withLock { $0.workerDone = true }
    }

    /// POSTs one second; nil when the endpoint took it (2xx), else why not.
    private func send(_ state: LiveState, handle: UnsafeMutableRawPointer) -> String? {
        guard let stamp = PrometheusText.timestampMillis(state) else { return nil }
        let body = SnappyBlock.compress(
            RemoteWriteRequest.encode(
                PrometheusText.exposition(state).samples, timestampMillis: stamp, extraLabels: extraLabels.withLock { $0 }))
        curl_easy_reset(handle)
        // libcurl keeps the buffer's address until the transfer ends: it must outlive this call, not be a temporary.
        let answer = UnsafeMutablePointer<lr_body_buffer>.allocate(capacity: 1)
        answer.initialize(to: lr_body_buffer(bytes: nil, length: 0, capacity: 0, limit: 4096, refused: 0, handle: nil))
        defer {
            lr_body_buffer_free(answer)
            answer.deallocate()
        }
        var headers: UnsafeMutablePointer<curl_slist>?
        for line in [
            "Content-Encoding: snappy", "Content-Type: application/x-protobuf",
            "X-Prometheus-Remote-Write-Version: 0.1.0", "User-Agent: LoadRunner",
        ] {
            headers = curl_slist_append(headers, line)
        }
        defer { curl_slist_free_all(headers) }
        lr_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        lr_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.timeoutMillis)
        lr_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.timeoutMillis)
        lr_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        lr_easy_setopt_string(handle, CURLOPT_URL, url)
        lr_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
        lr_easy_capture_body(handle, answer)
        let code = body.withUnsafeBytes { bytes in
            lr_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            lr_easy_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            return curl_easy_perform(handle)
        }
        var status = 0
        lr_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if (200..<300).contains(status) { return nil }
        if status != 0 {
            let text = answer.pointee.bytes.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: answer.pointee.length), as: UTF8.self)
            } ?? ""
            return LiveMessages.pushStatus(status, body: text)
        }
        return String(cString: curl_easy_strerror(code))
    }
}
