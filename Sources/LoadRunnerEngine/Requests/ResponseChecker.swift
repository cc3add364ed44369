import LoadRunnerProfile
import LoadRunnerModel

/// The judging side of a request's captures and assertions, on its loop's thread: turns a finished transfer's
/// outcome into a `capture` or `assertion` failure, or hands the captured values to the transfer for its user.
/// For an await's read it also tells whether the poll saw the write (`ProbeSpec`).
struct ResponseChecker {
    private let judge: ResponseJudge
    /// Per capture, the run-wide index of its variable (`VariableNames`).
    private let captureVariables: [Int]
    /// A body above `max_body`: category `capture` when the request captures (its values could not be read),
    /// else `assertion`.
    private let tooLarge: RequestFailure
    /// How many of the transfer's `expectedTexts` belong to `assert:`; the rest are `until`'s.
    private let assertionCount: Int
    /// For an await's read: judges `until` and captures `by` (the answering node); nil otherwise.
    private let probe: ResponseJudge?
    private let probeHasBy: Bool

    /// nil when `request` neither captures nor asserts, nor is an await's read.
    init?(request: RequestSpec, variables: [String]) {
        guard !request.captures.isEmpty || !request.assertions.isEmpty || request.probe != nil else { return nil }
        judge = ResponseJudge(request: request)
        captureVariables = request.captures.map { capture in variables.firstIndex(of: capture.variable) ?? 0 }
        tooLarge = RequestFailure(
            category: request.captures.isEmpty ? .assertion : .capture,
            message: ScenarioMessage.bodyTooLarge(limitText: ByteSize.describe(request.maxBodyBytes)))
        assertionCount = request.assertions.count
        probe = request.probe.map { probe in
            var reading = request
            reading.captures = probe.by.map { [CaptureSpec(variable: "", source: $0, text: probe.byText ?? "")] } ?? []
            reading.assertions = probe.until
            return ResponseJudge(request: reading)
        }
        probeHasBy = request.probe?.by != nil
    }

    /// Judges `transfer`'s response into `outcome` (whose `expect` check is done): a body over `max_body`, then the
    /// captures, then the assertions; a request that failed any of them captures nothing.
    func check(_ outcome: inout RequestOutcome, transfer: CurlTransfer) {
        transfer.captured.removeAll(keepingCapacity: true)
        transfer.probeVisible = false
        transfer.probeNode = nil
        // A transfer keeps nothing when its checks read neither body nor headers (`status`, `size`, `latency`): they
        // are judged on the outcome alone, with an empty body and no headers.
        let kept = transfer.kept
        if transfer.keepsBody, let kept {
            outcome.bodyBytes = UInt64(kept.body.pointee.length)
            if kept.bodyRefused {
                outcome.failure = tooLarge
                return
            }
        }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        let view = ResponseView(
            status: outcome.status, latencyMicros: outcome.timing.totalMicros, bodyBytes: outcome.bodyBytes,
            body: transfer.keepsBody ? kept?.bodyBytes ?? empty : empty,
            headerText: transfer.keepsHeaders ? kept?.headerText ?? "" : "")
        if let probe, !judgeProbe(probe, &outcome, view: view, transfer: transfer) { return }
        guard outcome.failure == nil else { return }
        var values: [String] = []
        if !captureVariables.isEmpty {
            switch judge.capture(from: view) {
            case .failed(let failure):
                outcome.failure = failure
                return
            case .values(let found):
                values = found
            }
        }
        if let failure = judge.judge(view, expected: Array(transfer.expectedTexts.prefix(assertionCount))) {
            outcome.failure = failure
            return
        }
        for (index, value) in zip(captureVariables, values) { transfer.captured.append((index, value)) }
        if probe != nil { transfer.probeVisible = true }
    }

    /// Reads a poll's answering node and judges its `until`; true when it holds, so the poll is judged as any request.
    /// A poll that does not see the write is a stale read, not a failure (a `http_status` failure is lifted: a 404 for
    /// a row not replicated yet is what a stale read looks like), unless it ended at or after the probe's deadline:
    /// then it fails with `not_visible`. Transport failures stay.
    private func judgeProbe(_ probe: ResponseJudge, _ outcome: inout RequestOutcome, view: ResponseView, transfer: CurlTransfer) -> Bool {
        if probeHasBy, case .values(let found) = probe.capture(from: view) { transfer.probeNode = found.first }
        let untilTexts = Array(transfer.expectedTexts.dropFirst(assertionCount))
        guard probe.judge(view, expected: untilTexts) != nil else { return true }
        if outcome.failure?.category == .httpStatus { outcome.failure = nil }
        if outcome.failure == nil, let deadline = transfer.probeDeadlineMicros, transfer.completedMicros >= deadline {
            outcome.failure = RequestFailure(category: .notVisible, message: ScenarioMessage.notVisible)
        }
        return false
    }
}
