import Foundation

extension UTCTimestamp {
    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `+HH:MM` / `-HH:MM`
    /// (`t`, `z` and a space for `T` accepted too), kept to the microsecond; nil otherwise.
    package static func parseRFC3339(_ text: String) -> Date? {
        var chars = Array(text.trimmingCharacters(in: .whitespaces))
        guard chars.count >= 20 else { return nil }
        if chars[10] == "t" || chars[10] == " " { chars[10] = "T" }
        if chars.last == "z" { chars[chars.count - 1] = "Z" }
        if chars.last == "Z" { return parse(String(chars)) }
        let offset = chars.suffix(6)
        guard chars.count >= 25, let sign = offset.first, sign == "+" || sign == "-", offset.dropFirst(3).first == ":",
              let hours = Int(String(offset.dropFirst().prefix(2))), let minutes = Int(String(offset.suffix(2))),
              (offset.dropFirst().prefix(2) + offset.suffix(2)).allSatisfy({ $0.isASCII && $0.isNumber }), hours < 24, minutes < 60,
              let local = parse(String(chars.dropLast(6)) + "Z")
        else { return nil }
        let seconds = Double((hours * 60 + minutes) * 60)
        return local.addingTimeInterval(sign == "+" ? -seconds : seconds)
    }
}
