/// How busy one curl loop thread was, and how late it ran its work, during a stage window.
///
/// A loop is one thread: it can use one core at most, however many the machine has, so a loop that is
/// busy nearly all the time is the generator's bottleneck even when the process as a whole looks idle.
package struct LoopLoad: Codable, Sendable, Equatable {
    /// The loop's number, from 1 (as in `curl-loop-0` = loop 1).
    package var loop: Int
    /// Users this loop served in the stage (users go to loops in turn).
    package var users: Int
    /// Open stages: arrivals this loop sent in the window (their lag, when they did not wait for a connection, is
    /// in `userLag`); nil for closed stages and in results of earlier versions.
    package var arrivals: UInt64?
    /// Seconds of the window the monitor measured this loop; a second it missed is covered by its next
    /// sample (that sample spans both), never counted as idle.
    package var measuredSeconds: Double
    /// Seconds in which the loop was at least `LoopLoad.busyShare` busy.
    package var busySeconds: Double
    /// The loop thread's CPU time over the measured seconds, in % of one core (`/proc/self/task/TID/stat`).
    package var cpuPercent: Double
    /// The loop's busy share over the measured seconds, in % of one core: per sample the larger of its CPU
    /// share and the share of time it was not waiting for sockets (working, or ready but not given a CPU).
    package var busyPercent: Double
    /// How late the loop's waits returned against the deadline they asked for (waits that ended by timeout),
    /// in microseconds.
    package var pollLag: LatencyHistogram
    /// How late a user's next request started after its previous response, for users without think time, and
    /// how late an open arrival went out after its intended time when a connection was free for it (the loop's
    /// own lateness, not a wait for the pool), in microseconds.
    package var userLag: LatencyHistogram
    /// The loop thread's time waiting runnable on a run queue (ready to run, no CPU given: the machine's other work
    /// held the CPUs it may use), in % of the measured seconds; nil when the kernel does not say and in results of
    /// earlier versions. A thread waiting for a CPU is neither busy nor waiting for sockets in the loop's own clocks.
    package var runQueuePercent: Double?
    /// Seconds in which the loop waited for a CPU at least `GeneratorSaturation.runQueueShare` of the time; nil
    /// when `runQueuePercent` is.
    package var starvedSeconds: Double?
    /// The loop's mean wait for a CPU each time it was put on one (run-queue time / runs), in microseconds: how much
    /// each send or receive was delayed by the machine's other work, on average; nil when `runQueuePercent` is.
    package var runQueueMeanWaitMicros: Double?
    /// The lag p99 (both kinds) of each second of the window with at least `minimumLagSamplesPerSecond` samples,
    /// in microseconds; nil in results of earlier versions.
    package var lagSecondsP99Micros: [UInt64]?

    /// The busy share of one core (0...1) at which a second counts as busy.
    package static let busyShare = 0.90
    /// A second with fewer lag samples has no p99 of its own (it would be its maximum).
    package static let minimumLagSamplesPerSecond: UInt64 = 20

    package init(
        loop: Int, users: Int, measuredSeconds: Double, busySeconds: Double, cpuPercent: Double, busyPercent: Double,
        pollLag: LatencyHistogram = LatencyHistogram(), userLag: LatencyHistogram = LatencyHistogram(),
        lagSecondsP99Micros: [UInt64]? = nil, arrivals: UInt64? = nil
    ) {
        self.loop = loop
        self.users = users
        self.arrivals = arrivals
        self.measuredSeconds = measuredSeconds
        self.busySeconds = busySeconds
        self.cpuPercent = cpuPercent
        self.busyPercent = busyPercent
        self.pollLag = pollLag
        self.userLag = userLag
        self.lagSecondsP99Micros = lagSecondsP99Micros
    }

    /// The load of loop `loop` from the monitor's `samples` of it whose middle lies in the window
    /// `[windowStartMicros, windowEndMicros)`; `pollLag` and `userLag` are what the loop recorded in that window.
    package init(
        loop: Int, users: Int, samples: [LoopSample], windowStartMicros: Int64, windowEndMicros: Int64,
        pollLag: LatencyHistogram, userLag: LatencyHistogram, lagSecondsP99Micros: [UInt64]? = nil, arrivals: UInt64? = nil
    ) {
        let inWindow = LoopSample.inWindow(samples, startMicros: windowStartMicros, endMicros: windowEndMicros)
        let measured = inWindow.reduce(0.0) { $0 + $1.seconds }
        let busy = inWindow.filter { $0.busyShare >= Self.busyShare }.reduce(0.0) { $0 + $1.seconds }
        let cpu = inWindow.reduce(0.0) { $0 + Double($1.cpuMicros) }
        let busyMicros = inWindow.reduce(0.0) { $0 + $1.busyShare * $1.seconds * 1_000_000 }
        self.init(
            loop: loop, users: users, measuredSeconds: measured, busySeconds: busy,
            cpuPercent: measured > 0 ? cpu / (measured * 1_000_000) * 100 : 0,
            busyPercent: measured > 0 ? busyMicros / (measured * 1_000_000) * 100 : 0,
            pollLag: pollLag, userLag: userLag, lagSecondsP99Micros: lagSecondsP99Micros, arrivals: arrivals)
        let queued = inWindow.filter { $0.runQueueWaitMicros != nil }
        let queuedSeconds = queued.reduce(0.0) { $0 + $1.seconds }
        if queuedSeconds > 0 {
            runQueuePercent = queued.reduce(0.0) { $0 + Double(max(0, $1.runQueueWaitMicros ?? 0)) } / (queuedSeconds * 1_000_000) * 100
            starvedSeconds = queued.filter { ($0.runQueueShare ?? 0) >= GeneratorSaturation.runQueueShare }
                .reduce(0.0) { $0 + $1.seconds }
            let runs = queued.reduce(Int64(0)) { $0 + max(0, $1.runs ?? 0) }
            runQueueMeanWaitMicros = queued.reduce(0.0) { $0 + Double(max(0, $1.runQueueWaitMicros ?? 0)) } / Double(max(1, runs))
        }
    }

    /// True when the loop sent requests in the window: it served users, or open arrivals.
    package var sentRequests: Bool { users > 0 || (arrivals ?? 0) > 0 }

    /// Every lag sample of the loop: its late waits and its late request starts.
    package var lag: LatencyHistogram {
        var all = pollLag
        all.add(userLag)
        return all
    }
}

/// What the monitor measured of one loop (or of the whole process, with no wait) between two of its
/// readings, about a second apart; a reading it missed makes the next sample span both seconds.
package struct LoopSample: Sendable, Equatable {
    /// The readings' times, in run microseconds.
    package var startMicros: Int64
    package var endMicros: Int64
    /// CPU time the loop's thread used in between, in microseconds.
    package var cpuMicros: Int64
    /// Time the loop spent waiting for sockets in between, in microseconds.
    package var waitMicros: Int64
    /// Time the loop's thread waited runnable on a run queue in between (ready, no CPU given), in microseconds; nil
    /// when the kernel does not say (no `/proc/self/task/TID/schedstat`).
    package var runQueueWaitMicros: Int64?
    /// How many times the thread was put on a CPU in between (each after a wait on the run queue, maybe of 0); nil
    /// when `runQueueWaitMicros` is.
    package var runs: Int64?

    package init(
        startMicros: Int64, endMicros: Int64, cpuMicros: Int64, waitMicros: Int64, runQueueWaitMicros: Int64? = nil,
        runs: Int64? = nil
    ) {
        self.runs = runs
        self.startMicros = startMicros
        self.endMicros = endMicros
        self.cpuMicros = cpuMicros
        self.waitMicros = waitMicros
        self.runQueueWaitMicros = runQueueWaitMicros
    }

    /// Share of the sample (0...1) the loop's thread waited runnable for a CPU; nil when unknown.
    package var runQueueShare: Double? {
        guard let queued = runQueueWaitMicros, endMicros > startMicros else { return nil }
        return min(1, Double(max(0, queued)) / Double(endMicros - startMicros))
    }

    /// The samples whose middle lies in `[startMicros, endMicros)`: each sample belongs to one window.
    package static func inWindow(_ samples: [LoopSample], startMicros: Int64, endMicros: Int64) -> [LoopSample] {
        samples.filter { sample in
            let middle = sample.startMicros + (sample.endMicros - sample.startMicros) / 2
            return sample.endMicros > sample.startMicros && middle >= startMicros && middle < endMicros
        }
    }

    /// CPU time over elapsed time of the samples in the window, in % of one core; nil when none lies in it.
    package static func cpuPercent(_ samples: [LoopSample], startMicros: Int64, endMicros: Int64) -> Double? {
        let inWindow = inWindow(samples, startMicros: startMicros, endMicros: endMicros)
        let elapsed = inWindow.reduce(0.0) { $0 + $1.seconds }
        guard elapsed > 0 else { return nil }
        return inWindow.reduce(0.0) { $0 + Double($1.cpuMicros) } / (elapsed * 1_000_000) * 100
    }

    /// Length in seconds.
    package var seconds: Double { Double(max(0, endMicros - startMicros)) / 1_000_000 }

    /// Share of one core (0...1) the loop was busy: the larger of its CPU share and the share of time it
    /// did not wait; capped at 1 (CPU ticks are coarse).
    package var busyShare: Double {
        let span = Double(max(1, endMicros - startMicros))
        let notWaiting = max(0, span - Double(waitMicros))
        return min(1, max(Double(cpuMicros), notWaiting) / span)
    }
}
