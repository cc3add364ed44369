import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Testing

@Suite struct ReportJSONTests {
    let result = ReportFixtures.result()

    @Test func roundTripIsExact() throws {
        let decoded = try ResultJSON.decode(try ResultJSON.encode(result))
        #expect(decoded == result)
        for (original, copy) in zip(result.stages, decoded.stages) {
            for (a, b) in zip(original.requests + [original.aggregated], copy.requests + [copy.aggregated]) {
                for percentile in [0, 50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100] as [Double] {
                    #expect(a.latency.micros(atPercentile: percentile) == b.latency.micros(atPercentile: percentile))
                }
                #expect(a.latency.minMicros == b.latency.minMicros)
                #expect(a.latency.maxMicros == b.latency.maxMicros)
                #expect(a.latency.count == b.latency.count)
                #expect(a.failuresByCategory == b.failuresByCategory)
            }
        }
    }

    @Test func reportsFromDecodedResultAreIdentical() throws {
        let decoded = try ResultJSON.decode(try ResultJSON.encode(result))
        #expect(MarkdownReport.render(decoded) == MarkdownReport.render(result))
        #expect(StagesCSV.render(decoded) == StagesCSV.render(result))
        #expect(LocustStatsCSV.render(decoded) == LocustStatsCSV.render(result))
        #expect(LocustFailuresCSV.render(decoded) == LocustFailuresCSV.render(result))
        #expect(ConsoleSummary.render(decoded) == ConsoleSummary.render(result))
    }

    @Test func encodingIsDeterministicAndReadable() throws {
        let text = try ResultJSON.string(result)
        #expect(text == (try ResultJSON.string(try ResultJSON.decode(Data(text.utf8)))))
        #expect(text.contains("\"startTime\" : \"2024-05-01T12:00:00.000000Z\""))
        #expect(text.contains("\"firstSeen\" : \"2024-05-01T12:00:04.250000Z\""))
        #expect(text.contains("\"schemaVersion\" : 2"))
        // Failure counts are an object keyed by category, not an array in hash order.
        #expect(text.contains("\"failuresByCategory\" : {\n          \"connect\" : 1,\n          \"http_status\" : 2\n        }"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func datesKeepMicroseconds() throws {
        var copy = result
        copy.provenance.startTime = Date(timeIntervalSince1970: 1_714_564_800.123456)
        let decoded = try ResultJSON.decode(try ResultJSON.encode(copy))
        #expect(UTCTimestamp.micros(decoded.provenance.startTime) == "2024-05-01T12:00:00.123456Z")
    }

    @Test func newerSchemaIsRefusedClearly() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: try ResultJSON.encode(result)) as? [String: Any])
        object["schemaVersion"] = RunResult.currentSchemaVersion + 1
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ResultFileError.newerSchema(source: "run/result.json", found: 3, supported: 2)) {
            try ResultJSON.decode(data, source: "run/result.json")
        }
        let message = ResultFileError.newerSchema(source: "run/result.json", found: 3, supported: 2).description
        #expect(message == "run/result.json: written by a newer LoadRunner (schema version 3; this one reads up to 2); upgrade LoadRunner to read it")
    }

    @Test func otherFilesAreNotResults() {
        #expect(throws: ResultFileError.notAResult(source: "x.json")) {
            try ResultJSON.decode(Data(#"{"name": "a profile"}"#.utf8), source: "x.json")
        }
        #expect(throws: ResultFileError.notAResult(source: "x.json")) {
            try ResultJSON.decode(Data("[1, 2]".utf8), source: "x.json")
        }
        #expect(throws: ResultFileError.notJSON(source: "x.json")) {
            try ResultJSON.decode(Data("name: yaml".utf8), source: "x.json")
        }
    }

    @Test func damagedResultSaysWhere() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: try ResultJSON.encode(result)) as? [String: Any])
        var stages = try #require(object["stages"] as? [[String: Any]])
        stages[1]["users"] = nil
        object["stages"] = stages
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ResultFileError.damaged(source: "result.json", reason: "stages[1]: \"users\" is missing")) {
            try ResultJSON.decode(data)
        }
    }
}
