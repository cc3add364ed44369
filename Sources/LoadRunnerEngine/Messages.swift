/// Every message the engine shows a person, in one place.
enum Messages {
    static func userCouldNotStart(_ error: EngineError) -> String {
        "a virtual user could not start: \(error.text); the run goes on with the others"
    }

    static func openFileLimit(needed: Int, limit: Int, users: Int) -> String {
        "\(users) users need about \(needed) open files, but this process may open only \(limit) "
            + "(hard limit); raise it (e.g. `ulimit -n \(needed)` as root) or run fewer users"
    }
}

extension EngineError {
    /// The message alone, for people.
    public var text: String {
        switch self {
        case .setup(let message), .dataSource(let message), .output(let message): message
        }
    }
}
