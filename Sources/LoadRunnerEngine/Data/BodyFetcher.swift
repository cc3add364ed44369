import CCurl
import Foundation
import LoadRunnerCore

/// Fetches one URL's whole body with libcurl on a thread of its own (so Swift's task pool is never
/// blocked); used for `fetch` data sources before the run starts.
struct BodyFetcher: Sendable {
    var settings: TransferSettings
    /// Bodies larger than this fail the fetch rather than exhausting memory.
    var maxBytes = 256 << 20

    func fetch(url: String, sourceName: String) async throws(EngineError) -> [UInt8] {
        let result: Result<[UInt8], EngineError> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: perform(url: url, sourceName: sourceName)) }
            thread.name = "fetch-\(sourceName)"
            thread.start()
        }
        return try result.get()
    }

    private func perform(url: String, sourceName: String) -> Result<[UInt8], EngineError> {
        guard let handle = curl_easy_init() else { return .failure(.setup("libcurl could not create a transfer")) }
        defer { curl_easy_cleanup(handle) }
        var buffer = lr_body_buffer(bytes: nil, length: 0, capacity: 0, limit: maxBytes)
        defer { lr_body_buffer_free(&buffer) }
        var code = CURLE_OK
        settings.apply(to: handle, code: &code)
        lr_easy_setopt_string(handle, CURLOPT_URL, url)
        lr_easy_capture_body(handle, &buffer)
        let header = curl_slist_append(nil, "Accept: application/json")
        defer { curl_slist_free_all(header) }
        lr_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(header))
        code = curl_easy_perform(handle)
        var status = 0
        lr_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let where_ = "data.\(sourceName): fetching \(url)"
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            return .failure(.dataSource("\(where_) failed (\(reason)); is the service up and the path right?"))
        }
        guard (200..<300).contains(status) else {
            return .failure(.dataSource("\(where_) answered HTTP \(status); the source needs a 2xx answer with a JSON array"))
        }
        let bytes = buffer.bytes.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: buffer.length)) } ?? []
        return .success(bytes)
    }
}
