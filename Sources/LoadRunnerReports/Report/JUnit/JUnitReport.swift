import LoadRunnerText

/// A JUnit XML report, the format most CI systems show as test results: one suite per run or
/// comparison, one test case per threshold or compared metric.
package struct JUnitReport: Sendable, Equatable {
    package struct Suite: Sendable, Equatable {
        package var name: String
        package var cases: [Case]
        package init(name: String, cases: [Case]) {
            self.name = name
            self.cases = cases
        }
    }

    package struct Case: Sendable, Equatable {
        /// Groups cases in CI views, e.g. `stage 2` or `user/get`.
        package var className: String
        package var name: String
        /// Nil when the case passed; otherwise a one-line reason and details.
        package var failure: Failure?
        package var durationSeconds: Double
        package init(className: String, name: String, failure: Failure?, durationSeconds: Double = 0) {
            self.className = className
            self.name = name
            self.failure = failure
            self.durationSeconds = durationSeconds
        }
    }

    package struct Failure: Sendable, Equatable {
        package var message: String
        package var details: String
        package init(message: String, details: String) {
            self.message = message
            self.details = details
        }
    }

    package var name: String
    package var suites: [Suite]

    package init(name: String, suites: [Suite]) {
        self.name = name
        self.suites = suites
    }

    package var failureCount: Int { suites.reduce(0) { $0 + $1.cases.filter { $0.failure != nil }.count } }

    /// The XML text.
    package func render() -> String {
        let total = suites.reduce(0) { $0 + $1.cases.count }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<testsuites name="\#(Self.escape(name))" tests="\#(total)" failures="\#(failureCount)">"# + "\n"
        for suite in suites {
            let failures = suite.cases.filter { $0.failure != nil }.count
            xml += #"  <testsuite name="\#(Self.escape(suite.name))" tests="\#(suite.cases.count)" failures="\#(failures)">"# + "\n"
            for testCase in suite.cases {
                let time = ReportNumber.fixed(testCase.durationSeconds, decimals: 3)
                let opening = #"    <testcase classname="\#(Self.escape(testCase.className))" name="\#(Self.escape(testCase.name))" time="\#(time)""#
                if let failure = testCase.failure {
                    xml += opening + ">\n"
                    xml += #"      <failure message="\#(Self.escape(failure.message))">\#(Self.escape(failure.details))</failure>"# + "\n"
                    xml += "    </testcase>\n"
                } else {
                    xml += opening + "/>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
