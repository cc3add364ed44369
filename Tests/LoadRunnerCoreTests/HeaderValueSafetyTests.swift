import Foundation
import LoadRunnerEngine
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `HeaderValueSafety` and the profile checks built on it: a header value that holds CR, LF or NUL,
/// whether written, filled from `${NAME}` or taken from a CSV / `values:` row, is a profile problem.
@Suite("Header value safety")
struct HeaderValueSafetyTests {
    @Test(arguments: [
        ("a\r\nX-Smuggled: b", true),
        ("\r\n", true),
        ("lone\rcr", true),
        ("lone\nlf", true),
        ("nul\u{0}byte", true),
        ("ends with lf\n", true),
        ("", false),
        ("Bearer abc.DEF-123_~+/=", false),
        ("héllo wörld ✓ 日本語 🚀", false),
        ("tab\tand space", false),
    ])
    func findsCRLFAndNULBytes(text: String, unsafe: Bool) {
        #expect(HeaderValueSafety.hasLineBreakOrNUL(text) == unsafe)
    }

    @Test func crlfIsOneCharacterButTwoBytes() {
        let value = "a\r\nX: b"
        // The check that let CRLF through: as a Character, "\r\n" equals neither "\r" nor "\n".
        #expect(!value.contains(where: { $0 == "\n" || $0 == "\r" }))
        #expect(HeaderValueSafety.hasLineBreakOrNUL(value))
        #expect(HeaderValueSafety.hasLineBreakOrNUL(Substring(value).description))
    }

    @Test func firstUnsafeRowLooksOnlyAtReferencedColumns() throws {
        let columns = ["id", "name", "note"]
        let rows = [["1", "ann", "line\r\nbreak"], ["2", "bo\nb", "ok"], ["3", "cy", "ok"]]
        let byName = try TemplateParser.parse("user {{ u.name }}").get()
        #expect(HeaderValueSafety.firstUnsafeRow(in: byName, source: "u", columns: columns, rows: rows)
            == HeaderValueSafety.UnsafeRow(column: "name", rowIndex: 1))
        let byID = try TemplateParser.parse("{{ u.id }}").get()
        #expect(HeaderValueSafety.firstUnsafeRow(in: byID, source: "u", columns: columns, rows: rows) == nil)
        let firstColumn = try TemplateParser.parse("{{ u }}").get()
        #expect(HeaderValueSafety.firstUnsafeRow(in: firstColumn, source: "u", columns: [""], rows: [["ok"], ["x\u{0}"]])
            == HeaderValueSafety.UnsafeRow(column: nil, rowIndex: 1))
        let otherSource = try TemplateParser.parse("{{ v.note }}").get()
        #expect(HeaderValueSafety.firstUnsafeRow(in: otherSource, source: "u", columns: columns, rows: rows) == nil)
    }

    // MARK: Profile checks

    static func profile(_ extra: String, requestHeaders: String = "") -> String {
        """
        target: http://127.0.0.1:8085
        requests:
          - { name: a, path: "/u/{{ users.note }}"\(requestHeaders) }
        stages:
          - { users: 1, duration: 1s }
        data:
          users: { csv: users.csv }
        \(extra)
        """
    }

    static let csv = "id,note\n1,plain\n\"2\",\"two\r\nX-Smuggled: yes\"\n3,ok\n"

    static func load(_ yaml: String, environment: [String: String] = [:]) throws -> Profile {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-hvs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try csv.write(to: folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        return try ProfileLoader(environment: environment, files: DiskFiles()).load(text: yaml, path: "p.yaml", baseDirectory: folder.path)
    }

    static func problems(_ yaml: String, environment: [String: String] = [:]) throws -> [ProfileProblem] {
        try #require(throws: ProfileProblems.self) { try load(yaml, environment: environment) }.problems
    }

    @Test func aCSVValueWithCRLFMayGoInAPathButNotInAHeader() throws {
        // In the path the value is percent-encoded, so it is fine.
        #expect(try Self.load(Self.profile("")).data.count == 1)
        let problems = try Self.problems(Self.profile("", requestHeaders: #", headers: { X-Note: "n={{ users.note }}" }"#))
        #expect(problems.map(\.keyPath) == ["requests[0].headers.X-Note"])
        #expect(problems.map(\.line) == [3])
        let message = try #require(problems.first?.message)
        #expect(message.hasPrefix("sends `{{ users.note }}`, but data.users at "))
        #expect(message.contains("users.csv line 3, column \"note\" holds a line break (CR/LF) or NUL"))
        #expect(!message.contains("Smuggled"))
    }

    @Test func aValuesItemWithLFInAProfileHeaderIsReported() throws {
        let yaml = Self.profile("""
              tokens: { values: [good, "bad\\nX-Smuggled: 1"] }
            headers:
              X-Token: "{{ tokens }}"
            """)
        let problems = try Self.problems(yaml)
        #expect(problems.map(\.keyPath) == ["headers.X-Token"])
        #expect(problems.first?.message.contains("data.tokens at item 2 holds a line break") == true)
    }

    @Test func aLiteralHeaderValueWithCRLFIsReported() throws {
        let problems = try Self.problems(Self.profile(#"headers: { X-A: "a\r\nX-Smuggled: b" }"#))
        #expect(problems.map(\.keyPath) == ["headers.X-A"])
        #expect(problems.map(\.message) == [ProfileMessage.headerValueHasLineBreak])
    }

    @Test(arguments: ["s3\r\nX-Smuggled: 1", "s3\rcret", "s3\ncret", "s3\u{0}cret"])
    func anEnvironmentValueWithCRLFOrNULNamesTheVariableNotTheValue(secret: String) throws {
        let yaml = Self.profile(#"headers: { Authorization: "Bearer ${PLAIN}${TOKEN}" }"#)
        let problems = try Self.problems(yaml, environment: ["PLAIN": "x", "TOKEN": secret])
        #expect(problems.map(\.keyPath) == ["headers.Authorization"])
        let message = try #require(problems.first?.message)
        #expect(message.hasPrefix("uses ${TOKEN}, whose value holds a line break (CR/LF) or NUL"))
        #expect(!message.contains("s3"))
        #expect(!message.contains("PLAIN"))
    }

    @Test func aCleanEnvironmentValueStillLoads() throws {
        let yaml = Self.profile(#"headers: { Authorization: "Bearer ${TOKEN}" }"#)
        let profile = try Self.load(yaml, environment: ["TOKEN": "s3cret-ü"])
        #expect(profile.headers.map(\.value) == [.literal("Bearer s3cret-ü")])
    }
}

/// Literal text on the request line (path, query values) may not hold CR, LF or NUL either; data values
/// there are percent-encoded, so they may.
@Suite("Request line safety")
struct RequestLineSafetyTests {
    static func problems(path: String, query: String = "") throws -> [ProfileProblem] {
        let yaml = """
            target: http://127.0.0.1:8085
            requests:
              - { name: a, path: "\(path)"\(query) }
            stages:
              - { users: 1, duration: 1s }
            data:
              ids: { values: ["a\\r\\nb"] }
            """
        do {
            _ = try ProfileLoader(environment: [:], files: DiskFiles()).load(text: yaml, path: "p.yaml", baseDirectory: ".")
            return []
        } catch let problems as ProfileProblems {
            return problems.problems
        }
    }

    @Test(arguments: [#"/a\r\nb"#, #"/a\nb"#, #"/a\0b"#])
    func aPathWithALineBreakOrNULIsReported(path: String) throws {
        let problems = try Self.problems(path: path)
        #expect(problems.map(\.keyPath) == ["requests[0].path"])
        #expect(problems.map(\.message) == [ProfileMessage.requestLineHasLineBreak])
    }

    @Test func aQueryValueWithALineBreakIsReported() throws {
        let problems = try Self.problems(path: "/ok", query: #", query: { q: "x\r\nHost: evil" }"#)
        #expect(problems.map(\.keyPath) == ["requests[0].query.q"])
        #expect(problems.map(\.message) == [ProfileMessage.requestLineHasLineBreak])
    }

    @Test func dataValuesOnTheRequestLineAreFine() throws {
        #expect(try Self.problems(path: "/u/{{ ids }}", query: #", query: { q: "{{ ids }}" }"#).isEmpty)
    }
}
