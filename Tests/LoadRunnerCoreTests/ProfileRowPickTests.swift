@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `pick:`, `when_exhausted:` and `zipf:` on data sources: what they decode to, and each mistake as one problem at
/// its key and line.
@Suite struct ProfileRowPickTests {
    /// The minimal profile with one source `ids` (its entry on line 7) and, when `open`, an open stage after the
    /// closed one.
    static func yaml(_ entry: String, open: Bool = false) -> String {
        """
        target: http://127.0.0.1:8085
        requests:
          - { name: a, path: / }
        stages:
          - { users: 1, duration: 1s }\(open ? "\n  - { rate: 10/s, duration: 1s }" : "")
        data:
          ids: \(entry)
        """
    }

    static func source(_ entry: String, open: Bool = false) throws -> DataSourceSpec? {
        try ProfileFixtures.load(yaml(entry, open: open)).data.first
    }

    @Test func everyPickDecodesAndRandomIsTheDefault() throws {
        #expect(try Self.source("{ values: [a, b] }")?.pick == .random)
        #expect(try Self.source("{ values: [a, b], pick: random }")?.pick == .random)
        #expect(try Self.source("{ values: [a, b], pick: sequential }")?.pick == .sequential)
        #expect(try Self.source("{ values: [a, b], pick: unique }")?.pick == .unique(whenExhausted: .endStage))
        #expect(try Self.source("{ values: [a, b], pick: unique, when_exhausted: wrap }")?.pick == .unique(whenExhausted: .wrap))
        #expect(try Self.source("{ values: [a, b], pick: unique, when_exhausted: end_stage }")?.pick
            == .unique(whenExhausted: .endStage))
        #expect(try Self.source("{ csv: data/people.csv, pick: per_user }")?.pick == .perUser)
        #expect(try Self.source("{ range: [1, 9], pick: sequential }")?.pick == .sequential)
        #expect(try Self.source("{ fetch: /ids, pick: unique }")?.pick == .unique(whenExhausted: .endStage))
    }

    @Test func zipfDecodesOnRanges() throws {
        let spec = try Self.source("{ range: [1, 1000000], zipf: 1.1 }")
        #expect(spec?.kind == .range(1...1_000_000))
        #expect(spec?.zipfExponent == 1.1)
        #expect(spec?.pick == .random)
        #expect(try Self.source("{ range: [1, 10], zipf: 1, pick: random }")?.zipfExponent == 1)
        #expect(try Self.source("{ range: [1, 10] }")?.zipfExponent == nil)
    }

    /// Open stages take `sequential` and wrapping `unique` (arrival k takes row k mod rows).
    @Test func openStagesTakeSequentialAndWrappingUnique() throws {
        #expect(try Self.source("{ values: [a], pick: sequential }", open: true)?.pick == .sequential)
        #expect(try Self.source("{ values: [a], pick: unique, when_exhausted: wrap }", open: true)?.pick
            == .unique(whenExhausted: .wrap))
    }

    @Test(arguments: [
        ("{ values: [a], pick: sequentail }", false, "data.ids.pick",
         #""sequentail" is not a way to pick rows; did you mean `sequential`? write `random` (the default), `sequential` (in order), `unique` (each row once) or `per_user` (one row per virtual user)"#),
        ("{ values: [a], pick: shuffled }", false, "data.ids.pick",
         #""shuffled" is not a way to pick rows; write `random` (the default), `sequential` (in order), `unique` (each row once) or `per_user` (one row per virtual user)"#),
        ("{ values: [a], pick: unique, when_exhausted: wrapp }", false, "data.ids.when_exhausted",
         #""wrapp" is not what a unique source does when its rows are used up; did you mean `wrap`? write `end_stage` (the stage ends, the default) or `wrap` (start over)"#),
        ("{ values: [a], pick: unique, when_exhausted: endstage }", false, "data.ids.when_exhausted",
         #""endstage" is not what a unique source does when its rows are used up; did you mean `end_stage`? write `end_stage` (the stage ends, the default) or `wrap` (start over)"#),
        ("{ values: [a], when_exhausted: wrap }", false, "data.ids.when_exhausted",
         "applies only to `pick: unique`, and this source picks `random`; remove it or write `pick: unique`"),
        ("{ values: [a], zipf: 1.1 }", false, "data.ids.zipf",
         "applies only to `range` sources, not to `values`; remove it, or use a range, e.g. `{ range: [1, 1000000], zipf: 1.1 }`"),
        ("{ csv: data/people.csv, zipf: 1.1 }", false, "data.ids.zipf",
         "applies only to `range` sources, not to `csv`; remove it, or use a range, e.g. `{ range: [1, 1000000], zipf: 1.1 }`"),
        ("{ range: [1, 10], zipf: 0 }", false, "data.ids.zipf",
         #""0" is not an exponent above 0; write e.g. `zipf: 1.1` (1 is Zipf's law as found in word counts; higher makes the first values hotter), or remove it for uniform values"#),
        ("{ range: [1, 10], zipf: -2 }", false, "data.ids.zipf",
         #""-2" is not an exponent above 0; write e.g. `zipf: 1.1` (1 is Zipf's law as found in word counts; higher makes the first values hotter), or remove it for uniform values"#),
        ("{ range: [1, 10], zipf: 101 }", false, "data.ids.zipf",
         #""101" is too large; the most is 100 for the exponent; beyond it nearly every draw is the range's first value anyway"#),
        ("{ range: [1, 10], zipf: hot }", false, "data.ids.zipf", #""hot" is not a number; write an exponent above 0, e.g. `1.1`"#),
        ("{ range: [1, 10], zipf: 1.1, pick: sequential }", false, "data.ids.zipf",
         "draws values at random by Zipf's law and cannot pick `sequential`; remove `pick` or `zipf`"),
        ("{ values: [a], pick: per_user }", true, "data.ids.pick",
         "`per_user` gives each closed virtual user a row, but stage 2 is open (`rate:`), whose arrivals have no user; write `pick: sequential` (arrival k takes row k mod rows), or make every stage closed"),
        ("{ values: [a], pick: unique }", true, "data.ids.pick",
         "`unique` ends the stage once every row was used (`when_exhausted: end_stage`, the default), but stage 2 is open (`rate:`), whose arrivals are planned ahead and cannot stop early; write `when_exhausted: wrap` (arrival k takes row k mod rows), or make every stage closed"),
        ("{ values: [a], pick: unique, when_exhausted: end_stage }", true, "data.ids.when_exhausted",
         "`unique` ends the stage once every row was used (`when_exhausted: end_stage`, the default), but stage 2 is open (`rate:`), whose arrivals are planned ahead and cannot stop early; write `when_exhausted: wrap` (arrival k takes row k mod rows), or make every stage closed"),
    ])
    func aMistakeIsOneProblemAtItsKeyAndLine(entry: String, open: Bool, keyPath: String, message: String) {
        let problems = ProfileFixtures.problems(Self.yaml(entry, open: open))
        #expect(problems.map(\.keyPath) == [keyPath], "\(problems)")
        #expect(problems.first?.message == message)
        #expect(problems.first?.line == (open ? 8 : 7))
    }

    @Test func anUnknownKeyOnASourceGetsADidYouMean() {
        let problems = ProfileFixtures.problems(Self.yaml("{ values: [a], pik: unique }"))
        #expect(problems.map(\.keyPath) == ["data.ids.pik"])
        #expect(problems.first?.message == "is not a known key; did you mean `pick`?")
    }
}
