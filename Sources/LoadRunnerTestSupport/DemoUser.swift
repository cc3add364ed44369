/// One row of the demo service's user table, as `/user/get/{id}` returns it.
public struct DemoUser: Sendable, Hashable {
    /// A lowercase UUID string (`8-4-4-4-12` hex digits), unique in the table.
    public var id: String
    /// The first name, one of `DemoUsers.firstNames`.
    public var firstName: String
    /// The last name, one of `DemoUsers.lastNames`.
    public var lastName: String
    /// The date of birth as `YYYY-MM-DD`.
    public var birthday: String
    /// The home city, one of `DemoUsers.cities`.
    public var city: String

    /// Creates a user from its fields.
    public init(id: String, firstName: String, lastName: String, birthday: String, city: String) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.birthday = birthday
        self.city = city
    }

    /// The user as a JSON object with snake_case keys:
    /// `{"id":…,"first_name":…,"last_name":…,"birthday":…,"city":…}`.
    public var json: String {
        // Interpolated directly: this runs once per row of every /user response.
        let q: (String) -> String = JSONText.quoted
        return #"{"id":\#(q(id)),"first_name":\#(q(firstName)),"last_name":\#(q(lastName)),"#
            + #""birthday":\#(q(birthday)),"city":\#(q(city))}"#
    }
}
