/// Builds the argument of `like $1 || '%'`: user text matched literally as a prefix.
enum LikePattern {
    /// Escapes `\`, `%` and `_` with a backslash (PostgreSQL's default `like` escape), so they match themselves.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            if character == "\\" || character == "%" || character == "_" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
