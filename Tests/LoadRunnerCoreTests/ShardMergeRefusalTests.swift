import LoadRunnerAnalysis
import LoadRunnerModel
import Testing

/// Each way a set of shard results is not one complete, clean launch is refused, and the message names the culprit:
/// the folder, the field and its values, or the indices.
@Suite struct ShardMergeRefusalTests {
    static func shards(_ count: Int = 3) -> [ShardPart] {
        var splitter = ShardSplitter(seed: 11, count: count)
        return ShardMergeTests.parts(splitter.split(ReportFixtures.result(interrupted: false)))
    }

    static func messages(_ parts: [ShardPart]) -> [String] {
        do {
            _ = try ShardMerger.merge(parts)
            return []
        } catch {
            return error.problems.map(\.message)
        }
    }

    @Test func aCompleteSetMerges() {
        #expect(Self.messages(Self.shards()) == [])
    }

    @Test func noResultsAtAll() {
        #expect(Self.messages([]) == [ShardMergeProblem.noParts.message])
    }

    @Test func aResultWithoutShard() {
        var parts = Self.shards()
        parts[1].result.shard = nil
        let messages = Self.messages(parts)
        #expect(messages.contains { $0.hasPrefix("shard-1 is not a shard's result") }, "\(messages)")
    }

    @Test func anInterruptedShard() {
        var parts = Self.shards()
        parts[2].result.markInterrupted()
        #expect(Self.messages(parts) == [
            "shard-2 was interrupted, so its shard sent only part of its load; run the whole set again "
                + "(a re-run of one shard would not start with the others)",
        ])
    }

    @Test func aShardWhoseMeasurementsWereLost() {
        var parts = Self.shards()
        parts[0].result.measurementsLost = true
        parts[0].result.interrupted = true
        #expect(Self.messages(parts) == ["shard-0 holds no measurements (its run was stopped twice); run the whole set again"])
    }

    /// A shard that began more than the 2 s bound after the common start took its own time zero: refused, named,
    /// with how late it was; one just inside the bound caught up on the common timeline and merges.
    @Test func aShardThatStartedPastTheBound() {
        var parts = Self.shards()
        for index in parts.indices { parts[index].result.shard?.startAtUnixMicros = 1_796_656_012_000_000 }
        parts[0].result.shard?.lateStartMicros = 1_999_000
        parts[1].result.shard?.lateStartMicros = 3_250_000
        #expect(Self.messages(parts) == [
            "shard-1 began its load 3.3 s after the common start, more than the 2 s a shard may catch up on, so its "
                + "seconds and arrivals are not on the others' timeline; give the launch a later --start-at (or "
                + "`kube --start-in`) so that every shard is ready before it, and run the whole set again",
        ])
        parts[1].result.shard?.lateStartMicros = 2_000_000
        #expect(Self.messages(parts) == [])
    }

    @Test func anotherProfile() {
        var parts = Self.shards()
        parts[1].result.shard?.profileHash = "sha256:" + String(repeating: "cd", count: 32)
        let messages = Self.messages(parts)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("the shards differ in profile hash: sha256:abab") == true, "\(messages)")
        #expect(messages.first?.contains("in shard-0, shard-2; sha256:cdcd") == true)
        #expect(messages.first?.contains(" in shard-1; merge only the shards of one") == true)
    }

    @Test func anotherSeed() {
        var parts = Self.shards()
        parts[2].result.seed = 7
        #expect(Self.messages(parts) == [
            "the shards differ in seed: 42 in shard-0, shard-1; 7 in shard-2; merge only the shards of one `kube` or "
                + "`run --shards` launch",
        ])
    }

    @Test func anotherShardCount() {
        var parts = Self.shards()
        parts[2].result.shard?.count = 4
        let messages = Self.messages(parts)
        #expect(messages == [
            "the shards differ in shard count: 3 in shard-0, shard-1; 4 in shard-2; merge only the shards of one "
                + "`kube` or `run --shards` launch",
        ])
    }

    @Test func anotherCommonStart() {
        var parts = Self.shards()
        parts[0].result.shard?.startAtUnixMicros = 1_714_564_860_000_000
        let messages = Self.messages(parts)
        #expect(messages == [
            "the shards differ in common start (--start-at): 2024-05-01T12:01:00.000000Z in shard-0; "
                + "2024-05-01T12:00:00.000000Z in shard-1, shard-2; merge only the shards of one `kube` or `run --shards` launch",
        ])
    }

    @Test func aMissingShard() {
        let parts = Self.shards(4)
        #expect(Self.messages([parts[0], parts[2]]) == [
            "shards 1, 3 of 4 are missing; name every shard's folder (a shard that was killed left none: run the whole set again)",
        ])
    }

    @Test func aShardGivenTwice() {
        let parts = Self.shards()
        var again = parts[1]
        again.source = "copy-of-shard-1"
        #expect(Self.messages(parts + [again]) == [
            "shard 1 appears 2 times: shard-1, copy-of-shard-1; name each shard once",
        ])
    }

    @Test func anIndexBeyondTheCount() {
        var parts = Self.shards()
        parts[2].result.shard?.index = 5
        #expect(Self.messages(parts) == [
            "shard-2 says it is shard 5 of 3, but indices run from 0 to 2",
            "shard 2 of 3 is missing; name every shard's folder (a shard that was killed left none: run the whole set again)",
        ])
    }

    /// Every problem is reported at once.
    @Test func everyProblemAtOnce() {
        var parts = Self.shards()
        parts[0].result.markInterrupted()
        parts[1].result.seed = 1
        #expect(Self.messages(Array(parts.prefix(2))).count == 3)
    }
}
