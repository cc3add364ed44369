import LoadRunnerModel

/// The **Profile** as the run read it, in a YAML code block.
enum ProfileSection {
    static func blocks(_ result: RunResult) -> [Block] {
        [.heading(2, "Profile"), .code(result.provenance.profileText, language: "yaml")]
    }
}
