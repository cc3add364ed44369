/// A validated load profile: what to send, to which target, in which stages.
///
/// Built only by `ProfileLoader` (decoding + validation); every value here is already checked.
package struct Profile: Sendable, Equatable {
    /// Human name of the run; used in report titles and the default output folder.
    package var name: String
    /// Base URL every request path is appended to, e.g. `http://127.0.0.1:8085`.
    package var target: TargetURL
    /// Whole-request timeout; also the connect timeout unless `connectTimeout` is set.
    package var timeout: Duration
    /// Connect timeout; defaults to `timeout`.
    package var connectTimeout: Duration
    /// Headers sent with every request (request-level headers with the same name win).
    package var headers: [HeaderSpec]
    /// Named value sources referenced from templates as `{{ name }}` or `{{ name.column }}`.
    package var data: [DataSourceSpec]
    /// The request mix; each virtual user picks one per iteration, by weight. With `flows`, the requests their
    /// steps send, one per request name (the statistics rows), in the order they first appear.
    package var requests: [RequestSpec]
    /// Wait between two requests of one virtual user.
    package var thinkTime: ThinkTime
    /// Consecutive stages; at least one.
    package var stages: [Stage]
    /// Ask libcurl for HTTP/2 (with prior knowledge on `http://`, ALPN on `https://`).
    package var http2: Bool
    /// Skip TLS certificate and host verification.
    package var insecure: Bool
    /// The profile file's text, kept for provenance in result files.
    package var sourceText: String
    /// The profile file's path as given (for messages), and its folder (relative paths resolve from it).
    package var sourcePath: String
    package var baseDirectory: String
    /// Pass/fail rules judged on every stage window (`thresholds:`); empty when none.
    package var thresholds: [ThresholdSpec]
    /// Budgets `LoadRunner compare` uses when no `--fail-on` is given (`compare:`); empty when none.
    package var compareBudgets: [Budget]
    /// Process trees sampled once a second during the run (`monitors:`); empty when none.
    package var monitors: [MonitorSpec]
    /// Commands sampled at an interval whose numeric output becomes a series (`monitors:` entries with `run:`).
    package var commandMonitors: [CommandMonitorSpec]
    /// Commands run at moments of the run (`actions:`); empty when none.
    package var actions: [ActionSpec]
    /// Commands run after the run whose output must match an expectation (`checks:`); empty when none.
    package var checks: [CheckSpec]
    /// The environment variables the profile reads (`${NAME}` in header values), each once, in profile order.
    package var environmentReads: [String] = []
    /// Open stages: the most connections open at once (`max_connections:`); arrivals beyond wait in order.
    package var maxConnections = Profile.defaultMaxConnections
    /// Open stages: how late an arrival may still be sent (`max_lag:`); later ones count as missed. nil: `timeout`.
    package var maxLagSetting: Duration?
    /// The seed of every random choice of the run (`seed:`); `--seed` wins, and without either one is drawn.
    package var seed: UInt64?
    /// The user journeys (`flows:`), run instead of the request mix; empty for a profile with `requests:`.
    package var flows: [FlowSpec] = []

    /// `max_connections` when the profile does not set it.
    package static let defaultMaxConnections = 10_000

    package init(
        name: String, target: TargetURL, timeout: Duration, connectTimeout: Duration,
        headers: [HeaderSpec], data: [DataSourceSpec], requests: [RequestSpec], thinkTime: ThinkTime,
        stages: [Stage], http2: Bool, insecure: Bool, sourceText: String, sourcePath: String, baseDirectory: String,
        thresholds: [ThresholdSpec] = [], compareBudgets: [Budget] = [],
        monitors: [MonitorSpec] = [], commandMonitors: [CommandMonitorSpec] = [], actions: [ActionSpec] = [],
        checks: [CheckSpec] = []
    ) {
        self.name = name
        self.target = target
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.headers = headers
        self.data = data
        self.requests = requests
        self.thinkTime = thinkTime
        self.stages = stages
        self.http2 = http2
        self.insecure = insecure
        self.sourceText = sourceText
        self.sourcePath = sourcePath
        self.baseDirectory = baseDirectory
        self.thresholds = thresholds
        self.compareBudgets = compareBudgets
        self.monitors = monitors
        self.commandMonitors = commandMonitors
        self.actions = actions
        self.checks = checks
    }

    /// True when the profile runs commands of its own (actions, checks or command monitors): it is code.
    package var runsCommands: Bool { !actions.isEmpty || !commandChecks.isEmpty || !commandMonitors.isEmpty }

    /// How late an open-stage arrival may still be sent: `max_lag:`, else the request `timeout`.
    package var maxLag: Duration { maxLagSetting ?? timeout }

    /// True when virtual users run `flows` rather than pick from the request mix.
    package var hasFlows: Bool { !flows.isEmpty }
    /// Whether a flow has an `await:` step (a visibility probe), whose results the stages then carry.
    package var hasAwaitSteps: Bool { requests.contains { $0.probe != nil } }

    /// True when any stage gives `rate` instead of `users`.
    package var hasOpenStages: Bool { stages.contains(where: \.isOpen) }

    /// The checks that run a command (`run:`), not those that read a metric.
    package var commandChecks: [CheckSpec] { checks.filter { $0.metric == nil } }
}

/// An absolute http(s) URL with no query or fragment; request paths are appended to it.
package struct TargetURL: Sendable, Equatable, CustomStringConvertible {
    package var scheme: String
    package var host: String
    package var port: Int
    /// Path prefix without a trailing slash ("" for none).
    package var basePath: String

    package init(scheme: String, host: String, port: Int, basePath: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// `scheme://host:port` plus the base path, ready to have a request path appended.
    package var description: String {
        let bracketedHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(bracketedHost):\(port)\(basePath)"
    }
}

/// One header; its value may reference data sources.
package struct HeaderSpec: Sendable, Equatable {
    package var name: String
    package var value: Template
    package init(name: String, value: Template) {
        self.name = name
        self.value = value
    }
}

/// A named source of values for templates.
package struct DataSourceSpec: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// GET this path (relative to the target) once before stage 1; the body is a JSON array of at
        /// most `maxBytes` bytes (`max_bytes:`).
        case fetch(path: String, maxBytes: Int = DataSourceSpec.defaultFetchMaxBytes)
        /// A CSV file with a header row; a row per request (see `pick`). `path` is already resolved against the
        /// profile's folder (as written in the profile when absolute); load the rows with `CSVTable.load(path:files:)`.
        case csv(path: String, columns: [String])
        /// An integer in the closed range (random unless `pick` says otherwise; by Zipf's law with `zipfExponent`).
        case range(ClosedRange<Int64>)
        /// An element of the list (random unless `pick` says otherwise).
        case values([String])
    }

    /// The body size a `fetch` source accepts when it sets no `max_bytes:` (256 MiB).
    package static let defaultFetchMaxBytes = 256 << 20
    /// The largest `max_bytes:` a profile may set (2 GiB): value offsets are 32-bit.
    package static let largestFetchMaxBytes = 2 << 30

    package var name: String
    package var kind: Kind
    /// How each request's row (or range value) is chosen (`pick:`); `random` unless the profile says otherwise.
    package var pick: RowPick
    /// A `range` source's Zipf exponent s > 0 (`zipf:`): value low + r - 1 is drawn with probability proportional
    /// to 1 / r^s; nil draws uniformly.
    package var zipfExponent: Double?

    package init(name: String, kind: Kind, pick: RowPick = .random, zipfExponent: Double? = nil) {
        self.name = name
        self.kind = kind
        self.pick = pick
        self.zipfExponent = zipfExponent
    }
}

/// One entry of the request mix.
package struct RequestSpec: Sendable, Equatable {
    /// The statistics key, e.g. `user/get`.
    package var name: String
    /// Upper-case HTTP method; `GET` by default.
    package var method: String
    /// Path (and optional query string) appended to the target; values URL-encoded.
    package var path: Template
    /// Extra query parameters, in order; values URL-encoded.
    package var query: [QueryParameter]
    /// Request-specific headers (override profile headers of the same name).
    package var headers: [HeaderSpec]
    /// Request body, sent as is (no encoding).
    package var body: Template?
    /// Relative weight in the mix; at least 1.
    package var weight: Int
    /// Status codes counted as success; default 200-399.
    package var expect: StatusSet
    /// Values taken from the response into the user's variables (`capture:`), in order; empty when none.
    package var captures: [CaptureSpec] = []
    /// Checks on the response (`assert:`), judged in order once `expect` passed; empty when none.
    package var assertions: [AssertionSpec] = []
    /// When the request is an `await:` step's read: what makes a poll see the write; nil otherwise.
    package var probe: ProbeSpec?
    /// The most body bytes kept for captures and assertions (`max_body`, the request's or the profile's); a larger
    /// body fails the request. Plain requests keep no body, so this does not limit them.
    package var maxBodyBytes = RequestSpec.defaultMaxBodyBytes
    /// `max_body` when neither the request nor the profile sets it: 1 MiB.
    package static let defaultMaxBodyBytes = 1 << 20
    /// The largest `max_body` allowed: 1 GiB.
    package static let largestMaxBodyBytes = 1 << 30

    /// Whether the response body must be kept (a capture or an assertion reads it).
    package var keepsBody: Bool {
        captures.contains { $0.source.readsBody } || assertions.contains(where: \.readsBody) || (probe?.readsBody ?? false)
    }
    /// Whether the response headers must be kept (a capture or an assertion reads one).
    package var keepsHeaders: Bool {
        captures.contains { !$0.source.readsBody } || assertions.contains(where: \.readsHeaders) || (probe?.readsHeaders ?? false)
    }

    package init(
        name: String, method: String, path: Template, query: [QueryParameter], headers: [HeaderSpec],
        body: Template?, weight: Int, expect: StatusSet
    ) {
        self.name = name
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.weight = weight
        self.expect = expect
    }
}

/// One `key=value` query parameter; both are URL-encoded when rendered.
package struct QueryParameter: Sendable, Equatable {
    package var name: String
    package var value: Template
    package init(name: String, value: Template) {
        self.name = name
        self.value = value
    }
}

/// The HTTP status codes that count as a successful response.
package struct StatusSet: Sendable, Equatable {
    package var ranges: [ClosedRange<Int>]
    package init(ranges: [ClosedRange<Int>]) { self.ranges = ranges }
    package static let defaultSuccess = StatusSet(ranges: [200...399])
    package func contains(_ status: Int) -> Bool { ranges.contains { $0.contains(status) } }
}

/// The wait between two consecutive requests of one virtual user.
package enum ThinkTime: Sendable, Equatable {
    case none
    /// Always wait this long after a response.
    case constant(Duration)
    /// Wait a uniformly random time in the closed interval after a response.
    case between(Duration, Duration)
    /// Start requests this far apart (start to start), like Locust's `constant_pacing`.
    case pacing(Duration)
}

/// One stage of the schedule. Users ramp from the previous stage's count at `spawnRate` per second;
/// the stage's statistics window is `[start + warmup, start + duration)`.
///
/// A stage with a `requestLimit` ends once its users together have sent that many requests and every
/// response is in (k6's shared iterations); its `duration` is then the limit on its time.
///
/// An open stage (`rate` set) has no users: requests arrive at its rate whatever the answers do (`ArrivalPlan`);
/// `users` is then 0 and `spawnRate` unused. Its `requestLimit` makes it last as long as that many arrivals
/// take at its rate (`StageSchedule`), at most `duration`.
package struct Stage: Sendable, Equatable {
    package var users: Int
    /// Users started (or stopped) per second while ramping; > 0.
    package var spawnRate: Double
    /// How long the stage runs; for a stage with a request limit, the longest it may run.
    package var duration: Duration
    /// The first part of the stage left out of its statistics; < duration.
    package var warmup: Duration

    /// Requests after which the stage ends (`requests:`); nil for a stage that ends by time.
    package var requestLimit: Int?
    /// The arrival rate of an open stage (`rate:`); nil for a closed stage, which runs `users`.
    package var rate: ArrivalRate?
    /// How an open stage spaces its arrivals (`arrivals:`); `.uniform` unless set, and unused in a closed stage.
    package var arrivals: ArrivalProcess = .uniform

    /// The time limit of a stage that ends by count and gives no `duration`.
    package static let defaultCountedStageTimeLimit = Duration.seconds(30 * 60)

    package init(users: Int, spawnRate: Double, duration: Duration, warmup: Duration, requestLimit: Int? = nil) {
        self.users = users
        self.spawnRate = spawnRate
        self.duration = duration
        self.warmup = warmup
        self.requestLimit = requestLimit
    }

    /// An open stage: requests arrive at `rate`, spaced by `arrivals`.
    package init(
        rate: ArrivalRate, arrivals: ArrivalProcess = .uniform, duration: Duration, warmup: Duration = .zero,
        requestLimit: Int? = nil
    ) {
        self.init(users: 0, spawnRate: 1, duration: duration, warmup: warmup, requestLimit: requestLimit)
        self.rate = rate
        self.arrivals = arrivals
    }

    /// True for a stage that gives `rate` instead of `users`.
    package var isOpen: Bool { rate != nil }
}
