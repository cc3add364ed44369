import Foundation
import Hummingbird

/// Builds JSON responses: a value encoded with `JSONEncoder`, or an error message as `{"error": "..."}`.
enum JSONResponse {
    private static let contentType: HTTPFields = [.contentType: "application/json; charset=utf-8"]

    /// `value` as JSON with `status` (200 unless told).
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return Response(status: status, headers: contentType, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An error body `{"error": message}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        make(["error": message], status: status)
    }
}
