import LoadRunnerAnalysis

extension CompareMismatch {
    /// One sentence saying what does not match and what it means for the comparison.
    public var message: String { CompareMessages.mismatch(self) }
}

extension CompareCaveat {
    /// One sentence for people.
    public var message: String { CompareMessages.caveat(self) }
}
