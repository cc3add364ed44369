/// Lets `[FailureCategory: UInt64]` encode as a JSON object keyed by category (`{"http_status": 3}`) instead of
/// Swift's default for non-String keys, an array of alternating keys and values in hash order, which made
/// `result.json` differ from one process to the next.
extension FailureCategory: CodingKeyRepresentable {}
