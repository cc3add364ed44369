import Foundation

/// The validated body of `POST /template`: `{"name": "...", "body": "..."}`.
///
/// Lengths are counted in Unicode code points, as PostgreSQL's `char_length` counts them.
struct NewTemplate: Sendable, Equatable {
    var name: String
    /// The template text; `""` (the column default) when the request has none or `null`.
    var body: String

    static let nameLengths = 1...200
    static let maxBodyLength = 10_000
    /// Largest request body read, in bytes: room for the longest valid fields even with every character escaped.
    static let maxRequestBytes = 128 * 1024

    /// A request body that is not a valid template; the message lists every problem, from ``Messages``.
    struct Invalid: Error, Equatable {
        var message: String
    }

    /// Parses and validates a request body (UTF-8 JSON), reporting every problem at once.
    static func parse(_ data: Data) throws(Invalid) -> NewTemplate {
        guard !data.isEmpty else { throw Invalid(message: Messages.templateNoBody) }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw Invalid(message: Messages.templateNotJSON)
        }
        guard let fields = object as? [String: Any] else { throw Invalid(message: Messages.templateNotAnObject) }

        var problems: [String] = []
        var name = ""
        switch fields["name"] {
        case .none, is NSNull:
            problems.append(Messages.templateNameMissing(lengths: nameLengths))
        case let text as String:
            name = text
            let length = text.unicodeScalars.count
            if !nameLengths.contains(length) { problems.append(Messages.templateNameLength(length, lengths: nameLengths)) }
            if text.unicodeScalars.contains("\u{0}") { problems.append(Messages.templateNUL(field: "name")) }
        case .some:
            problems.append(Messages.templateNotAString(field: "name"))
        }
        var body = ""
        switch fields["body"] {
        case .none, is NSNull:
            break
        case let text as String:
            body = text
            let length = text.unicodeScalars.count
            if length > maxBodyLength { problems.append(Messages.templateBodyLength(length, max: maxBodyLength)) }
            if text.unicodeScalars.contains("\u{0}") { problems.append(Messages.templateNUL(field: "body")) }
        case .some:
            problems.append(Messages.templateNotAString(field: "body"))
        }
        guard problems.isEmpty else { throw Invalid(message: problems.joined(separator: "; ")) }
        return NewTemplate(name: name, body: body)
    }
}
