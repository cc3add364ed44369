/// Suggests the closest known word for a misspelt one ("spawn_rat" -> "spawn_rate").
///
/// Case, `_` and `-` are ignored when comparing, so `spawnRate` also finds `spawn_rate`.
package enum DidYouMean {
    /// The candidate closest to `word` by edit distance, or nil when none is close enough.
    ///
    /// Close enough means at most 1 edit for words of up to 3 characters, 2 up to 6, and 3 beyond.
    /// Ties go to the candidate listed first.
    package static func suggestion(for word: String, among candidates: [String]) -> String? {
        let folded = fold(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = min(
                editDistance(Array(word.lowercased()), Array(candidate.lowercased())),
                editDistance(Array(folded), Array(fold(candidate)))
            )
            guard distance <= allowedDistance(for: candidate) else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
    /// characters as 1 each (optimal string alignment), so `cvs` is 1 from `csv`.
    package static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    private static func allowedDistance(for candidate: String) -> Int {
        switch candidate.count {
        case ...3: 1
        case ...6: 2
        default: 3
        }
    }

    private static func fold(_ word: String) -> String {
        String(word.lowercased().filter { $0 != "_" && $0 != "-" })
    }
}
