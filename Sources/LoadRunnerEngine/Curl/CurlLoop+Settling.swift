import CCurl
import LoadRunnerModel

/// When a curl loop's requests are all in: for a stage's verdict (`settled(before:)`) and for the per-second
/// series (a second is handed on only once no request that started in it is still running). Loop thread only,
/// but for `settled(before:)`.
extension CurlLoop {
    /// Returns once no transfer that started before run time `beforeMicros` is still running on this loop: a
    /// stage's own requests are all in (each ends by the profile's timeout at the latest). Any task.
    func settled(before beforeMicros: Int64) async {
        await Task(executorPreference: self) {
            await withUnsafeContinuation { continuation in
                self.settleWaiters.append((beforeMicros, continuation))
                self.resumeSettledWaiters()
            }
        }.value
    }

    /// Resumes every `settled(before:)` waiter whose requests are all in.
    func resumeSettledWaiters() {
        guard !settleWaiters.isEmpty else { return }
        let oldest = oldestRunningStartMicros(nowMicros: clock.nowMicros())
        settleWaiters.removeAll { waiter in
            guard oldest.map({ $0 >= waiter.beforeMicros }) ?? true else { return false }
            waiter.continuation.resume()
            return true
        }
    }

    /// When the oldest transfer still running (or handed over and not yet recorded) started, or the oldest open-model
    /// arrival whose time has come by `now` is due, if it is not sent yet; nil when none.
    func oldestRunningStartMicros(nowMicros now: Int64) -> Int64? {
        var oldest = dispatcher?.oldestWaitingMicros(nowMicros: now)
        for transfer in runningTransfers.values { oldest = min(oldest ?? transfer.startMicros, transfer.startMicros) }
        for transfer in refusedTransfers { oldest = min(oldest ?? transfer.startMicros, transfer.startMicros) }
        for transfer in transfersToAdd { oldest = min(oldest ?? transfer.startMicros, transfer.startMicros) }
        return oldest
    }

    /// Hands on the seconds that are over and whose requests are all in: up to the second of the oldest
    /// request still running.
    func deliverFinishedSeconds(now: Int64) {
        var second = Int(now / 1_000_000)
        // Finding the oldest running request walks every transfer: while a stalled one holds a second back,
        // look again only every `heldSecondRecheckMicros`, not on every turn of the loop.
        guard second > recorder.currentSecond, now >= nextHeldSecondCheckMicros else { return }
        if let oldest = oldestRunningStartMicros(nowMicros: now) { second = min(second, Int(oldest / 1_000_000)) }
        guard second > recorder.currentSecond else {
            nextHeldSecondCheckMicros = now + Self.heldSecondRecheckMicros
            return
        }
        recorder.rollOver(toSecond: second) { series.deliver(loop: index, $0) }
    }
}
