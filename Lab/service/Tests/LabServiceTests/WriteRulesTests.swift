import Testing

@testable import LabService

/// The rules that keep "rows == acknowledged writes": what may be retried, and the one-shot helpers.
@Suite struct WriteRulesTests {
    private struct SomeError: Error {}

    @Test func anythingBeforeSendingWroteNothing() {
        guard case .notWritten(.cannotConnect) = WriteAttempt.classify(SomeError(), sent: false) else {
            Issue.record("an error before sending must be not-written")
            return
        }
    }

    @Test func aNonServerErrorAfterSendingIsUnknown() {
        guard case .unknown(.connectionLost) = WriteAttempt.classify(SomeError(), sent: true) else {
            Issue.record("a lost connection after sending must be unknown")
            return
        }
    }

    @Test func theGateSettlesOnce() {
        let sent = SendGate()
        #expect(sent.markSent())
        #expect(!sent.abandon())
        #expect(sent.isSent)
        let abandoned = SendGate()
        #expect(abandoned.abandon())
        #expect(!abandoned.markSent())
        #expect(abandoned.isAbandoned)
    }

    @Test func firstOfferWins() async {
        let first = FirstOffer<Int>()
        #expect(first.offer(1))
        #expect(!first.offer(2))
        #expect(await first.value() == 1)
    }

    @Test func timeLimitReturnsTheResult() async throws {
        let result = await TimeLimit.run(within: .seconds(5)) { 42 }
        #expect(try result?.get() == 42)
    }

    @Test func timeLimitStopsWaitingForWorkThatIgnoresCancellation() async {
        let clock = ContinuousClock()
        let start = clock.now
        let result = await TimeLimit.run(within: .milliseconds(100)) {
            // Ignores cancellation, like a PostgresNIO query already sent.
            let until = ContinuousClock().now.advanced(by: .milliseconds(500))
            while ContinuousClock().now < until { await Task.yield() }
            return 1
        }
        #expect(result == nil)
        #expect(start.duration(to: clock.now) < .seconds(1))
    }
}
