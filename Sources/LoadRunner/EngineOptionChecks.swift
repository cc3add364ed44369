import ArgumentParser
import LoadRunnerEngine
import LoadRunnerModel

/// The checks `run` and `ab` share for the engine options they both take.
enum EngineOptionChecks {
    /// Refuses a `--loops` or `--seed` out of range.
    static func validate(loops: Int?, seed: UInt64?) throws {
        if let loops, !(1...EngineOptions.maxLoops).contains(loops) {
            throw ValidationError(CLIMessages.loopsOutOfRange(loops))
        }
        if let seed, seed > ProfileLimits.maxSeed { throw ValidationError(CLIMessages.seedOutOfRange(seed)) }
    }
}
