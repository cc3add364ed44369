import Foundation
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// result.json records the run's seed (schema 2, optional); results written before it decode without one. (Every
/// result an engine or CLI test writes, seed included, is checked against docs/result.schema.json.)
@Suite struct ResultSeedTests {
    @Test func theSeedRoundTrips() throws {
        var result = ReportFixtures.result(interrupted: false)
        result.startUnixMicros = RunResult.unixMicros(result.provenance.startTime)
        result.compareBudgets = []
        result.seed = ProfileLimits.maxSeed
        let written = try ResultJSON.encode(result)
        #expect(String(decoding: written, as: UTF8.self).contains("\"seed\" : 9007199254740991"))
        #expect(try ResultJSON.decode(written).seed == ProfileLimits.maxSeed)
    }

    @Test func aSchemaOneResultHasNoSeed() throws {
        #expect(try SchemaOneTests.result().seed == nil)
    }
}
