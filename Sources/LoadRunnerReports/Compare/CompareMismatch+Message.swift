import LoadRunnerAnalysis

extension CompareMismatch {
    /// One sentence saying what does not match and what it means for the comparison.
    package var message: String { CompareMessages.mismatch(self) }
}

extension CompareCaveat {
    /// One sentence for people.
    package var message: String { CompareMessages.caveat(self) }
}
