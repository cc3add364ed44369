import LoadRunnerModel
import Yams

/// Reads the `compare:` budgets back from a profile's text as kept in result.json, so `compare` uses the
/// budgets of the profile the candidate ran. The profile was validated before that run; entries that do
/// not parse (a hand-edited result) are skipped.
public enum ProfileCompareBudgets {
    public static func budgets(inProfileText text: String) -> [Budget] {
        guard let root = try? Yams.compose(yaml: text), let entries = root.mapping?["compare"]?.sequence else { return [] }
        return entries.compactMap { entry in
            guard let string = entry.string else { return nil }
            return try? Budget.parse(string).get()
        }
    }
}
