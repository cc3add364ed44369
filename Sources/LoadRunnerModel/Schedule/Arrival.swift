/// One request of an open stage: which arrival of the run it is and when it is due. Its send time is measured
/// against `intendedMicros`, never against when it actually went out.
package struct Arrival: Sendable, Equatable {
    /// k: 0-based over every open stage of the run, in time order. With the run's seed it picks the request and
    /// its data rows (`ArrivalChoice`).
    package var index: Int
    /// 0-based index of its stage in the profile.
    package var stage: Int
    /// When it is due, in microseconds from its stage's start (add the stage's actual start if the timeline moved).
    package var offsetMicros: Int64
    /// When it is due, in microseconds from the run's start, on the plan's timeline.
    package var intendedMicros: Int64

    package init(index: Int, stage: Int, offsetMicros: Int64, intendedMicros: Int64) {
        self.index = index
        self.stage = stage
        self.offsetMicros = offsetMicros
        self.intendedMicros = intendedMicros
    }
}

/// What open-model arrival k sends: which request of the mix, and the generator its data rows are drawn from.
///
/// A pure function of (seed, k), so a baseline and a candidate run with the same seed send the same requests with
/// the same rows in the same order, however their timing differs. (A closed user draws from a stream of its own,
/// `RandomSource(seed:purpose: .closedUser, stream: user index)`, so a closed run is repeatable per user.)
package struct ArrivalChoice: Sendable {
    /// Index into the profile's requests.
    package var requestIndex: Int
    /// Draws this arrival's data rows and range values: render the request with it, as a closed user renders with
    /// its own generator (rows are drawn in the order the request's templates name their sources).
    package var rows: RandomSource

    package init(seed: UInt64, arrival index: Int, mix: RequestMix) {
        var random = RandomSource(seed: seed, purpose: .arrivalChoice, stream: UInt64(index))
        requestIndex = mix.pick(using: &random)
        rows = random
    }
}
