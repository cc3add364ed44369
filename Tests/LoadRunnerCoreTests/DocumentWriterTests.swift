import Foundation
@testable import LoadRunnerReports
import LoadRunnerText
import Testing

/// The three writers on one hand-made document with every kind of block: what each writes, escaping included.
@Suite struct DocumentWriterTests {
    static let document = ReportDocument(title: "A <b> & c", blocks: [
        .heading(1, "A | b"),
        .paragraph([.text("Target "), .code("x`y"), .text(" · "), .strong("bold <i>"), .text(" "),
                    .link(text: "docs", target: "docs/compare.md")]),
        .callout(Callout(.warning, title: "Warnings", items: [[.strong("too slow")], [.text("one\nline")]])),
        .table({
            var table = ReportTable(columns: [.init("Name"), .init("p95", .right)])
            table.append(cells: [[.text("a|b")], [.text("1.000")]])
            table.append(cells: [[.code("c|d")], [.strong("SATURATED")]])
            return table
        }()),
        .list([[.text("first")], [.text("second "), .code("2")]]),
        .figure(Figure(title: "p95 [ms]", fileName: "p95 (all).svg", svg: "<svg/>\n")),
        .code("name: ```x```", language: "yaml"),
    ])

    @Test func markdown() {
        #expect(MarkdownWriter.render(Self.document) == """
            # A \\| b

            Target ``x`y`` · **bold <i>** [docs](docs/compare.md)

            ## Warnings

            - **too slow**
            - one line

            | Name   |           p95 |
            | ------ | ------------: |
            | a\\|b   |         1.000 |
            | `c\\|d` | **SATURATED** |

            - first
            - second `2`

            ![p95 (ms)](<p95 (all).svg>)

            ````yaml
            name: ```x```
            ````

            """)
    }

    @Test func html() {
        let page = HTMLWriter.render(Self.document)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<title>A &lt;b&gt; &amp; c</title>"))
        #expect(page.contains("<body>\n<h1>A | b</h1>\n<p>Target <code>x`y</code> · <strong>bold &lt;i&gt;</strong> docs</p>\n"))
        #expect(page.contains("<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n<li><strong>too slow</strong></li>\n<li>one\nline</li>\n</ul>\n</section>\n"))
        #expect(page.contains("<tr><th>Name</th><th class=\"num\">p95</th></tr>"))
        #expect(page.contains("<tr><td><code>c|d</code></td><td class=\"num\"><strong>SATURATED</strong></td></tr>"))
        #expect(page.contains("<figure>\n<svg/>\n</figure>\n"))
        #expect(page.contains("<pre><code>name: ```x```</code></pre>\n</body>\n</html>\n"))
        #expect(!page.contains("href"))
    }

    @Test func console() {
        #expect(ConsoleWriter.render(Self.document) == """
            A | b
            Target x`y · bold <i> docs
            warning: too slow
            warning: one
            line
            Name        p95
            a|b       1.000
            c|d   SATURATED
            - first
            - second 2
            name: ```x```

            """)
    }
}
