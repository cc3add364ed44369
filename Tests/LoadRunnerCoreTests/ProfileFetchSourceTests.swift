@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `max_bytes:` on `fetch` sources: sizes with units, the default, the bounds, and where it is refused.
@Suite struct ProfileFetchSourceTests {
    @Test(arguments: [
        ("1000", 1000), ("64MB", 64_000_000), ("64 mb", 64_000_000), ("1GiB", 1 << 30), ("512KiB", 512 << 10),
        ("3kb", 3000), ("12B", 12), ("1_000", 1000), ("2GB", 2_000_000_000),
    ])
    func sizesAreBytesOrANumberWithAUnit(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["", "MB", "1.5MB", "-1", "10 TB", "ten", "99999999999999999999GB"])
    func textThatIsNotASizeIsRefused(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test(arguments: [(900, "900 B"), (1024, "1 KiB"), (256 << 20, "256 MiB"), (3 << 29, "1.5 GiB"), (40_000, "39.1 KiB")])
    func sizesAreDescribedInBinaryUnits(bytes: Int, text: String) {
        #expect(ByteSize.describe(bytes) == text)
    }

    private func source(_ entry: String) throws -> DataSourceSpec.Kind? {
        try ProfileFixtures.load(ProfileFixtures.minimal + "\ndata:\n  ids: \(entry)\n").data.first?.kind
    }

    @Test func maxBytesDefaultsTo256MiBAndCanBeRaised() throws {
        #expect(try source("{ fetch: /ids }") == .fetch(path: "/ids", maxBytes: 256 << 20))
        #expect(try source("{ fetch: /ids, max_bytes: 512MB }") == .fetch(path: "/ids", maxBytes: 512_000_000))
        #expect(try source("{ fetch: /ids, max_bytes: 2GiB }") == .fetch(path: "/ids", maxBytes: 2 << 30))
    }

    @Test(arguments: [
        ("{ fetch: /ids, max_bytes: 3GiB }", "data.ids.max_bytes",
         #""3GiB" is more than the largest allowed, 2 GiB; split the list or fetch a smaller one"#),
        ("{ fetch: /ids, max_bytes: 0 }", "data.ids.max_bytes", #""0" is no room at all; write a size of at least 1 byte, e.g. "64MB""#),
        ("{ fetch: /ids, max_bytes: big }", "data.ids.max_bytes",
         #""big" is not a size; write a number of bytes or a number with KB, MB, GB (1000s) or KiB, MiB, GiB (1024s), e.g. "512MB""#),
        ("{ range: [1, 2], max_bytes: 1MB }", "data.ids.max_bytes", "applies only to `fetch` sources, not to `range`; remove it"),
        ("{ max_bytes: 1MB }", "data.ids", "has no source; add one of `fetch`, `csv`, `range` or `values`"),
        ("{ fetch: /ids, max_bytes: [1] }", "data.ids.max_bytes", "must be a size such as `512MB`, `1GiB` or a number of bytes, not a list"),
    ])
    func badMaxBytesIsOneProblemAtItsKey(entry: String, keyPath: String, message: String) {
        let problems = ProfileFixtures.problems(ProfileFixtures.minimal + "\ndata:\n  ids: \(entry)\n")
        #expect(problems.map(\.keyPath) == [keyPath], "\(problems)")
        #expect(problems.first?.message == message)
    }
}
