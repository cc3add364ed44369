import CCurl

/// The body and header bytes one transfer keeps for its requests' captures and assertions, in C buffers that
/// libcurl fills and that are reused request after request (a user's buffer grows to its largest kept body, at
/// most `max_body`). Only on its transfer's loop thread.
final class KeptResponse {
    let body: UnsafeMutablePointer<lr_body_buffer>
    let headers: UnsafeMutablePointer<lr_body_buffer>
    /// Header bytes kept at most; a longer header block is cut (its last lines cannot be asserted on).
    static let headerLimit = 64 * 1024

    init() {
        body = .allocate(capacity: 1)
        body.initialize(to: lr_body_buffer(bytes: nil, length: 0, capacity: 0, limit: 0, refused: 0, handle: nil))
        headers = .allocate(capacity: 1)
        headers.initialize(to: lr_body_buffer(bytes: nil, length: 0, capacity: 0, limit: Self.headerLimit, refused: 0, handle: nil))
    }

    deinit {
        lr_body_buffer_free(body)
        lr_body_buffer_free(headers)
        body.deallocate()
        headers.deallocate()
    }

    /// Empties both buffers for the next request, whose body may hold `maxBodyBytes`.
    func reset(maxBodyBytes: Int) {
        body.pointee.length = 0
        body.pointee.refused = 0
        body.pointee.limit = maxBodyBytes
        headers.pointee.length = 0
        headers.pointee.refused = 0
    }

    /// The kept body; valid until the next `reset`.
    var bodyBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: body.pointee.bytes, count: body.pointee.length)
    }

    /// Whether the body passed `max_body` (the transfer was stopped there).
    var bodyRefused: Bool { body.pointee.refused > 0 }

    /// The kept header lines as text.
    var headerText: String {
        String(decoding: UnsafeRawBufferPointer(start: headers.pointee.bytes, count: headers.pointee.length), as: UTF8.self)
    }
}
