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
        "no answer within \(timeout.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))"
            + " (node down or pool exhausted?)"
    }

    // MARK: validation (exit 64)

    static func notLoopback(_ host: String) -> String {
        "--host \(host) is not a loopback address; lab-service only listens on 127.0.0.0/8, ::1 or localhost"
    }

    static func badAddress(option: String, _ text: String) -> String {
        "\(option) \"\(text)\" must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:25432"
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
}
