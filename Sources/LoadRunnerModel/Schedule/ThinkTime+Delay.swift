extension ThinkTime {
    /// How long a virtual user waits before its next request, given when the last one started and
    /// ended (microseconds on any monotonic clock). Zero means "send at once".
    package func delayMicros(requestStartMicros: Int64, requestEndMicros: Int64, random: inout RandomSource) -> Int64 {
        switch self {
        case .none:
            return 0
        case .constant(let wait):
            return wait.micros
        case .between(let low, let high):
            let lowMicros = low.micros
            let span = UInt64(max(0, high.micros - lowMicros))
            return lowMicros + Int64(span == 0 ? 0 : random.next(upperBound: span + 1))
        case .pacing(let interval):
            return max(0, requestStartMicros + interval.micros - requestEndMicros)
        }
    }
}
