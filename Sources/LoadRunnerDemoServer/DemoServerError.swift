/// A failure that stops the demo server, with a message that says what to do; exits with code 1.
struct DemoServerError: Error, CustomStringConvertible {
    /// What went wrong and what to do about it.
    var description: String
}
