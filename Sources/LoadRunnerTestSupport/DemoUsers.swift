/// The demo service's in-memory user table: `count` users generated from a fixed seed, so every run on
/// every machine sees the same ids and names.
///
/// Users are kept ordered by id, like the study's `order by id`. Lookups by id are O(1); a search scans
/// the table once and stops at its limit.
package struct DemoUsers: Sendable {
    /// The seed used when none is given; changing it changes every id.
    package static let defaultSeed: UInt64 = 0x4C6F_6164_5275_6E72

    /// Every user, ordered by id.
    package let users: [DemoUser]
    private let positionByID: [String: Int]
    private let firstNameIndices: [Int]
    private let lastNameIndices: [Int]

    /// Builds a table of `count` users (0 when `count` is negative) from `seed`.
    package init(count: Int, seed: UInt64 = DemoUsers.defaultSeed) {
        var generator = SplitMix64(seed: seed)
        var rows: [(user: DemoUser, first: Int, last: Int)] = []
        var seen = Set<String>()
        rows.reserveCapacity(max(0, count))
        // Birthdays fall between 1950-01-01 and 2005-12-31 (days since 1970-01-01).
        let firstBirthday = -7305
        let birthdaySpan = 13148 - firstBirthday + 1
        while rows.count < count {
            let id = Self.uuidString(generator.next(), generator.next())
            let first = generator.bounded(Self.firstNames.count)
            let last = generator.bounded(Self.lastNames.count)
            let birthday = CivilDate(daysSinceEpoch: firstBirthday + generator.bounded(birthdaySpan))
            let city = Self.cities[generator.bounded(Self.cities.count)]
            guard seen.insert(id).inserted else { continue }
            let user = DemoUser(
                id: id, firstName: Self.firstNames[first], lastName: Self.lastNames[last],
                birthday: birthday.isoString, city: city)
            rows.append((user, first, last))
        }
        rows.sort { $0.user.id < $1.user.id }
        self.users = rows.map(\.user)
        self.firstNameIndices = rows.map(\.first)
        self.lastNameIndices = rows.map(\.last)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(rows.count)
        for (position, row) in rows.enumerated() {
            positions[row.user.id] = position
        }
        self.positionByID = positions
    }

    /// The number of users in the table.
    package var count: Int { users.count }

    /// The user with `id` (any letter case), or nil when there is none or `id` is not a UUID.
    package func user(id: String) -> DemoUser? {
        guard let normalized = Self.normalizedUUID(id), let position = positionByID[normalized] else {
            return nil
        }
        return users[position]
    }

    /// Users whose first name starts with `firstNamePrefix` and whose last name starts with
    /// `lastNamePrefix` (case-sensitive, like SQL `like 'x%'`), ordered by id, at most `limit`.
    ///
    /// A nil or empty prefix matches every name.
    package func search(firstNamePrefix: String?, lastNamePrefix: String?, limit: Int = 100) -> [DemoUser] {
        // Names come from two short lists, so decide once per list entry instead of once per user.
        let firstMatches = Self.firstNames.map { $0.hasPrefix(firstNamePrefix ?? "") }
        let lastMatches = Self.lastNames.map { $0.hasPrefix(lastNamePrefix ?? "") }
        var found: [DemoUser] = []
        for position in users.indices where found.count < limit {
            if firstMatches[firstNameIndices[position]] && lastMatches[lastNameIndices[position]] {
                found.append(users[position])
            }
        }
        return found
    }

    /// The first `count` ids in id order, or a random sample of `count` distinct ids drawn with
    /// `generator` when `random` is true; `count` is clamped to `0...self.count`.
    package func ids(count: Int, random: Bool, using generator: inout some RandomNumberGenerator) -> [String] {
        let wanted = min(max(0, count), users.count)
        guard random else { return users.prefix(wanted).map(\.id) }
        // Floyd's algorithm: `wanted` distinct positions without shuffling the whole table.
        var chosen = Set<Int>()
        var order: [Int] = []
        order.reserveCapacity(wanted)
        for upper in (users.count - wanted)..<users.count {
            let candidate = Int.random(in: 0...upper, using: &generator)
            let position = chosen.contains(candidate) ? upper : candidate
            chosen.insert(position)
            order.append(position)
        }
        return order.map { users[$0].id }
    }

    /// The lowercase form of `text` when it is a UUID in `8-4-4-4-12` hex form, else nil.
    package static func normalizedUUID(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        for (offset, byte) in utf8.enumerated() {
            let isDashPosition = offset == 8 || offset == 13 || offset == 18 || offset == 23
            let isHex = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
            guard isDashPosition ? byte == UInt8(ascii: "-") : isHex else { return nil }
        }
        return text.lowercased()
    }

    /// Formats 128 random bits as a version-4 UUID string.
    private static func uuidString(_ high: UInt64, _ low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000  // version 4
        let low = (low & ~(0xC << 60)) | (0x8 << 60)  // RFC 4122 variant
        let hex = hex16(high) + hex16(low)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            let start = hex.index(hex.startIndex, offsetBy: range.lowerBound)
            let end = hex.index(hex.startIndex, offsetBy: range.upperBound)
            return String(hex[start..<end])
        }
        return parts.joined(separator: "-")
    }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
