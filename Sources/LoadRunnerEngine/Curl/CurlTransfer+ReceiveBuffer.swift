import CCurl

/// The size of the buffer libcurl reads a response into, one per easy handle for its whole life (libcurl 7.88
/// allocates it at the first transfer and refuses a new size after that).
///
/// libcurl's default is 16 KiB; of it, only the pages a read touches count in RSS, which for a small response
/// is one or two, about 4-8 KB per user: with 10,000 closed users, some 44 MB (measured: 4.4 KB per user at 3,000
/// users). `.small` (1 KiB, libcurl's least) shares pages with its neighbours instead. A large body read 1 KiB at a
/// time costs about four times the CPU per byte (a `recv` and a write callback per KiB), so a transfer moves to
/// `.standard` as soon as one body reaches `ReceiveBuffer.growthBodyBytes` (`CurlTransfer.fitReceiveBuffer()`).
enum ReceiveBuffer: Sendable {
    case small
    case standard

    /// The size handed to `CURLOPT_BUFFERSIZE`.
    var bytes: Int {
        switch self {
        case .small: 1_024
        case .standard: 16_384
        }
    }

    /// A body this large (more than four reads of a small buffer) moves its transfer to `.standard`.
    static let growthBodyBytes: Int64 = 4_096
}

extension CurlTransfer {
    /// After a completed transfer (its handle out of the multi handle), moves a `.small` transfer whose last body
    /// reached `ReceiveBuffer.growthBodyBytes` to a copy of its handle with the standard buffer: every option is
    /// copied (`curl_easy_duphandle`), and the connection, which lives in the loop's multi handle, is reused.
    /// Does nothing otherwise, or when libcurl cannot make the copy (the small buffer still works).
    func fitReceiveBuffer() {
        guard receiveBuffer == .small, !keepsCookies else { return }
        var downloaded: curl_off_t = 0
        guard lr_easy_getinfo_off_t(handle, CURLINFO_SIZE_DOWNLOAD_T, &downloaded) == CURLE_OK,
              downloaded >= ReceiveBuffer.growthBodyBytes,
              let copy = curl_easy_duphandle(handle)
        else { return }
        guard lr_easy_setopt_long(copy, CURLOPT_BUFFERSIZE, ReceiveBuffer.standard.bytes) == CURLE_OK else {
            curl_easy_cleanup(copy)
            return
        }
        // The kept body's buffer asks its handle for the announced length.
        if let kept { kept.body.pointee.handle = copy }
        curl_easy_cleanup(handle)
        replaceHandle(with: copy)
    }
}
