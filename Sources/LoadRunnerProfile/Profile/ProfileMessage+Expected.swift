/// What a key expects, as noun phrases for "must be ..., not a list" and "is empty; write ...",
/// and examples for "is missing; add it, e.g. ...".
extension ProfileMessage {
    static let expectProfile = "a map of keys such as `name`, `target`, `requests` and `stages`"
    static let expectName = "the run's name, e.g. `user get + search`"
    static let expectTarget = "a URL such as `http://127.0.0.1:8085`"
    static let expectBool = "true or false"
    static let expectDuration = "a duration such as `10s`, `1m30s` or `500ms`"
    static let expectHeaders = "a map of header names to values, e.g. `{ Accept: application/json }`"
    static let expectHeaderValue = "a header value (one line of text)"

    static let expectDataMap = "a map of source names to sources, e.g. `names: { csv: data/names.csv }`"
    static let expectSource = "a map with one of fetch, csv, range or values, e.g. `{ csv: data/names.csv }`"
    static let expectFetchPath = "a path on the target, e.g. `/user/get-ids`"
    static let expectCSVPath = "a CSV file path relative to the profile, e.g. `data/names.csv`"
    static let expectRange = "two whole numbers [low, high], e.g. `[1, 1000000]`"
    static let expectRangeBound = "a whole number"
    static let expectValues = "a list of values, e.g. `[a, b, c]`"
    static let expectValue = "a single value (text or a number)"

    static let expectRequests = "a list of requests, e.g. `- { name: home, path: / }`"
    static let expectRequest = "a map with at least `name` and `path`, e.g. `{ name: home, path: / }`"
    static let expectRequestName = "a name for the statistics, e.g. `user/get`"
    static let expectMethod = "an HTTP method such as `POST`"
    static let expectPath = "a path starting with \"/\", e.g. `/user/get/{{ ids }}`"
    static let expectQuery = "a map of parameter names to values, e.g. `{ q: \"{{ names.first_name }}\" }`"
    static let expectQueryValue = "a single value (text or a number)"
    static let expectBody = "text; for JSON, write `body: |` and the JSON indented on the lines below"
    static let expectWeight = "a whole number, 1 or more"
    static let expectStatus = "a status code such as `200`, a range such as `\"200-299\"`, or a list of them"

    static let expectThinkTime =
        "a duration such as `1s`, or one of `{ constant: 1s }`, `{ between: [1s, 3s] }`, `{ pacing: 1s }`"
    static let expectBetween = "two durations [min, max], e.g. `[1s, 3s]`"
    static let expectStages = "a list of stages, e.g. `- { users: 10, duration: 1m }`"
    static let expectStage = "a map like `{ users: 10, spawn_rate: 10, duration: 1m, warmup: 10s }`"
    static let expectUsers = "a whole number of users, 0 or more"
    static let expectSpawnRate = "a number of users per second above 0, e.g. `10`"

    static let exampleTarget = "`target: http://127.0.0.1:8085`"
    static let exampleRequests = "`requests: [{ name: home, path: / }]`"
    static let exampleStages = "`stages: [{ users: 10, duration: 1m }]`"
    static let exampleRequestName = "`name: user/get`"
    static let examplePath = "`path: /user/get/{{ ids }}`"
    static let exampleUsers = "`users: 10`"
}
