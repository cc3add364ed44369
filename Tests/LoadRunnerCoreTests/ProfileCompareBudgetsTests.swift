import LoadRunnerModel
import LoadRunnerProfile
import Testing

/// `compare` reads the budgets back from the candidate's profile text kept in result.json.
@Suite struct ProfileCompareBudgetsTests {
    @Test func budgetsComeFromTheProfilesCompareSection() {
        let text = """
            name: x
            compare:
              - "p95 > +10% and +2ms"
              - "rps < -5%"
            stages: []
            """
        let budgets = ProfileCompareBudgets.budgets(inProfileText: text)
        #expect(budgets.map(\.metric) == [MetricID(.total, .percentile(95)), MetricID(.total, .rps)])
        #expect(budgets[0].relative == 0.10 && budgets[0].absolute == 2_000)
        #expect(budgets[1].relative == 0.05)
    }

    @Test(arguments: ["name: no compare section", "compare: [\"not a budget\"]", "{ broken yaml", ""])
    func noUsableSectionGivesNoBudgets(text: String) {
        #expect(ProfileCompareBudgets.budgets(inProfileText: text).isEmpty)
    }
}
