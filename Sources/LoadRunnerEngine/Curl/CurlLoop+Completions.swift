import CCurl
import LoadRunnerModel

/// What a loop does with transfers that ended: records them in the window and second they belong to and resumes their
/// users (or gives an open arrival's transfer back to its pool), and, when the load's end drains, what is still running.
/// On the loop's thread only.
extension CurlLoop {
    /// Records and resumes every finished transfer. One clock reading serves the whole batch, after
    /// the recorder has moved to that reading's second, so a sample's second and window always agree.
    func readCompletions() {
        let now = clock.nowMicros()
        deliverFinishedSeconds(now: now)
        var multi: UnsafeMutableRawPointer?
        while let message = lr_event_loop_info_read(events, &multi) {
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
    func record(_ transfer: CurlTransfer, outcome: RequestOutcome, atMicros now: Int64) {
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
    func drain(untilMicros: Int64) {
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
            curl_multi_remove_handle(multis[transfer.multiSlot], transfer.handle)
            let outcome = RequestOutcome(
                status: 0, bodyBytes: transfer.bodyBytes.pointee, newConnections: 0, timing: TransferTiming(totalMicros: 0),
                failure: RequestFailure(category: .incomplete, message: Messages.noResponse))
            record(transfer, outcome: outcome, atMicros: now)
            if transfer.intendedMicros != nil { dispatcher?.arrivalEnded(transfer, serviceMicros: nil) }
            resume(transfer, with: .cancelled)
        }
        runningTransfers.removeAll()
    }

    func resume(_ transfer: CurlTransfer, with result: TransferResult) {
        guard let continuation = transfer.continuation else { return }
        transfer.continuation = nil
        continuation.resume(returning: result)
    }
}
