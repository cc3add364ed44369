import LoadRunnerModel
import Yams

/// One pass over a composed YAML tree that builds a `Profile` and collects every problem on the way.
///
/// Each reader reports what it finds wrong and returns nil, and the walk carries on, so one run
/// shows all problems. Data sources are read first because templates are checked against them.
struct ProfileDecoder {
    static let topLevelKeys = [
        "name", "target", "timeout", "connect_timeout", "headers", "data", "requests", "think_time",
        "stages", "http2", "insecure", "thresholds", "compare", "monitors", "actions", "checks",
        "arrivals", "max_connections", "max_lag", "seed", "max_body", "flows", "cookies",
    ]
    /// Used when the profile sets no `timeout`.
    static let defaultTimeout: Duration = .seconds(10)

    /// The profile path as given; every problem carries it.
    let file: String
    /// The profile's folder; `csv:` paths resolve from here.
    let baseDirectory: String
    private(set) var problems: [ProfileProblem] = []
    /// Every name under `data:`, valid or not (so a broken source is not also "unknown").
    var declaredSources: [String] = []
    /// The sources that passed validation, by name.
    var sources: [String: DataSourceSpec] = [:]
    /// Where each source's `pick:` (or `when_exhausted:`) was written, by source name, for the open-stage check.
    var pickValues: [String: YAMLValue] = [:]
    /// The CSV files read while checking `data:`, by resolved path: header templates are checked against their rows.
    var csvTables: [String: CSVTable] = [:]
    /// Where `${NAME}` in header values is looked up.
    let environment: [String: String]
    /// Reads the `csv:` sources.
    let files: any ProfileFiles
    /// Every `${NAME}` looked up so far, in order (repeats included).
    var environmentReads: [String] = []
    /// Every variable a `capture:` defines, found before templates are read (`capturedVariableNames`).
    var capturedVariables: [String] = []
    /// The key of every valid capture, where an error about it is reported.
    var captureKeys: [YAMLValue] = []
    /// The profile's `max_body`, which requests inherit.
    var profileMaxBodyBytes = RequestSpec.defaultMaxBodyBytes

    init(file: String, baseDirectory: String, environment: [String: String] = [:], files: any ProfileFiles) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.environment = environment
        self.files = files
    }

    mutating func report(_ value: YAMLValue, _ message: String) {
        report(line: value.line, column: value.column, keyPath: value.keyPath, message)
    }

    mutating func report(line: Int?, column: Int?, keyPath: String, _ message: String) {
        problems.append(ProfileProblem(file: file, line: line, column: column, keyPath: keyPath, message: message))
    }

    /// Builds the profile; nil when any problem was reported (they are in `problems`).
    mutating func decode(root: Node, sourceText: String, targetOverride: String?) -> Profile? {
        let rootValue = YAMLValue(node: root, keyPath: "")
        guard rootValue.kind == .map else {
            report(rootValue, ProfileMessage.profileNotMap(found: rootValue.kind))
            return nil
        }
        guard let top = map(rootValue, keys: Self.topLevelKeys, expected: ProfileMessage.expectProfile) else { return nil }
        let data = dataSources(top["data"])
        capturedVariables = Self.capturedVariableNames(in: [top["requests"]] + Self.flowStepLists(top["flows"]))
        if let value = top["max_body"], let bytes = maxBody(value) { profileMaxBodyBytes = bytes }
        let name = top["name"].flatMap { text($0, expected: ProfileMessage.expectName) } ?? defaultName
        let target = self.target(top, override: targetOverride)
        let timeout = top["timeout"].map { positiveDuration($0) } ?? Self.defaultTimeout
        let connectTimeout = top["connect_timeout"].map { positiveDuration($0) } ?? timeout
        let headers = top["headers"].map { self.headers($0) } ?? []
        let (requests, flows) = requestsOrFlows(top)
        let thinkTime = top["think_time"].map { self.thinkTime($0) } ?? ThinkTime.none
        let arrivals = top["arrivals"].map { arrivalProcess($0) } ?? .uniform
        let stages = required(top, "stages", example: ProfileMessage.exampleStages).map {
            self.stages($0, arrivals: arrivals ?? .uniform)
        }
        if !flows.isEmpty, let flowsValue = top["flows"], let stages {
            let open = stages.enumerated().filter { $0.element.isOpen }.map { $0.offset + 1 }
            if !open.isEmpty { report(flowsValue, ProfileMessage.flowsNeedClosedStages(open)) }
        }
        if let thinkTime, let stages { checkThinkTime(thinkTime, at: top["think_time"], stages: stages) }
        if let stages {
            checkPicks(data, stages: stages)
            checkCapturesHaveUsers(stages)
        }
        let maxConnections = top["max_connections"].map { self.maxConnections($0) }
        let maxLag = top["max_lag"].map { positiveDuration($0) }
        let seed = top["seed"].map { self.seed($0) }
        let http2 = top["http2"].map { bool($0) } ?? false
        let insecure = top["insecure"].map { bool($0) } ?? false
        let thresholds = top["thresholds"].map { self.thresholds($0, in: top) } ?? []
        let compareBudgets = top["compare"].map { self.compareBudgets($0, in: top) } ?? []
        let monitors = top["monitors"].map { self.monitors($0) } ?? (processes: [], commands: [])
        let actions = top["actions"].map { self.actions($0, stages: stages ?? nil) } ?? []
        let checks = top["checks"].map { self.checks($0, requests: requests ?? nil, monitors: MetricSubjects(monitors)) } ?? []
        guard problems.isEmpty, let target, let timeout, let connectTimeout, let requests, let thinkTime,
              let stages, let http2, let insecure else { return nil }
        var profile = Profile(
            name: name, target: target, timeout: timeout, connectTimeout: connectTimeout, headers: headers,
            data: data, requests: requests, thinkTime: thinkTime, stages: stages, http2: http2,
            insecure: insecure, sourceText: sourceText, sourcePath: file, baseDirectory: baseDirectory,
            thresholds: thresholds, compareBudgets: compareBudgets, monitors: monitors.processes,
            commandMonitors: monitors.commands, actions: actions, checks: checks
        )
        profile.maxConnections = (maxConnections ?? nil) ?? Profile.defaultMaxConnections
        profile.maxLagSetting = maxLag ?? nil
        profile.seed = seed ?? nil
        profile.flows = flows
        profile.environmentReads = environmentReads.reduce(into: []) { names, name in
            if !names.contains(name) { names.append(name) }
        }
        return profile
    }

    /// The request mix (`requests:`) or the flows (`flows:`) with the requests their steps send: exactly one of the
    /// two keys must be given. The requests are nil when missing or broken.
    private mutating func requestsOrFlows(_ top: YAMLMap) -> (requests: [RequestSpec]?, flows: [FlowSpec]) {
        guard let flowsValue = top["flows"] else {
            if let cookies = top["cookies"] { report(cookies, ProfileMessage.cookiesWithoutFlows) }
            return (required(top, "requests", example: ProfileMessage.exampleRequestsOrFlows).map { requests($0) }, [])
        }
        if let requestsValue = top["requests"] { report(requestsValue, ProfileMessage.requestsBesideFlows) }
        if let thinkTime = top["think_time"] { report(thinkTime, ProfileMessage.thinkTimeWithFlows) }
        let cookies = top["cookies"].map { bool($0) } ?? true
        let decoded = flows(flowsValue, cookies: cookies ?? true)
        return (decoded.flows.isEmpty ? nil : decoded.requests, decoded.flows)
    }

    /// The file name without folder and extension: the run's name when `name:` is absent.
    private var defaultName: String {
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fileName }
        return String(fileName[..<dot])
    }

    /// The profile's `target`, replaced by `--target` when given; both are checked.
    /// Without an override, `target` is required.
    private mutating func target(_ top: YAMLMap, override: String?) -> TargetURL? {
        var fromFile: TargetURL?
        let value = override == nil ? required(top, "target", example: ProfileMessage.exampleTarget) : top["target"]
        if let value, let text = text(value, expected: ProfileMessage.expectTarget) {
            switch TargetURLParser.parse(text) {
            case .success(let url): fromFile = url
            case .failure(let failure): report(value, ProfileMessage.target(failure))
            }
        }
        guard let override else { return fromFile }
        switch TargetURLParser.parse(override) {
        case .success(let url):
            return url
        case .failure(let failure):
            problems.append(ProfileProblem(file: ProfileMessage.targetOptionLocation, keyPath: "target",
                                           message: ProfileMessage.target(failure)))
            return nil
        }
    }
}
