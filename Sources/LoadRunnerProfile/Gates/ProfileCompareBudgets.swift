import LoadRunnerModel
import Yams

/// The `compare:` budgets of the profile a candidate ran, so `compare` uses them when the command line
/// names none: stored as data in a schema 2 result (validated before the run), read back from the profile's
/// text in a schema 1 result, where entries that do not parse (a hand-edited result) are skipped.
package enum ProfileCompareBudgets {
    package static func budgets(of result: RunResult) -> [Budget] {
        result.compareBudgets ?? budgets(inProfileText: result.provenance.profileText)
    }

    package static func budgets(inProfileText text: String) -> [Budget] {
        guard let root = try? Yams.compose(yaml: text), let entries = root.mapping?["compare"]?.sequence else { return [] }
        return entries.compactMap { entry in
            guard let string = entry.string else { return nil }
            return try? Budget.parse(string).get()
        }
    }
}
