/// Every user-facing message of `lab-service`: HTTP error bodies, validation errors and log lines.
///
/// Keeping them in one place keeps the wording consistent and makes them easy to test.
enum Messages {
    // MARK: HTTP 400 / 404 / 503

    static func notAUUID(_ text: String) -> String {
        "\"\(text)\" is not a uuid; write it as 8-4-4-4-12 hex digits, e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    }

    static func userNotFound(_ id: String) -> String {
        "no user with id \(id)"
    }

    static func notATemplateID(_ text: String) -> String {
        "\"\(text)\" is not a template id; give the positive integer POST /template returned, e.g. /template/42"
    }

    /// 404 of `GET /template/{id}`: the node that answered has no such row (on a standby: perhaps not yet).
    static func templateNotFound(_ id: Int64) -> String {
        "no template with id \(id)"
    }

    static let searchNeedsAName =
        "give first_name or last_name (or both), e.g. /user/search?first_name=Jo&last_name=Sm"

    static func badNumber(_ text: String?, max: Int) -> String {
        "number \"\(text ?? "")\" must be an integer from 1 to \(max), e.g. /user/get-ids?number=100&random=true"
    }

    static func badRandom(_ text: String) -> String {
        "random \"\(text)\" must be true or false"
    }

    static func databaseUnavailable(_ node: DatabaseNode, _ reason: String) -> String {
        "database \(node.rawValue) unavailable: \(reason)"
    }

    static func databaseTimedOut(_ timeout: Duration) -> String {
        "\(noAnswer(within: timeout)) (node down or pool exhausted?)"
    }

    static func noAnswer(within timeout: Duration) -> String {
        "no answer within \(format(timeout))"
    }

    // MARK: POST /template 400

    static let templateNoBody = #"the request has no body; send JSON like {"name": "welcome", "body": "Hello"}"#

    static let templateNotJSON = #"the request body is not valid JSON; send {"name": "welcome", "body": "Hello"}"#

    static let templateNotAnObject =
        #"the request body must be a JSON object like {"name": "welcome", "body": "Hello"}"#

    static func templateTooLarge(maxBytes: Int) -> String {
        "the request body is larger than \(maxBytes) bytes; a template has a name of at most "
            + "\(NewTemplate.nameLengths.upperBound) and a body of at most \(NewTemplate.maxBodyLength) characters"
    }

    static func templateUnreadable(_ error: any Error) -> String {
        "cannot read the request body: \(error)"
    }

    static func templateNameMissing(lengths: ClosedRange<Int>) -> String {
        #""name" is missing; give a string of \#(lengths.lowerBound) to \#(lengths.upperBound) characters"#
    }

    static func templateNotAString(field: String) -> String {
        #""\#(field)" must be a JSON string, e.g. "\#(field)": "\#(field == "name" ? "welcome" : "Hello")""#
    }

    static func templateNameLength(_ length: Int, lengths: ClosedRange<Int>) -> String {
        #""name" has \#(length) characters; give \#(lengths.lowerBound) to \#(lengths.upperBound)"#
    }

    static func templateBodyLength(_ length: Int, max: Int) -> String {
        #""body" has \#(length) characters; at most \#(max) are allowed"#
    }

    static func templateNUL(field: String) -> String {
        #""\#(field)" contains a NUL character (\u0000), which PostgreSQL text cannot store"#
    }

    // MARK: POST /template 503

    /// No single primary: none answered as one, or more than one did (writes are refused rather than split).
    static func noWriter(_ topology: Topology?, after failure: String? = nil) -> String {
        let found: String
        if let topology, topology.primaries.count > 1 {
            found = "more than one node accepts writes ("
                + topology.primaries.map(\.rawValue).joined(separator: ", ")
                + "); refusing to write until only one does: \(topology)"
        } else if let topology {
            found = "no writable primary found: \(topology)"
        } else {
            found = "no writable primary found yet (no node has answered)"
        }
        return (failure.map { "\($0); " } ?? "") + found + "; nothing was written"
    }

    static func writeNotConfirmed(_ node: DatabaseNode, within timeout: Duration) -> String {
        "insert on \(node.rawValue) not confirmed within \(format(timeout)): outcome unknown, the row may exist "
            + "(its commit may be written locally and only waiting for synchronous standbys: it completes when they "
            + "answer, and the service does not cancel it); not retried"
    }

    static func writeConnectionLost(_ node: DatabaseNode, _ reason: String) -> String {
        "insert on \(node.rawValue) sent, then the connection failed before the commit was confirmed (\(reason)): "
            + "outcome unknown, the row may exist; not retried"
    }

    static func writeRejected(_ node: DatabaseNode, _ reason: String) -> String {
        "insert on \(node.rawValue) failed: \(reason); nothing was written"
    }

    static func writeNoConnection(_ node: DatabaseNode, within timeout: Duration) -> String {
        "no free connection to \(node.rawValue) within \(format(timeout)) (node overloaded or stuck?); nothing was written"
    }

    /// Why an insert was not sent, or was refused by a standby; the retry decides what follows.
    static func writeNotSent(_ node: DatabaseNode, _ why: WriteOutcome.NotWritten) -> String {
        switch why {
        case .readOnly(let reason): "\(node.rawValue) is a standby now (SQLSTATE 25006: \(reason))"
        case .cannotConnect(let reason): "cannot connect to \(node.rawValue) (\(reason))"
        case .writerMoved(let to?): "the primary moved from \(node.rawValue) to \(to.rawValue)"
        case .writerMoved(nil): "\(node.rawValue) stopped answering as the primary while the insert waited for a connection"
        case .rejected(let reason): "insert on \(node.rawValue) failed: \(reason)"
        case .noConnectionInTime: "no free connection to \(node.rawValue) in time"
        }
    }

    static func writeGaveUp(_ failure: String) -> String {
        "\(failure), after one retry; nothing was written"
    }

    // MARK: validation (exit 64)

    static func notLoopback(_ host: String) -> String {
        "--host \(host) is not a loopback address; lab-service only listens on 127.0.0.0/8, ::1 or localhost"
    }

    static func badAddress(option: String, _ text: String) -> String {
        "\(option) \"\(text)\" must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:25432"
    }

    static func topologyMissing(_ path: String) -> String {
        "--topology \(path) cannot be opened; write it with `Lab/lab env --json > FILE`"
    }

    static func topologyUnreadable(_ path: String, _ error: any Error) -> String {
        "--topology \(path) is not the JSON of `Lab/lab env --json`: \(error)"
    }

    static func topologyLacksNode(_ path: String, _ node: DatabaseNode) -> String {
        "--topology \(path) has no node named \(node.rawValue); write it with `Lab/lab env --json > FILE`"
    }

    static func badPort(_ port: Int) -> String {
        "--port \(port) must be from 0 (any free port) to 65535"
    }

    static func badQueryTimeout(_ milliseconds: Int) -> String {
        "--query-timeout-ms \(milliseconds) must be at least 1"
    }

    static func badPoolSize(_ size: Int) -> String {
        "--pool-size \(size) must be at least 1"
    }

    // MARK: log lines

    static func writeRetried(_ failure: String, on node: DatabaseNode) -> String {
        "\(failure); nothing was written, trying once more on \(node.rawValue)"
    }

    static func writeFailed(_ message: String) -> String {
        "POST /template: \(message)"
    }

    static func writerFound(_ writer: DatabaseNode, previous: DatabaseNode?, _ topology: Topology) -> String {
        "writes go to \(writer.rawValue) (before: \(previous?.rawValue ?? "none")); nodes: \(topology)"
    }

    static func noWriterFound(_ topology: Topology) -> String {
        "no single writable primary (\(topology)); writes get 503 until a discovery finds one"
    }

    static func started(_ configuration: ServiceConfiguration, port: Int) -> String {
        let nodes = DatabaseNode.allCases
            .map { "\($0.rawValue)=\(configuration.address(of: $0))" }
            .joined(separator: " ")
        return "lab-service listening on \(configuration.host):\(port), reads=\(configuration.readMode.rawValue), "
            + "\(nodes), user=\(configuration.user) db=\(configuration.database) pool=\(configuration.poolSize)/node"
    }

    static func portFileFailed(_ path: String, _ error: any Error) -> String {
        "cannot write --port-file \(path): \(error)"
    }

    static func databaseError(_ node: DatabaseNode, query: String, _ reason: String) -> String {
        "database error on \(node.rawValue) (\(query)): \(reason)"
    }

    /// `2s`, `1.5s`, `250ms`.
    static func format(_ duration: Duration) -> String {
        duration.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))
    }
}
