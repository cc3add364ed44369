import LoadRunnerModel

/// The **Charts**: a note, then one figure per chart (linked from Markdown, inline in HTML); nothing for no
/// charts. Serves the run report and the comparison.
enum ChartsSection {
    static func blocks(_ charts: [ChartFile], note: String? = nil) -> [Block] {
        guard !charts.isEmpty else { return [] }
        return [.heading(2, "Charts")] + (note.map { [.paragraph($0)] } ?? [])
            + charts.map { .figure(Figure(title: $0.title, fileName: $0.fileName, svg: $0.svg)) }
    }
}
