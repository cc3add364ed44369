extension DemoUsers {
    /// Up to `limit` distinct (first name, last name) pairs that exist in the table, in id order of
    /// their first occurrence; fewer when the table has fewer distinct pairs.
    package func namePairs(limit: Int) -> [(firstName: String, lastName: String)] {
        var seen = Set<String>()
        var pairs: [(firstName: String, lastName: String)] = []
        for user in users where pairs.count < limit {
            // A NUL cannot occur in a name, so it separates the two halves of the key unambiguously.
            if seen.insert(user.firstName + "\u{0}" + user.lastName).inserted {
                pairs.append((user.firstName, user.lastName))
            }
        }
        return pairs
    }

    /// A CSV file with the header `first_name,last_name` and up to `rows` distinct name pairs from
    /// `namePairs(limit:)`, one per line, each line ending in `\n`; fields are quoted when needed.
    package func namesCSV(rows: Int = 500) -> String {
        var text = "first_name,last_name\n"
        for pair in namePairs(limit: rows) {
            text += Self.csvField(pair.firstName) + "," + Self.csvField(pair.lastName) + "\n"
        }
        return text
    }

    /// Quotes a CSV field (RFC 4180) when it contains a comma, a quote or a line break.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
