import LoadRunnerText

/// A JUnit XML report, the format most CI systems show as test results: one suite per run or
/// comparison, one test case per threshold or compared metric.
public struct JUnitReport: Sendable, Equatable {
    public struct Suite: Sendable, Equatable {
        public var name: String
        public var cases: [Case]
        public init(name: String, cases: [Case]) {
            self.name = name
            self.cases = cases
        }
    }

    public struct Case: Sendable, Equatable {
        /// Groups cases in CI views, e.g. `stage 2` or `user/get`.
        public var className: String
        public var name: String
        /// Nil when the case passed; otherwise a one-line reason and details.
        public var failure: Failure?
        public var durationSeconds: Double
        public init(className: String, name: String, failure: Failure?, durationSeconds: Double = 0) {
            self.className = className
            self.name = name
            self.failure = failure
            self.durationSeconds = durationSeconds
        }
    }

    public struct Failure: Sendable, Equatable {
        public var message: String
        public var details: String
        public init(message: String, details: String) {
            self.message = message
            self.details = details
        }
    }

    public var name: String
    public var suites: [Suite]

    public init(name: String, suites: [Suite]) {
        self.name = name
        self.suites = suites
    }

    public var failureCount: Int { suites.reduce(0) { $0 + $1.cases.filter { $0.failure != nil }.count } }

    /// The XML text.
    public func render() -> String {
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
