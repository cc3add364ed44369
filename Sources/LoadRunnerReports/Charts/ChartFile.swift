/// One chart, ready to be written next to a report: its file name (`chart-latency.svg`), the title a report
/// shows with it, and the whole SVG text.
package struct ChartFile: Sendable, Equatable {
    /// A bare file name (no folder), ending in `.svg`.
    package var fileName: String
    /// What the chart shows, in a few words; used as the image's alt text and caption.
    package var title: String
    /// A complete, standalone SVG document (no XML declaration, so it can also be inlined in HTML).
    package var svg: String

    package init(fileName: String, title: String, svg: String) {
        self.fileName = fileName
        self.title = title
        self.svg = svg
    }
}
