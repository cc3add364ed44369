/// The demo service's routes, answered from the in-memory user table.
extension RouteResponder {
    /// The most rows `/user/search` returns.
    static let searchLimit = 100

    /// `/user/get/{id}`: the user as JSON, 404 when unknown, 400 when `id` is not a UUID.
    func userGet(id: String) -> CannedResponse {
        guard DemoUsers.normalizedUUID(id) != nil else {
            return .text("user id \"\(id)\" is not a UUID", status: .badRequest)
        }
        guard let user = users.user(id: id) else {
            return .text("no user with id \(id)", status: .notFound)
        }
        return .json(user.json)
    }

    /// `/user/search?first_name=&last_name=`: prefix match on both names, ordered by id, at most
    /// `searchLimit` rows; 400 when neither name is given (an empty value counts as not given).
    func userSearch(rawQuery: String) -> CannedResponse {
        let query: QueryParameters
        do {
            query = try QueryParameters(parsing: rawQuery)
        } catch {
            return .text(error.message, status: .badRequest)
        }
        let first = query.nonEmpty("first_name")
        let last = query.nonEmpty("last_name")
        guard first != nil || last != nil else {
            return .text("give first_name, last_name or both, e.g. ?first_name=An&last_name=Ch", status: .badRequest)
        }
        let found = users.search(firstNamePrefix: first, lastNamePrefix: last, limit: Self.searchLimit)
        return .json(JSONText.array(found.map(\.json)))
    }

    /// `/user/get-ids?number=N&random=true`: a JSON array of N ids (capped at the table size), a random
    /// sample when `random` is `true` or `1`, else the first N in id order; 400 on a bad argument.
    func userGetIDs(rawQuery: String) -> CannedResponse {
        let query: QueryParameters
        do {
            query = try QueryParameters(parsing: rawQuery)
        } catch {
            return .text(error.message, status: .badRequest)
        }
        guard let number = query["number"].flatMap({ Int($0) }), number >= 0 else {
            return .text("number must be a non-negative whole number, e.g. ?number=100", status: .badRequest)
        }
        let random: Bool
        switch query["random"] {
        case nil, "false", "0": random = false
        case "true", "1": random = true
        case let other?: return .text("random must be true or false, not \"\(other)\"", status: .badRequest)
        }
        var generator = SystemRandomNumberGenerator()
        let ids = users.ids(count: number, random: random, using: &generator)
        return .json(JSONText.array(ids.map { JSONText.quoted($0) }))
    }
}
