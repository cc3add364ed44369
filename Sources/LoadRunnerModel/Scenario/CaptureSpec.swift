/// A value a request takes from its response into a per-user variable (`capture: { id: "json:$.id" }`), usable as
/// `{{ id }}` in the templates of that user's later requests.
package struct CaptureSpec: Sendable, Equatable {
    /// The variable's name, as templates reference it.
    package var variable: String
    /// Where in the response the value is.
    package var source: ResponseValueSource
    /// The source as the profile wrote it (`json:$.id`), for messages and reports.
    package var text: String

    package init(variable: String, source: ResponseValueSource, text: String) {
        self.variable = variable
        self.source = source
        self.text = text
    }
}

/// Where in a response a captured or asserted value is found.
package enum ResponseValueSource: Sendable, Equatable {
    /// A value of the JSON body (`json:$.a.b`, `json:$.items[0]`, `json:$.items.length`).
    case json(JSONPath)
    /// A response header, by case-insensitive name (`header:Location`); the first one when repeated.
    case header(String)
    /// The first match of a regular expression on the body (`regex:id=(\d+)`): its first capture group, or the whole
    /// match when it has none.
    case regex(String)
}

/// The documented JSONPath subset: `$`, then member names and array indices (`$.a.b`, `$.a[0]`), optionally ending
/// in `length` (an array's element count or a string's length).
package struct JSONPath: Sendable, Equatable {
    package enum Component: Sendable, Equatable {
        /// An object member, `.name` (or `["name"]`).
        case member(String)
        /// An array element, `[0]`; negative counts from the end.
        case index(Int)
        /// The element count of an array (or characters of a string): `.length`, last only.
        case length
    }

    package var components: [Component]

    package init(components: [Component]) { self.components = components }
}
