import LoadRunnerProfile
import LoadRunnerModel

/// The judging side of a request's captures and assertions, on its loop's thread: turns a finished transfer's
/// outcome into a `capture` or `assertion` failure, or hands the captured values to the transfer for its user.
struct ResponseChecker {
    private let judge: ResponseJudge
    /// Per capture, the run-wide index of its variable (`VariableNames`).
    private let captureVariables: [Int]
    /// A body above `max_body`: category `capture` when the request captures (its values could not be read),
    /// else `assertion`.
    private let tooLarge: RequestFailure

    /// nil when `request` neither captures nor asserts.
    init?(request: RequestSpec, variables: [String]) {
        guard !request.captures.isEmpty || !request.assertions.isEmpty else { return nil }
        judge = ResponseJudge(request: request)
        captureVariables = request.captures.map { capture in variables.firstIndex(of: capture.variable) ?? 0 }
        tooLarge = RequestFailure(
            category: request.captures.isEmpty ? .assertion : .capture,
            message: ScenarioMessage.bodyTooLarge(limitText: ByteSize.describe(request.maxBodyBytes)))
    }

    /// Judges `transfer`'s response into `outcome` (whose `expect` check is done): a body over `max_body`, then the
    /// captures, then the assertions; a request that failed any of them captures nothing.
    func check(_ outcome: inout RequestOutcome, transfer: CurlTransfer) {
        transfer.captured.removeAll(keepingCapacity: true)
        guard let kept = transfer.kept else { return }
        if transfer.keepsBody {
            outcome.bodyBytes = UInt64(kept.body.pointee.length)
            if kept.bodyRefused {
                outcome.failure = tooLarge
                return
            }
        }
        guard outcome.failure == nil else { return }
        let view = ResponseView(
            status: outcome.status, latencyMicros: outcome.timing.totalMicros, bodyBytes: outcome.bodyBytes,
            body: transfer.keepsBody ? kept.bodyBytes : UnsafeRawBufferPointer(start: nil, count: 0),
            headerText: transfer.keepsHeaders ? kept.headerText : "")
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
        if let failure = judge.judge(view, expected: transfer.expectedTexts) {
            outcome.failure = failure
            return
        }
        for (index, value) in zip(captureVariables, values) { transfer.captured.append((index, value)) }
    }
}
