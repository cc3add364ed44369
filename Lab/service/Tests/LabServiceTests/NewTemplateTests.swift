import Foundation
import Testing

@testable import LabService

/// `NewTemplate.parse`: every bad body gives a 400 message naming the problem; good bodies keep their text.
@Suite struct NewTemplateTests {
    private func parse(_ json: String) -> Result<NewTemplate, NewTemplate.Invalid> {
        do throws(NewTemplate.Invalid) {
            return .success(try NewTemplate.parse(Data(json.utf8)))
        } catch {
            return .failure(error)
        }
    }

    private func message(_ json: String) -> String? {
        if case .failure(let invalid) = parse(json) { return invalid.message }
        return nil
    }

    @Test func nameAndBody() throws {
        #expect(try parse(#"{"name": "welcome", "body": "Hello"}"#).get() == NewTemplate(name: "welcome", body: "Hello"))
    }

    @Test func bodyMissingOrNullIsEmpty() throws {
        #expect(try parse(#"{"name": "a"}"#).get().body == "")
        #expect(try parse(#"{"name": "a", "body": null}"#).get().body == "")
    }

    @Test func otherKeysAreIgnored() throws {
        #expect(try parse(#"{"name": "a", "extra": 1}"#).get() == NewTemplate(name: "a", body: ""))
    }

    @Test(arguments: [
        ("", "the request has no body"),
        ("nope", "not valid JSON"),
        (#"["a"]"#, "must be a JSON object"),
        (#""a""#, "must be a JSON object"),
        ("{}", #""name" is missing"#),
        (#"{"name": null}"#, #""name" is missing"#),
        (#"{"name": ""}"#, #""name" has 0 characters; give 1 to 200"#),
        (#"{"name": 5}"#, #""name" must be a JSON string"#),
        (#"{"name": "a", "body": 5}"#, #""body" must be a JSON string"#),
        (#"{"name": "a\u0000"}"#, #""name" contains a NUL"#),
        (#"{"name": "a", "body": "\u0000"}"#, #""body" contains a NUL"#),
    ])
    func rejected(json: String, expected: String) {
        let text = message(json)
        #expect(text?.contains(expected) == true, "\(text ?? "accepted")")
    }

    @Test func everyProblemAtOnce() {
        let text = message(#"{"name": 1, "body": [2]}"#) ?? ""
        #expect(text.contains(#""name" must be"#) && text.contains(#""body" must be"#))
    }

    @Test func lengthsAreCodePoints() throws {
        let twoHundred = String(repeating: "é", count: 200)
        #expect(try parse(#"{"name": "\#(twoHundred)"}"#).get().name == twoHundred)
        #expect(message(#"{"name": "\#(twoHundred)e"}"#)?.contains("has 201 characters") == true)
        let body = String(repeating: "b", count: NewTemplate.maxBodyLength)
        #expect(try parse(#"{"name": "a", "body": "\#(body)"}"#).get().body.count == NewTemplate.maxBodyLength)
        #expect(message(#"{"name": "a", "body": "\#(body)b"}"#)?.contains("has 10001 characters") == true)
    }
}
