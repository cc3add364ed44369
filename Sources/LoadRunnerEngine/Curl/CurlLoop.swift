import CCurl
import Foundation
import LoadRunnerModel
import Synchronization

/// One thread driving a few libcurl multi handles through one epoll set, and the task executor its virtual users
/// run on.
///
/// Virtual users are Swift tasks with this loop as their executor preference, so a user's code, its
/// transfer's completion and the statistics it feeds all run on this one thread: no lock or thread hop
/// per request, and Swift's cooperative pool is never blocked by curl. In open stages the loop itself sends
/// its share of the arrivals at their times, with no task per arrival (`CurlLoop+Arrivals`). Other threads
/// reach the loop only through `remote` (jobs from timers, start-up, stop requests), waking it with
/// `lr_event_loop_wake`.
///
/// The loop's transfers are spread over `multis`, up to `connectionsPerMulti` connections each: libcurl looks for a
/// reusable connection by walking its cache's connections to the host, so a cache per few hundred connections keeps
/// that walk short however many users a loop has. One epoll set (`lr_event_loop`, C) holds every handle's sockets;
/// a wake-up hands libcurl just the ready sockets (`curl_multi_socket_action`) instead of walking every transfer.
final class CurlLoop: TaskExecutor, @unchecked Sendable {
    let index: Int
    /// The loop's multi handles; a transfer stays on one (`CurlTransfer.multiSlot`), where its connection is cached.
    let multis: [UnsafeMutableRawPointer]
    /// The epoll set and libcurl's socket and timer callbacks over `multis`.
    let events: OpaquePointer
    /// Which multi handle the next transfer new to this loop joins (round robin for users, in blocks for the pool).
    private var nextMultiSlot = 0
    /// Connections per multi handle before another one is used (libcurl's cache walk stays short; see above).
    static let connectionsPerMulti = 250
    let clock: RunClock
    let expectations: [StatusSet]
    /// Per request, its captures and assertions; nil for a plain request (nothing more is done for it).
    let checkers: [ResponseChecker?]
    let series: SeriesCollector
    private let remote = Mutex(RemoteInbox())
    private let finished = DispatchSemaphore(value: 0)
    private var loopThread: pthread_t?

    // State below is touched only on the loop thread.
    private var localJobs: [UnownedJob] = []
    var transfersToAdd: [CurlTransfer] = []
    var runningTransfers: [ObjectIdentifier: CurlTransfer] = [:]
    /// Transfers handed over with a `refusal`: recorded as failures on this turn of the loop, never sent.
    var refusedTransfers: [CurlTransfer] = []
    var recorder: LoopRecorder
    /// This loop's open-model arrivals and connection pool (`CurlLoop+Arrivals`); nil when the profile has no open
    /// stage or this loop takes no arrivals.
    let dispatcher: ArrivalDispatcher?
    /// Waiters for a stage's own requests (`settled(before:)`): each resumes once no transfer that started
    /// before its run time is still running on this loop.
    var settleWaiters: [(beforeMicros: Int64, continuation: UnsafeContinuation<Void, Never>)] = []
    /// While a running request holds a finished second back, when to look for the oldest running request again.
    var nextHeldSecondCheckMicros: Int64 = 0
    static let heldSecondRecheckMicros: Int64 = 100_000
    /// How late this loop ran its work, per stage window.
    private(set) var lag: LoopLagRecorder
    /// This loop's thread id and time spent waiting, for the generator monitor.
    let counters = LoopCounters()

    /// Work handed over by other threads, and the flags that tell the loop what to do next.
    private struct RemoteInbox {
        var jobs: [UnownedJob] = []
        var transfers: [CurlTransfer] = []
        /// True while the loop waits for activity: only then does a hand-over need a wake-up.
        var waiting = false
        /// Set when the load has ended: new transfers are not sent, running ones may finish until these run
        /// microseconds, and those still running then are recorded as `incomplete`. Only ever moves earlier.
        var drainUntilMicros: Int64?
        /// Set when the load has ended: open-model arrivals due at or after these run microseconds are not sent.
        var arrivalsEndMicros: Int64?
        var stop = false
        /// The first second not to report when stopping (the run's end, rounded up).
        var finalSecond = 0
    }

    init(
        index: Int, clock: RunClock, schedule: LiveSchedule, requests: [RequestSpec], maxTransfers: Int, series: SeriesCollector,
        open: OpenArrivals? = nil, flows: [FlowSpec] = []
    ) throws(EngineError) {
        let connections = open?.connections(ofLoop: index) ?? 0
        let handles = max(maxTransfers, connections)
        let multiCount = max(1, (handles + Self.connectionsPerMulti - 1) / Self.connectionsPerMulti)
        var multis: [UnsafeMutableRawPointer] = []
        for _ in 0..<multiCount {
            guard let multi = curl_multi_init() else {
                multis.forEach { curl_multi_cleanup($0) }
                throw .setup(Messages.curlMultiUnavailable)
            }
            // Keep one cached connection per virtual user (and per connection of the open-model pool) of this handle,
            // however few transfers are running at a moment.
            lr_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, (handles + multiCount - 1) / multiCount + 8)
            multis.append(multi)
        }
        let handlesForC: [UnsafeMutableRawPointer?] = multis
        guard let events = handlesForC.withUnsafeBufferPointer({ lr_event_loop_create($0.baseAddress, Int32(multiCount)) }) else {
            multis.forEach { curl_multi_cleanup($0) }
            throw .setup(Messages.curlMultiUnavailable)
        }
        self.index = index
        self.multis = multis
        self.events = events
        self.clock = clock
        self.series = series
        expectations = requests.map(\.expect)
        let variableNames = VariableNames.of(requests)
        checkers = requests.map { ResponseChecker(request: $0, variables: variableNames) }
        recorder = LoopRecorder(live: schedule, requests: requests, flows: flows)
        lag = LoopLagRecorder(live: schedule)
        dispatcher = connections > 0 ? open.map { ArrivalDispatcher(setup: $0, loopIndex: index, live: schedule) } : nil
    }

    deinit {
        // The handles first: closing their cached connections calls back into the event loop.
        multis.forEach { curl_multi_cleanup($0) }
        lr_event_loop_free(events)
    }

    /// Starts the loop's thread; returns once it runs.
    func start() {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            loopThread = pthread_self()
            lr_event_loop_thread_setup("curl-loop-\(index)")
            counters.recordThread()
            started.signal()
            run()
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        started.wait()
    }

    // MARK: TaskExecutor

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if isLoopThread {
            localJobs.append(job)
            return
        }
        let wake = remote.withLock { inbox in
            inbox.jobs.append(job)
            defer { inbox.waiting = false }
            return inbox.waiting
        }
        if wake { lr_event_loop_wake(events) }
    }

    private var isLoopThread: Bool {
        guard let loopThread else { return false }
        return pthread_equal(pthread_self(), loopThread) != 0
    }

    // MARK: Transfers

    /// An open arrival that found a connection free went out `lateMicros` after its intended time, at `micros`:
    /// the loop's own lateness, recorded beside its users' late starts (on the loop's thread only).
    func recordArrivalLag(lateMicros: Int64, atMicros micros: Int64) {
        lag.recordUser(lateMicros: lateMicros, atMicros: micros)
    }

    /// Runs `transfer` (already configured) and returns when it completes or is abandoned.
    /// Called from a virtual user running on this loop. With a `refusal`, nothing is sent: the loop records
    /// that failure on its next turn (so a user whose every request is refused still lets the loop run).
    /// `scheduledMicros` is when the request was due by its user's schedule (a `pacing` user), nil without one.
    /// `dueMicros` is when the request was due (its user's previous response, with no think time): how late
    /// it starts is the loop's user lag. A `farewell` request (a flow's `on_stop`) is still sent while the load's
    /// end drains, until the drain ends. `startMicros` is the instant the user checked that the load goes on
    /// (its start, so that no request starts after the load's end); now when not given.
    func perform(
        _ transfer: CurlTransfer, requestIndex: Int, refusal: RequestFailure? = nil, scheduledMicros: Int64? = nil,
        dueMicros: Int64? = nil, farewell: Bool = false, startMicros: Int64? = nil
    ) async -> TransferResult {
        await withUnsafeContinuation { continuation in
            transfer.continuation = continuation
            transfer.requestIndex = requestIndex
            transfer.farewell = farewell
            transfer.refusal = refusal
            transfer.scheduledMicros = scheduledMicros
            transfer.startMicros = startMicros ?? clock.nowMicros()
            transfer.bodyBytes.pointee = 0
            if isLoopThread {
                if let dueMicros { lag.recordUser(lateMicros: transfer.startMicros - dueMicros, atMicros: transfer.startMicros) }
                transfersToAdd.append(transfer)
            } else {
                let wake = remote.withLock { inbox in
                    inbox.transfers.append(transfer)
                    defer { inbox.waiting = false }
                    return inbox.waiting
                }
                if wake { lr_event_loop_wake(events) }
            }
        }
    }

    /// The load has ended: from now on no new transfer is sent (its user gets `.cancelled`), running ones may
    /// finish until run time `untilMicros`, and each still running then is recorded as an `incomplete` failure
    /// and its user gets `.cancelled`. Called again with an earlier time (Ctrl-C), the drain ends sooner. Any thread.
    func drainTransfers(untilMicros: Int64) {
        remote.withLock { $0.drainUntilMicros = min($0.drainUntilMicros ?? untilMicros, untilMicros) }
        lr_event_loop_wake(events)
    }

    /// The load has ended at run time `micros`: open-model arrivals due then or later are not sent. Any thread.
    func endArrivals(atMicros micros: Int64) {
        remote.withLock { $0.arrivalsEndMicros = min($0.arrivalsEndMicros ?? micros, micros) }
        lr_event_loop_wake(events)
    }

    /// Stops the loop once its jobs are done, and waits for its thread to end. Any thread but this loop's.
    /// Seconds up to the run's end (`endMicros`, rounded up) are reported; returns what the loop recorded.
    func stop(endMicros: Int64) -> LoopRecorder {
        remote.withLock { inbox in
            inbox.stop = true
            inbox.finalSecond = Int((endMicros + 999_999) / 1_000_000)
        }
        lr_event_loop_wake(events)
        finished.wait()
        return recorder
    }

    /// Records one iteration of flow `flow` that started at `startMicros` and ended at `endMicros`, cut short by a
    /// failed capture when `skipped`. Called by a flow user running on this loop's thread.
    func recordIteration(flow: Int, startMicros: Int64, endMicros: Int64, skipped: Bool) {
        recorder.recordIteration(flow: flow, startMicros: startMicros, endMicros: endMicros, skipped: skipped)
    }

    /// Records one probe of an await step (see `LoopRecorder.recordProbe`). Called by a flow user on this loop's thread.
    func recordProbe(requestIndex: Int, node: String?, writeEndMicros: Int64, visibleAfterMicros: Int64?, polls: Int) {
        recorder.recordProbe(
            requestIndex: requestIndex, node: node, writeEndMicros: writeEndMicros, visibleAfterMicros: visibleAfterMicros,
            polls: polls)
    }

    /// What this loop has recorded so far in stage `index`'s window; read on the loop's own thread.
    func windowStats(stage index: Int) async -> [RequestStats] {
        await Task(executorPreference: self) { self.recorder.windowStats[index] }.value
    }

    // MARK: The loop

    private func run() {
        // Whether the last turn went back to its users' work without looking at the sockets (see below).
        var skippedSockets = false
        while true {
            let inbox = remote.withLock { inbox in
                defer { inbox.jobs.removeAll(keepingCapacity: true); inbox.transfers.removeAll(keepingCapacity: true) }
                return (inbox.jobs, inbox.transfers, inbox.drainUntilMicros, inbox.stop, inbox.arrivalsEndMicros)
            }
            localJobs.append(contentsOf: inbox.0)
            transfersToAdd.append(contentsOf: inbox.1)
            runJobs()
            if let end = inbox.4 { dispatcher?.end(atMicros: end) }
            if let drainUntil = inbox.2 {
                drain(untilMicros: drainUntil)
            } else {
                dispatchArrivals(nowMicros: clock.nowMicros(), opening: false)
            }
            if inbox.3 && localJobs.isEmpty && transfersToAdd.isEmpty && runningTransfers.isEmpty { break }

            for transfer in transfersToAdd {
                guard transfer.refusal == nil else {
                    refusedTransfers.append(transfer)
                    continue
                }
                add(transfer)
            }
            transfersToAdd.removeAll(keepingCapacity: true)

            // New transfers start here: adding a handle makes its multi handle's timeout due at once.
            lr_event_loop_run_timers(events)
            readCompletions()
            // Connections that just came free serve the arrivals waiting for one; only now may new ones open.
            if inbox.2 == nil, dispatcher?.queue.isEmpty == false { dispatchArrivals(nowMicros: clock.nowMicros()) }
            resumeSettledWaiters()
            // Users just resumed send their next requests on the next turn; looking at the sockets first would cost
            // one more wait per batch. Every other turn at least looks, so sockets are never starved by users' work.
            if !localJobs.isEmpty && !skippedSockets {
                skippedSockets = true
                continue
            }
            skippedSockets = false
            waitForActivity()
        }
        settleWaiters.forEach { $0.continuation.resume() }
        settleWaiters.removeAll()
        let finalSecond = remote.withLock { $0.finalSecond }
        recorder.rollOverAtEnd(finalSecond: finalSecond) { series.deliver(loop: index, $0) }
    }

    private func runJobs() {
        let executor = asUnownedTaskExecutor()
        while !localJobs.isEmpty {
            let batch = localJobs
            localJobs.removeAll(keepingCapacity: true)
            for job in batch { job.runSynchronously(on: executor) }
        }
    }

    /// Hands `transfer` (configured, with its continuation set) to libcurl on its multi handle, giving it one the
    /// first time: users' transfers round robin over the handles, the open-model pool's in blocks of
    /// `connectionsPerMulti` (its idle connections are reused newest first, so the first block carries most arrivals).
    func add(_ transfer: CurlTransfer, pooled: Bool = false) {
        if transfer.multiSlot < 0 {
            lr_event_loop_adopt(events, transfer.handle)
            transfer.multiSlot = pooled ? (nextMultiSlot / Self.connectionsPerMulti) % multis.count : nextMultiSlot % multis.count
            nextMultiSlot += 1
        }
        runningTransfers[ObjectIdentifier(transfer)] = transfer
        curl_multi_add_handle(multis[transfer.multiSlot], transfer.handle)
    }

    /// Sleeps in `epoll` until a socket is ready, libcurl's timer is due, a wake-up arrives, or 100 ms pass (so
    /// per-second statistics are handed over on time even when idle), then lets libcurl work on what is ready.
    /// With work already waiting (jobs, handed-over transfers, a stop) it only looks at what is ready, without sleeping:
    /// sockets are served only here.
    private func waitForActivity() {
        let mayWait = localJobs.isEmpty && remote.withLock { inbox in
            guard inbox.jobs.isEmpty, inbox.transfers.isEmpty, !inbox.stop else { return false }
            inbox.waiting = true
            return true
        }
        guard mayWait else {
            lr_event_loop_wait(events, 0)
            return
        }
        let now = clock.nowMicros()
        let curlWaitNanos = lr_event_loop_curl_wait_ns(events)
        let untilNextSecond = 1_000_000 - now % 1_000_000 + 1_000
        var timeout = min(curlWaitNanos < 0 ? 100_000 : (curlWaitNanos + 999) / 1_000, 100_000, untilNextSecond)
        // Wake when the drain ends, to give up what still runs then (and not spin once it has).
        if !runningTransfers.isEmpty, let drainUntil = remote.withLock({ $0.drainUntilMicros }), drainUntil > now {
            timeout = min(timeout, drainUntil - now)
        }
        // Wake at the microsecond the next open-model arrival is due, or the oldest waiting one turns `missed`.
        if let wake = dispatcher?.wakeMicros { timeout = min(timeout, max(0, wake - now)) }
        let waitStart = clock.nowMicros()
        let ready = lr_event_loop_wait(events, timeout * 1_000)
        let waitEnd = clock.nowMicros()
        remote.withLock { $0.waiting = false }
        counters.addWait(micros: waitEnd - waitStart)
        // Only a wait that ended by timeout had a deadline to miss; a socket or a wake-up ends it early.
        let lateMicros = waitEnd - waitStart - timeout
        if timeout > 0 && ready == 0 && lateMicros >= 0 { lag.recordPoll(lateMicros: lateMicros, atMicros: waitEnd) }
    }
}
