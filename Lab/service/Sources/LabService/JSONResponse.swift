import Foundation
import HTTPTypes
import Hummingbird

/// Builds JSON responses: a value encoded with `JSONEncoder`, or an error message as `{"error": "..."}`.
///
/// A response to a routed read also names the node that answered it in `X-Served-By` (``servedBy``).
enum JSONResponse {
    private static let contentType: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    /// The header that names the node a read ran on: `primary`, `replica1` or `replica2`.
    static let servedBy = HTTPField.Name("X-Served-By")!

    /// `value` as JSON with `status` (200 unless told), and `X-Served-By: node` when `node` is given.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, servedBy node: DatabaseNode? = nil) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        var headers = contentType
        if let node { headers[servedBy] = node.rawValue }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An error body `{"error": message}` with `status`, and `X-Served-By: node` when `node` is given.
    static func error(_ status: HTTPResponse.Status, _ message: String, servedBy node: DatabaseNode? = nil) -> Response {
        make(["error": message], status: status, servedBy: node)
    }
}
