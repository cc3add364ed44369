/// One row of the demo service's user table, as `/user/get/{id}` returns it.
package struct DemoUser: Sendable, Hashable {
    /// A lowercase UUID string (`8-4-4-4-12` hex digits), unique in the table.
    package var id: String
    /// The first name, one of `DemoUsers.firstNames`.
    package var firstName: String
    /// The last name, one of `DemoUsers.lastNames`.
    package var lastName: String
    /// The date of birth as `YYYY-MM-DD`.
    package var birthday: String
    /// The home city, one of `DemoUsers.cities`.
    package var city: String

    /// Creates a user from its fields.
    package init(id: String, firstName: String, lastName: String, birthday: String, city: String) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.birthday = birthday
        self.city = city
    }

    /// The user as a JSON object with snake_case keys:
    /// `{"id":…,"first_name":…,"last_name":…,"birthday":…,"city":…}`.
    package var json: String {
        // Interpolated directly: this runs once per row of every /user response.
        let q: (String) -> String = JSONText.quoted
        return #"{"id":\#(q(id)),"first_name":\#(q(firstName)),"last_name":\#(q(lastName)),"#
            + #""birthday":\#(q(birthday)),"city":\#(q(city))}"#
    }
}
