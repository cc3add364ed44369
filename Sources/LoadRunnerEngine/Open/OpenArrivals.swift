import LoadRunnerModel

/// What every curl loop that dispatches open-model arrivals shares, read-only: the plan, how to render each
/// arrival's request, and how the pool and the arrivals are split between loops.
///
/// Arrival k goes to dispatching loop k mod `dispatchingLoops`; each of those loops keeps its own pool of
/// connections, at most its share of `max_connections` (the cap divided evenly, the first loops taking one more
/// when it does not divide). When the cap is below the loop count only the first `max_connections` loops
/// dispatch, so no loop is given arrivals it has no connection for. In a shard, only its own arrivals
/// (`ShardPlan.owns(arrival:)`) are dealt, the j-th of them to loop j mod `dispatchingLoops`.
struct OpenArrivals: Sendable {
    let plan: ArrivalPlan
    let plans: [RequestPlan]
    let sources: [SourceValues]
    let mix: RequestMix
    let settings: TransferSettings
    let seed: UInt64
    /// Which arrivals this process sends.
    let shard: ShardPlan
    /// `max_lag`: an arrival still unsent this long after its time is `missed`.
    let maxLagMicros: Int64
    /// `max_connections`, over every loop.
    let maxConnections: Int
    /// How many loops take arrivals (the first ones).
    let dispatchingLoops: Int
    let inFlight: InFlightGauge
    /// The failure message of an arrival that waited `max_lag` (made once, not per arrival).
    let missedMessage: String

    init(
        plan: ArrivalPlan, plans: [RequestPlan], sources: [SourceValues], mix: RequestMix, settings: TransferSettings,
        seed: UInt64, maxLagMicros: Int64, maxConnections: Int, loops: Int, shard: ShardPlan = .single
    ) {
        self.shard = shard
        self.plan = plan
        self.plans = plans
        self.sources = sources
        self.mix = mix
        self.settings = settings
        self.seed = seed
        self.maxLagMicros = maxLagMicros
        self.maxConnections = maxConnections
        dispatchingLoops = max(1, min(loops, maxConnections))
        inFlight = InFlightGauge()
        missedMessage = Messages.arrivalMissed(maxLagMicros: maxLagMicros)
    }

    /// Loop `index`'s share of `max_connections`; 0 for a loop that takes no arrivals.
    func connections(ofLoop index: Int) -> Int {
        guard index < dispatchingLoops else { return 0 }
        return maxConnections / dispatchingLoops + (index < maxConnections % dispatchingLoops ? 1 : 0)
    }
}
