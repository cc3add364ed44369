import LoadRunnerModel

/// Messages about the options of `data:` sources (`max_bytes:` on a `fetch` source).
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
}
