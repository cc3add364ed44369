/// The run's timeline as plain data: when each stage starts and ends, its statistics window, and how
/// many virtual users should be running at any moment. A pure function of the stages: tested without time.
///
/// Spawn semantics follow Locust: entering a stage, users ramp from the previous stage's count toward the
/// stage's count at `spawnRate` users per second, the first change happening at the stage start; the ramp
/// is part of the stage's duration. An open stage (`rate:`) runs no users; its arrivals are `ArrivalPlan`'s.
package struct StageSchedule: Sendable, Equatable {
    /// One stage placed on the timeline; times in microseconds since the run started.
    package struct Slot: Sendable, Equatable {
        /// 0-based index into the profile's stages.
        package var index: Int
        package var stage: Stage
        /// Users running when the stage starts (the previous stage's target, 0 for the first).
        package var startUsers: Int
        package var startMicros: Int64
        package var windowStartMicros: Int64
        package var endMicros: Int64
    }

    package private(set) var slots: [Slot]

    package init(stages: [Stage]) {
        var slots: [Slot] = []
        var start: Int64 = 0
        var previousUsers = 0
        for (index, stage) in stages.enumerated() {
            // A loaded profile's stages add up to at most ProfileLimits.maxRunDuration (3.2e13 µs): no overflow.
            let end = start + stage.plannedMicros
            slots.append(Slot(
                index: index, stage: stage, startUsers: previousUsers, startMicros: start,
                windowStartMicros: start + stage.warmup.micros, endMicros: end))
            start = end
            previousUsers = stage.users
        }
        self.slots = slots
    }

    /// The schedule after stage `index` ended early at `micros` (a stage that ends by count reached its
    /// count): that slot ends at `micros` (its warm-up cut short if need be), and every later slot moves
    /// earlier by the time saved. Ending at or after the planned end changes nothing.
    package func endingStage(_ index: Int, atMicros micros: Int64) -> StageSchedule {
        guard slots.indices.contains(index), micros < slots[index].endMicros else { return self }
        var copy = self
        let end = max(micros, slots[index].startMicros)
        let saved = slots[index].endMicros - end
        copy.slots[index].endMicros = end
        copy.slots[index].windowStartMicros = min(slots[index].windowStartMicros, end)
        for later in (index + 1)..<slots.count {
            copy.slots[later].startMicros -= saved
            copy.slots[later].windowStartMicros -= saved
            copy.slots[later].endMicros -= saved
        }
        return copy
    }

    /// The end of the last stage, in microseconds since the start.
    package var totalMicros: Int64 { slots.last?.endMicros ?? 0 }

    /// The most users any stage asks for.
    package var peakUsers: Int { slots.map(\.stage.users).max() ?? 0 }

    /// The slot running at `elapsedMicros`, or nil before the start or at/after the end.
    package func slot(atMicros elapsedMicros: Int64) -> Slot? {
        guard elapsedMicros >= 0 else { return nil }
        return slots.first { elapsedMicros < $0.endMicros }
    }

    /// How many users should be running at `elapsedMicros`; 0 once the schedule is over, and in an open stage
    /// (whose requests arrive by rate: the users of a closed stage before it leave as it starts).
    package func users(atMicros elapsedMicros: Int64) -> Int {
        guard let slot = slot(atMicros: elapsedMicros), !slot.stage.isOpen else { return 0 }
        let from = slot.startUsers
        let to = slot.stage.users
        guard from != to else { return to }
        let secondsIntoStage = Double(elapsedMicros - slot.startMicros) / 1_000_000
        // The first user changes at the stage start, then one every 1/spawnRate seconds.
        let changed = min(abs(to - from), Int((secondsIntoStage * slot.stage.spawnRate).rounded(.down)) + 1)
        return to > from ? from + changed : from - changed
    }

    /// The latest moment (microseconds) at which `users(atMicros:)` changes next after `elapsedMicros`,
    /// so a driver can sleep until then instead of polling; nil when it never changes again.
    package func nextChange(afterMicros elapsedMicros: Int64) -> Int64? {
        guard let slot = slot(atMicros: elapsedMicros) else { return nil }
        let current = users(atMicros: elapsedMicros)
        if current != slot.stage.users {
            let secondsIntoStage = Double(elapsedMicros - slot.startMicros) / 1_000_000
            let step = (secondsIntoStage * slot.stage.spawnRate).rounded(.down) + 1
            // step <= users + 1 and spawnRate >= ProfileLimits.minSpawnRate keep this below 1e15 µs: Int64 holds it.
            let next = slot.startMicros + Int64((step / slot.stage.spawnRate * 1_000_000).rounded(.up))
            return min(max(next, elapsedMicros + 1), slot.endMicros)
        }
        return slot.endMicros < totalMicros ? slot.endMicros : nil
    }
}

extension Duration {
    /// Whole microseconds (truncated); exact for every duration a profile may hold (at most
    /// `ProfileLimits.maxRunDuration`), overflowing only beyond about 292,000 years.
    package var micros: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
