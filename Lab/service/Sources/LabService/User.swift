import Foundation

/// A user as the API returns it: `id` in lowercase (as PostgreSQL prints a uuid), `birthday` as `YYYY-MM-DD`.
///
/// Missing values are encoded as JSON `null`, so every field is always present.
struct User: Encodable, Sendable, Equatable {
    var id: UUID
    var firstName: String
    var lastName: String
    var birthday: String?
    var biography: String?
    var city: String?

    private enum CodingKeys: String, CodingKey {
        case id, firstName = "first_name", lastName = "last_name", birthday, biography, city
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(birthday, forKey: .birthday)
        try container.encode(biography, forKey: .biography)
        try container.encode(city, forKey: .city)
    }
}
