import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Testing

@Suite struct ReportCSVTests {
    @Test func locustHeadersAreLocustsExactly() {
        #expect(LocustStatsCSV.header == "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%")
        #expect(LocustHistoryCSV.header == "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size")
        #expect(LocustFailuresCSV.header == "Method,Name,Error,Occurrences,First Seen,Last Seen")
    }

    @Test func stagesHeader() {
        #expect(StagesCSV.header == "stage,users,name,method,requests,failures,error_rate,rps,p50_ms,p66_ms,p75_ms,p90_ms,p95_ms,p99_ms,p999_ms,max_ms,min_ms,mean_ms,body_bytes,new_connections,mean_connect_ms,mean_tls_ms,mean_first_byte_ms,window_s,generator_cpu_pct,generator_saturated,received_bytes_per_s")
    }

    @Test func rowsHaveAsManyFieldsAsHeaders() throws {
        let result = ReportFixtures.result()
        let stage = result.stages[0]
        #expect(StagesCSV.fields(stage.aggregated, in: stage).count == 27)
        #expect(LocustStatsCSV.fields(try #require(LocustEntry.entries(of: result).last), overSeconds: 2).count == 22)
        var history = LocustHistoryCSV(fullHistory: false)
        _ = history.rows(for: result.series[0])
        #expect(history.rows(for: result.series[1]).map { $0.split(separator: ",", omittingEmptySubsequences: false).count } == [24])
        #expect(LocustFailuresCSV.fields(result.failures[0]).count == 6)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("", ""),
        (" spaced ", " spaced "),
    ])
    func quoting(field: String, expected: String) {
        #expect(CSVRow.quoted(field) == expected)
    }

    @Test func lineJoinsQuotedFields() {
        #expect(CSVRow.line(["GET", "search, \"fuzzy\"", "3"]) == "GET,\"search, \"\"fuzzy\"\"\",3")
    }

    @Test func locustStatsWithoutRequestsHasNAPercentiles() {
        let empty = LocustEntry(method: "GET", name: "idle", totals: .zero, latency: LatencyHistogram())
        let fields = LocustStatsCSV.fields(empty, overSeconds: 10)
        // Locust's own zero row: its averages and rates are Python floats (`0.0`), the rest integers.
        #expect(fields == ["GET", "idle", "0", "0", "0", "0.0", "0", "0", "0", "0.0", "0.0"] + Array(repeating: "N/A", count: 11))
    }

    @Test func locustStatsOfARunWithoutWindowsIsAllNA() {
        var result = ReportFixtures.result()
        // The file covers the whole run (the series), so a run without windows is one without seconds too.
        result.stages = []
        result.series = []
        #expect(LocustStatsCSV.render(result) == LocustStatsCSV.header + "\r\n"
            + ",Aggregated,0,0,0,0.0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\r\n")
    }

    @Test func historyLeavesOutNamesWithoutRequestsSoFar() {
        let series = ReportFixtures.result().series
        var history = LocustHistoryCSV(fullHistory: true)
        let first = history.rows(for: series[0])
        #expect(first == ["1714564801,5,,Aggregated,0.000000,0.000000,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,0,0,0,0.0,0,0,0"])
        _ = history.rows(for: series[1])
        // Second 2: `search` had no request that second but has totals: window percentiles, totals kept.
        let third = history.rows(for: series[2])
        #expect(third.count == 3)
        #expect(third[1].hasPrefix("1714564803,10,POST,\"search, \"\"fuzzy\"\"\",0.000000,0.000000,3.101,"))
        #expect(third[1].hasSuffix(",2,0,3.101,3.65,3.1,4.2,512.0"))
    }

    @Test func stagesRowWithoutRequestsHasEmptyLatencies() {
        var stage = ReportFixtures.result().stages[0]
        stage.requests = [RequestStats(name: "idle", method: "GET")]
        let fields = StagesCSV.fields(stage.requests[0], in: stage)
        #expect(fields[4...7] == ["0", "0", "0.000000", "0.00"])
        #expect(fields[8...17].allSatisfy { $0.isEmpty })
        #expect(fields[20...22].allSatisfy { $0.isEmpty })
    }

    @Test func failuresAreSortedAndDatedInUTCSeconds() {
        var result = ReportFixtures.result()
        result.failures.reverse()
        let lines = LocustFailuresCSV.render(result).components(separatedBy: "\r\n")
        #expect(lines[1] == "GET,list items,HTTP 503,2,2024-05-01T12:00:04Z,2024-05-01T12:00:05Z")
    }
}
