/// Turns a command monitor's output into a value: the first word of its first non-empty line must be a
/// number (`1234`, `0.5`, `1234 bytes`); the rest is ignored, so `wc -l`-style output works.
package enum CommandMonitorReading {
    package static func value(stdout: String) -> (value: Double?, problem: String?) {
        guard let line = stdout.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return (nil, "no output")
        }
        let word = line.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        guard let value = CheckValue.number(parsing: word) else {
            return (nil, "\"\(word.prefix(40))\" is not a number")
        }
        return (value, nil)
    }
}
