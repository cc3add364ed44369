/// Escaping for text placed in XML, SVG and HTML (elements and quoted attributes).
package enum XMLText {
    /// `text` safe inside an element or a quoted attribute: `& < > " '` escaped, and the control characters
    /// XML 1.0 forbids replaced by spaces.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                let forbidden = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                escaped.unicodeScalars.append(forbidden ? " " : scalar)
            }
        }
        return escaped
    }
}
