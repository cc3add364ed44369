import LoadRunnerModel

/// The **Warnings** of a run (`ReportWarning`), first in the report and as `warning:` lines on the console;
/// nothing when there are none.
enum WarningsSection {
    static func blocks(_ result: RunResult) -> [Block] {
        let warnings = ReportWarning.warnings(for: result)
        guard !warnings.isEmpty else { return [] }
        return [.callout(Callout(.warning, title: "Warnings", items: warnings.map { [.strong($0.message)] }))]
    }
}
