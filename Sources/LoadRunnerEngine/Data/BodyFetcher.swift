import CCurl
import Foundation

/// Fetches one URL's whole body with libcurl on a thread of its own (so Swift's task pool is never
/// blocked) and decodes it there; used for `fetch` data sources before the run starts.
///
/// Sends the given header lines, refuses bodies above `maxBytes` (before downloading when the
/// Content-Length says so), and gives up within about a second once `stop` is requested.
struct BodyFetcher: Sendable {
    var settings: TransferSettings
    /// Header lines `Name: value` sent with the fetch (the profile's constant top-level headers).
    var headerLines: [String] = []
    var stop: StopSignal?

    /// The decoded body. `decode` sees the body in place; it is freed as soon as `decode` returns.
    func fetch<Value: Sendable>(
        url: String, sourceName: String, maxBytes: Int,
        decode: @escaping @Sendable (UnsafeBufferPointer<UInt8>) throws(EngineError) -> Value
    ) async throws(EngineError) -> Value {
        let result: Result<Value, EngineError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: perform(url: url, sourceName: sourceName, maxBytes: maxBytes, decode: decode))
            }
            thread.name = "fetch-\(sourceName)"
            thread.start()
        }
        return try result.get()
    }

    private func perform<Value>(
        url: String, sourceName: String, maxBytes: Int,
        decode: (UnsafeBufferPointer<UInt8>) throws(EngineError) -> Value
    ) -> Result<Value, EngineError> {
        guard let handle = curl_easy_init() else { return .failure(.setup(Messages.curlTransferUnavailable)) }
        defer { curl_easy_cleanup(handle) }
        // libcurl keeps the buffer's and the watch's addresses until the transfer ends: they must outlive the calls
        // that hand them over, which a Swift `&variable` (a temporary pointer) does not promise.
        let kept = UnsafeMutablePointer<lr_body_buffer>.allocate(capacity: 1)
        kept.initialize(to: lr_body_buffer(bytes: nil, length: 0, capacity: 0, limit: maxBytes, refused: 0, handle: nil))
        defer {
            lr_body_buffer_free(kept)
            kept.deallocate()
        }
        var code = CURLE_OK
        settings.apply(to: handle, code: &code)
        lr_easy_setopt_string(handle, CURLOPT_URL, url)
        lr_easy_capture_body(handle, kept)
        var headers: UnsafeMutablePointer<curl_slist>?
        if !headerLines.contains(where: { $0.lowercased().hasPrefix("accept:") }) {
            headers = curl_slist_append(headers, "Accept: application/json")
        }
        for line in headerLines { headers = curl_slist_append(headers, line) }
        defer { curl_slist_free_all(headers) }
        lr_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
        let stopContext = stop.map { Unmanaged.passUnretained($0).toOpaque() }
        let watch = UnsafeMutablePointer<lr_abort_watch>.allocate(capacity: 1)
        watch.initialize(to: lr_abort_watch(check: { context in
            guard let context else { return 0 }
            return Unmanaged<StopSignal>.fromOpaque(context).takeUnretainedValue().isRequested ? 1 : 0
        }, context: stopContext))
        defer { watch.deallocate() }
        if stopContext != nil { lr_easy_abort_when(handle, watch) }
        code = withExtendedLifetime(stop) { curl_easy_perform(handle) }
        var status = 0
        lr_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if stop?.isRequested == true {
            return .failure(.interrupted(Messages.fetchInterrupted(sourceName)))
        }
        if status != 0 && !(200..<300).contains(status) {
            return .failure(.dataSource(Messages.fetchStatus(sourceName, url: url, status: status)))
        }
        if kept.pointee.refused > 0 {
            // Refused at the first bytes because the Content-Length said so, or counted while arriving.
            let announced = kept.pointee.length == 0 && contentLength(handle) == kept.pointee.refused
            return .failure(.dataSource(Messages.fetchTooLarge(
                sourceName, url: url, limit: maxBytes, seen: kept.pointee.refused, announced: announced)))
        }
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            return .failure(.dataSource(Messages.fetchFailed(sourceName, url: url, reason: reason)))
        }
        let bytes = UnsafeRawPointer(kept.pointee.bytes)?.assumingMemoryBound(to: UInt8.self)
        let body = UnsafeBufferPointer(start: bytes, count: kept.pointee.length)
        do {
            return .success(try decode(body))
        } catch {
            return .failure(error)
        }
    }

    /// The Content-Length the server announced, or -1.
    private func contentLength(_ handle: UnsafeMutableRawPointer) -> Int {
        var length: curl_off_t = -1
        lr_easy_getinfo_off_t(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length)
        return Int(length)
    }
}
