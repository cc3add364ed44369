import CCurl
import LoadRunnerModel

/// Open-model dispatch on the loop's thread: arrivals go out at their time on the loop's pool, wait in order
/// when every connection is busy, and are `missed` once they have waited `max_lag`.
extension CurlLoop {
    /// Admits this loop's arrivals whose time has come by `now` and sends the waiting ones, oldest first, while
    /// the pool has a connection; the oldest still waiting `max_lag` after its time is recorded as `missed` (in
    /// the window and second of its time, no latency). No task and no allocation per arrival.
    ///
    /// Without `opening` only idle connections are used and nothing is judged: the loop has not yet read the
    /// answers that came in meanwhile, and a connection whose answer is in must not look busy (after a stall it
    /// would open a new connection for every waiting arrival). The pass after the answers are read opens.
    func dispatchArrivals(nowMicros now: Int64, opening: Bool = true) {
        guard let dispatcher, !dispatcher.isClosed else { return }
        dispatcher.admitDue(nowMicros: now) { recorder.noteOpenDue(intendedMicros: $0) }
        while let head = dispatcher.queue.first {
            if let transfer = dispatcher.takeTransfer(opening: opening) {
                _ = dispatcher.removeFirst()
                send(head, on: transfer, dispatcher: dispatcher)
                continue
            }
            guard opening else { return }
            // Waiting for a busy pool is the target's slowness, not the generator's; at the cap the report says so.
            if dispatcher.isFull { recorder.noteOpenWaiting(intendedMicros: head.intendedMicros) }
            dispatcher.noteNoConnection(nowMicros: now)
            guard now - head.intendedMicros >= dispatcher.setup.maxLagMicros else { return }
            _ = dispatcher.removeFirst()
            recordMissed(head, message: dispatcher.setup.missedMessage, atMicros: now)
        }
    }

    /// The load has ended: a last pass sends what the pool can take of the arrivals due before the end, and every
    /// arrival still waiting is `missed`; nothing is admitted afterwards. Arrivals due after the end are not due.
    func finishArrivals(nowMicros now: Int64) {
        guard let dispatcher, !dispatcher.isClosed else { return }
        dispatchArrivals(nowMicros: now)
        while let waiting = dispatcher.removeFirst() {
            recordMissed(waiting, message: Messages.arrivalMissedAtEnd, atMicros: now)
        }
        dispatcher.close()
    }

    /// Renders arrival `arrival`'s request (chosen from the seed and k) on `transfer` and hands it to libcurl; a
    /// request refused by its rendering is recorded at once and the transfer goes back to the pool.
    private func send(_ arrival: QueuedArrival, on transfer: CurlTransfer, dispatcher: ArrivalDispatcher) {
        let setup = dispatcher.setup
        var choice = ArrivalChoice(seed: setup.seed, arrival: arrival.index, mix: setup.mix)
        let refusal = dispatcher.renderer.configure(
            transfer, requestIndex: choice.requestIndex, arrival: arrival.index, random: &choice.rows)
        transfer.requestIndex = choice.requestIndex
        transfer.startMicros = arrival.intendedMicros
        transfer.scheduledMicros = nil
        transfer.bodyBytes.pointee = 0
        let now = clock.nowMicros()
        if let refusal {
            dispatcher.release(transfer)
            let outcome = RequestOutcome(
                status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0), failure: refusal)
            recorder.recordOpen(
                requestIndex: choice.requestIndex, outcome: outcome, intendedMicros: arrival.intendedMicros, sentMicros: nil,
                atMicros: now)
            return
        }
        transfer.intendedMicros = arrival.intendedMicros
        transfer.sentMicros = now
        noteGrowthWait(arrival, dispatcher: dispatcher)
        // The generator's own lateness: an arrival that never waited for the pool went out late only because the
        // loop was late (the saturation rule judges it as a user's late start).
        if arrival.intendedMicros > dispatcher.waitedThroughMicros {
            recordArrivalLag(lateMicros: now - arrival.intendedMicros, atMicros: now)
        }
        recorder.noteOpenSent(intendedMicros: arrival.intendedMicros, inFlight: setup.inFlight.sent())
        add(transfer, pooled: true)
    }

    /// Records an arrival that was never sent as a `missed` failure: counted, no latency, no lag.
    private func recordMissed(_ arrival: QueuedArrival, message: String, atMicros now: Int64) {
        guard let dispatcher else { return }
        noteGrowthWait(arrival, dispatcher: dispatcher)
        let choice = ArrivalChoice(seed: dispatcher.setup.seed, arrival: arrival.index, mix: dispatcher.setup.mix)
        let outcome = RequestOutcome(
            status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0),
            failure: RequestFailure(category: .missed, message: message))
        recorder.recordOpen(
            requestIndex: choice.requestIndex, outcome: outcome, intendedMicros: arrival.intendedMicros, sentMicros: nil,
            atMicros: now)
    }

    /// Counts `arrival` (sent or missed) in its stage's `waitedForPoolGrowth` when it waited while the pool was
    /// below its cap and the budget had no token to open another connection.
    private func noteGrowthWait(_ arrival: QueuedArrival, dispatcher: ArrivalDispatcher) {
        if dispatcher.waitedForGrowth(intendedMicros: arrival.intendedMicros) {
            recorder.noteOpenWaitedForGrowth(intendedMicros: arrival.intendedMicros)
        }
    }
}
