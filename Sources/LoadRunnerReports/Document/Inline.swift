/// A run of text inside a block: plain, strong, code or a link; a block's text is a list of runs.
package enum Inline: Sendable, Equatable {
    case text(String)
    case strong(String)
    case code(String)
    /// Text that points at `target` (a file or URL); writers that cannot link show the text.
    case link(text: String, target: String)

    /// The run's text without markup.
    package var plainText: String {
        switch self {
        case .text(let text), .strong(let text), .code(let text), .link(let text, _): text
        }
    }
}

extension [Inline] {
    /// The runs' text without markup, joined.
    package var plainText: String { map(\.plainText).joined() }
}
