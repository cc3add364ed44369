import CCurl
import Foundation
import LoadRunnerModel
import Synchronization

/// One thread driving one libcurl multi handle, and the task executor its virtual users run on.
///
/// Virtual users are Swift tasks with this loop as their executor preference, so a user's code, its
/// transfer's completion and the statistics it feeds all run on this one thread: no lock or thread hop
/// per request, and Swift's cooperative pool is never blocked by curl. In open stages the loop itself sends
/// its share of the arrivals at their times, with no task per arrival (`CurlLoop+Arrivals`). Other threads
/// reach the loop only through `remote` (jobs from timers, start-up, stop requests), waking it with
/// `curl_multi_wakeup`.
final class CurlLoop: TaskExecutor, @unchecked Sendable {
    let index: Int
    let multi: UnsafeMutableRawPointer
    let clock: RunClock
    private let expectations: [StatusSet]
    /// Per request, its captures and assertions; nil for a plain request (nothing more is done for it).
    private let checkers: [ResponseChecker?]
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
    /// Ends a wait at the microsecond the next arrival is due; nil without a dispatcher (or a timerfd).
    private let arrivalTimer: ArrivalTimer?
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
        /// True while the loop waits in `curl_multi_poll`: only then does a hand-over need a wake-up.
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
        guard let multi = curl_multi_init() else { throw .setup(Messages.curlMultiUnavailable) }
        self.index = index
        self.multi = multi
        self.clock = clock
        self.series = series
        expectations = requests.map(\.expect)
        let variableNames = VariableNames.of(requests)
        checkers = requests.map { ResponseChecker(request: $0, variables: variableNames) }
        recorder = LoopRecorder(live: schedule, requests: requests, flows: flows)
        lag = LoopLagRecorder(live: schedule)
        let connections = open?.connections(ofLoop: index) ?? 0
        dispatcher = connections > 0 ? open.map { ArrivalDispatcher(setup: $0, loopIndex: index, live: schedule) } : nil
        arrivalTimer = dispatcher == nil ? nil : ArrivalTimer()
        // Keep one cached connection per virtual user (and per connection of the open-model pool), however few
        // transfers are running at a moment.
        lr_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(maxTransfers, connections) + 8)
    }

    deinit { curl_multi_cleanup(multi) }

    /// Starts the loop's thread; returns once it runs.
    func start() {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            loopThread = pthread_self()
            lr_thread_set_name("curl-loop-\(index)")
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
        if wake { curl_multi_wakeup(multi) }
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
                if wake { curl_multi_wakeup(multi) }
            }
        }
    }

    /// The load has ended: from now on no new transfer is sent (its user gets `.cancelled`), running ones may
    /// finish until run time `untilMicros`, and each still running then is recorded as an `incomplete` failure
    /// and its user gets `.cancelled`. Called again with an earlier time (Ctrl-C), the drain ends sooner. Any thread.
    func drainTransfers(untilMicros: Int64) {
        remote.withLock { $0.drainUntilMicros = min($0.drainUntilMicros ?? untilMicros, untilMicros) }
        curl_multi_wakeup(multi)
    }

    /// The load has ended at run time `micros`: open-model arrivals due then or later are not sent. Any thread.
    func endArrivals(atMicros micros: Int64) {
        remote.withLock { $0.arrivalsEndMicros = min($0.arrivalsEndMicros ?? micros, micros) }
        curl_multi_wakeup(multi)
    }

    /// Stops the loop once its jobs are done, and waits for its thread to end. Any thread but this loop's.
    /// Seconds up to the run's end (`endMicros`, rounded up) are reported; returns what the loop recorded.
    func stop(endMicros: Int64) -> LoopRecorder {
        remote.withLock { inbox in
            inbox.stop = true
            inbox.finalSecond = Int((endMicros + 999_999) / 1_000_000)
        }
        curl_multi_wakeup(multi)
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
        var stillRunning: Int32 = 0
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
                runningTransfers[ObjectIdentifier(transfer)] = transfer
                curl_multi_add_handle(multi, transfer.handle)
            }
            transfersToAdd.removeAll(keepingCapacity: true)

            curl_multi_perform(multi, &stillRunning)
            readCompletions()
            // Connections that just came free serve the arrivals waiting for one; only now may new ones open.
            if inbox.2 == nil, dispatcher?.queue.isEmpty == false { dispatchArrivals(nowMicros: clock.nowMicros()) }
            resumeSettledWaiters()
            if !localJobs.isEmpty { continue }
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

    /// Sleeps in `curl_multi_poll` until a socket is ready, curl's timer is due, a wake-up arrives, or
    /// 100 ms pass (so per-second statistics are handed over on time even when idle).
    private func waitForActivity() {
        let mayWait = remote.withLock { inbox in
            guard inbox.jobs.isEmpty, inbox.transfers.isEmpty, !inbox.stop else { return false }
            inbox.waiting = true
            return true
        }
        guard mayWait else { return }
        var curlTimeout = -1
        curl_multi_timeout(multi, &curlTimeout)
        let now = clock.nowMicros()
        let untilNextSecond = Int(1_000 - (now / 1_000) % 1_000)
        var timeout = min(curlTimeout < 0 ? 100 : curlTimeout, 100, untilNextSecond + 1)
        // Wake when the drain ends, to give up what still runs then (and not spin once it has).
        if !runningTransfers.isEmpty, let drainUntil = remote.withLock({ $0.drainUntilMicros }), drainUntil > now {
            timeout = min(timeout, Int((drainUntil - now + 999) / 1_000))
        }
        // Wake when the next open-model arrival is due, or when the oldest waiting one turns `missed`: at that
        // microsecond by the timer, else by the poll's timeout rounded up to the millisecond (never early: no spinning).
        var timerDue = false
        if let wake = dispatcher?.wakeMicros {
            timeout = min(timeout, Int(max(0, wake - now + 999) / 1_000))
            if let arrivalTimer, wake > now, wake - now < Int64(timeout) * 1_000 {
                arrivalTimer.arm(atMicros: wake, nowMicros: now)
                timerDue = true
            }
        }
        let waitStart = clock.nowMicros()
        var ready: Int32 = 0
        if timerDue, let arrivalTimer {
            var timer = arrivalTimer.waitDescriptor
            curl_multi_poll(multi, &timer, 1, Int32(timeout), &ready)
            arrivalTimer.waitEnded(timer)
        } else {
            curl_multi_poll(multi, nil, 0, Int32(timeout), &ready)
        }
        let waitEnd = clock.nowMicros()
        remote.withLock { $0.waiting = false }
        counters.addWait(micros: waitEnd - waitStart)
        // Only a wait that ended by timeout had a deadline to miss; a socket or a wake-up ends it early.
        let lateMicros = waitEnd - waitStart - Int64(timeout) * 1_000
        if timeout > 0 && ready == 0 && lateMicros >= 0 { lag.recordPoll(lateMicros: lateMicros, atMicros: waitEnd) }
    }

    /// Records and resumes every finished transfer. One clock reading serves the whole batch, after
    /// the recorder has moved to that reading's second, so a sample's second and window always agree.
    private func readCompletions() {
        var remaining: Int32 = 0
        let now = clock.nowMicros()
        deliverFinishedSeconds(now: now)
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            let transfer = CurlTransfer.owning(easy)
            transfer.completedMicros = now
            runningTransfers[ObjectIdentifier(transfer)] = nil
            let requestIndex = transfer.requestIndex
            var outcome = TransferOutcomeReader.outcome(
                of: transfer, code: code, expect: expectations[requestIndex])
            if let checker = checkers[requestIndex] { checker.check(&outcome, transfer: transfer) }
            record(transfer, outcome: outcome, atMicros: now)
            recorder.recordInFlight(requestIndex: requestIndex, startMicros: transfer.startMicros, untilMicros: now)
            if transfer.intendedMicros != nil {
                let answered = outcome.failure?.category.hasLatencySample ?? true
                dispatcher?.arrivalEnded(transfer, serviceMicros: answered ? outcome.timing.totalMicros : nil)
            } else {
                resume(transfer, with: .completed(outcome))
            }
        }
        for transfer in refusedTransfers {
            var outcome = RequestOutcome(
                status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0), failure: transfer.refusal)
            outcome.wasSent = false
            transfer.refusal = nil
            transfer.completedMicros = now
            record(transfer, outcome: outcome, atMicros: now)
            resume(transfer, with: .completed(outcome))
        }
        refusedTransfers.removeAll(keepingCapacity: true)
    }

    /// Records `transfer`'s outcome in the window and second it started in (an open-model arrival's: its intended
    /// time), with how late it went out.
    private func record(_ transfer: CurlTransfer, outcome: RequestOutcome, atMicros now: Int64) {
        if let intended = transfer.intendedMicros {
            recorder.recordOpen(
                requestIndex: transfer.requestIndex, outcome: outcome, intendedMicros: intended, sentMicros: transfer.sentMicros,
                atMicros: now)
            return
        }
        recorder.record(
            requestIndex: transfer.requestIndex, outcome: outcome, startMicros: transfer.startMicros, atMicros: now,
            lagMicros: transfer.scheduledMicros.map { transfer.startMicros - $0 })
    }

    /// While the load's end drains: sends nothing new but a flow's `on_stop` requests before `untilMicros` (the others'
    /// users get `.cancelled`, nothing is recorded; open-model arrivals still waiting are `missed`, see `finishArrivals`), and
    /// once `untilMicros` has come, records every transfer still running as `incomplete` (counted at the ends
    /// of the stages it spanned, the current one included) and resumes its user with `.cancelled`.
    private func drain(untilMicros: Int64) {
        let now = clock.nowMicros()
        transfersToAdd.removeAll { transfer in
            if transfer.farewell && now < untilMicros { return false }
            resume(transfer, with: .cancelled)
            return true
        }
        finishArrivals(nowMicros: now)
        guard now >= untilMicros, !runningTransfers.isEmpty else { return }
        deliverFinishedSeconds(now: now)
        for transfer in runningTransfers.values {
            recorder.recordInFlight(
                requestIndex: transfer.requestIndex, startMicros: transfer.startMicros, untilMicros: now, abandoned: true)
            curl_multi_remove_handle(multi, transfer.handle)
            let outcome = RequestOutcome(
                status: 0, bodyBytes: transfer.bodyBytes.pointee, newConnections: 0, timing: TransferTiming(totalMicros: 0),
                failure: RequestFailure(category: .incomplete, message: Messages.noResponse))
            record(transfer, outcome: outcome, atMicros: now)
            if transfer.intendedMicros != nil { dispatcher?.arrivalEnded(transfer, serviceMicros: nil) }
            resume(transfer, with: .cancelled)
        }
        runningTransfers.removeAll()
    }

    private func resume(_ transfer: CurlTransfer, with result: TransferResult) {
        guard let continuation = transfer.continuation else { return }
        transfer.continuation = nil
        continuation.resume(returning: result)
    }
}
