import LoadRunnerModel
import LoadRunnerText

/// Messages about the options of `data:` sources (`max_bytes:` on a `fetch` source; `pick:`, `when_exhausted:`,
/// `zipf:`).
extension ProfileMessage {
    static let expectMaxBytes = "a size such as `512MB`, `1GiB` or a number of bytes"

    static func maxBytesOnlyForFetch(kind: String) -> String {
        "applies only to `fetch` sources, not to `\(kind)`; remove it"
    }

    static func maxBytesUnreadable(_ written: String) -> String {
        "\"\(written)\" is not a size; write a number of bytes or a number with KB, MB, GB (1000s) or KiB, MiB, GiB (1024s), e.g. \"512MB\""
    }

    static func maxBytesOutOfRange(_ written: String, bytes: Int) -> String {
        let largest = ByteSize.describe(DataSourceSpec.largestFetchMaxBytes)
        return bytes < 1
            ? "\"\(written)\" is no room at all; write a size of at least 1 byte, e.g. \"64MB\""
            : "\"\(written)\" is more than the largest allowed, \(largest); split the list or fetch a smaller one"
    }

    // MARK: Picking rows

    static let expectPick = "one of `random`, `sequential`, `unique` or `per_user`"
    static let expectWhenExhausted = "`end_stage` or `wrap`"
    static let expectZipf = "an exponent above 0, e.g. `1.1`"
    static let adviseZipf = "beyond it nearly every draw is the range's first value anyway"

    static func unknownPick(_ written: String) -> String {
        let hint = DidYouMean.suggestion(for: written, among: RowPick.names).map { "did you mean `\($0)`? " } ?? ""
        return "\"\(written)\" is not a way to pick rows; \(hint)write `random` (the default), `sequential` (in order), "
            + "`unique` (each row once) or `per_user` (one row per virtual user)"
    }

    static func unknownWhenExhausted(_ written: String) -> String {
        let names = RowPick.Exhaustion.allCases.map(\.rawValue)
        let hint = DidYouMean.suggestion(for: written, among: names).map { "did you mean `\($0)`? " } ?? ""
        return "\"\(written)\" is not what a unique source does when its rows are used up; \(hint)write `end_stage` "
            + "(the stage ends, the default) or `wrap` (start over)"
    }

    static func whenExhaustedNeedsUnique(pick: String) -> String {
        "applies only to `pick: unique`, and this source picks `\(pick)`; remove it or write `pick: unique`"
    }

    static func zipfNeedsRange(kind: String) -> String {
        "applies only to `range` sources, not to `\(kind)`; remove it, or use a range, e.g. `{ range: [1, 1000000], zipf: 1.1 }`"
    }

    static func zipfWithPick(_ pick: String) -> String {
        "draws values at random by Zipf's law and cannot pick `\(pick)`; remove `pick` or `zipf`"
    }

    static func zipfNotPositive(_ written: String) -> String {
        "\"\(written)\" is not an exponent above 0; write e.g. `zipf: 1.1` (1 is Zipf's law as found in word counts; "
            + "higher makes the first values hotter), or remove it for uniform values"
    }

    static func perUserWithOpenStage(stage: Int) -> String {
        "`per_user` gives each closed virtual user a row, but stage \(stage) is open (`rate:`), whose arrivals have no "
            + "user; write `pick: sequential` (arrival k takes row k mod rows), or make every stage closed"
    }

    static func uniqueEndsStageWithOpenStage(stage: Int) -> String {
        "`unique` ends the stage once every row was used (`when_exhausted: end_stage`, the default), but stage \(stage) "
            + "is open (`rate:`), whose arrivals are planned ahead and cannot stop early; write `when_exhausted: wrap` "
            + "(arrival k takes row k mod rows), or make every stage closed"
    }
}
