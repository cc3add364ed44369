import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import LabService

/// The lab service built on a ``ThrowawayPostgres`` as its node `primary`; `replica1` and `replica2` are
/// ports where nothing listens (connection refused), so the one server is the one writer.
enum LabServiceFixture {
    /// The configuration `lab-service ARGUMENTS` would run with, the nodes pointed as above.
    static func configuration(primaryPort: Int, _ arguments: [String] = []) throws -> ServiceConfiguration {
        let nodes = ["--primary", "127.0.0.1:\(primaryPort)",
                     "--replica1", "127.0.0.1:\(try ThrowawayPostgres.freePort())",
                     "--replica2", "127.0.0.1:\(try ThrowawayPostgres.freePort())"]
        return try ServiceConfiguration.resolve(options: ServiceOptions.parse(nodes + arguments), environment: [:])
    }

    /// Runs `body` with a client of the service's router (its pools run as the application's services).
    static func withRoutes<T: Sendable>(
        primaryPort: Int, _ arguments: [String] = [], _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let app = LabServer(configuration: try configuration(primaryPort: primaryPort, arguments)).makeApplication()
        return try await app.test(.router, body)
    }
}

/// A response read as what the service sends: a status, a JSON body and the node it names in `X-Served-By`.
struct JSONReply: Sendable {
    var status: HTTPResponse.Status
    var text: String
    /// The `X-Served-By` header: the node a routed read ran on; `nil` when absent.
    var servedBy: String? = nil

    /// The body parsed as JSON (`[String: Any]`, `[Any]`, ...).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [Any] { json as? [Any] ?? [] }
    /// The `error` field of an error body.
    var error: String { object["error"] as? String ?? "" }
}

extension TestClientProtocol {
    /// `GET uri`.
    func get(_ uri: String) async throws -> JSONReply {
        try await execute(uri: uri, method: .get) {
            JSONReply(status: $0.status, text: String(buffer: $0.body), servedBy: $0.headers[JSONResponse.servedBy])
        }
    }

    /// `POST /template` with `body` as it is (not necessarily JSON).
    func postTemplate(_ body: String) async throws -> JSONReply {
        try await execute(uri: "/template", method: .post, headers: [.contentType: "application/json"],
                          body: ByteBuffer(string: body)) { JSONReply(status: $0.status, text: String(buffer: $0.body)) }
    }

    /// `GET /metrics`: routed reads and acknowledged writes per node, and the writer.
    func metrics() async throws -> [String: Any] { try await get("/metrics").object }
}
