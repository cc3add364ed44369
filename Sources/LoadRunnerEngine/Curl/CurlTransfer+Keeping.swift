import CCurl

/// Switching a transfer between the plain path (body counted and discarded, headers ignored) and keeping the
/// response for captures and assertions. Set only when the request a transfer sends changes.
extension CurlTransfer {
    /// Makes the next responses' body and headers kept (or not); does nothing when already so.
    func keepResponse(body: Bool, headers: Bool) {
        if (body || headers) && kept == nil { kept = KeptResponse() }
        if body != keepsBody, let kept {
            if body { lr_easy_capture_body(handle, kept.body) } else { lr_easy_count_body(handle, bodyBytes) }
            keepsBody = body
        }
        if headers != keepsHeaders, let kept {
            lr_easy_keep_headers(handle, headers ? kept.headers : nil)
            keepsHeaders = headers
        }
    }
}
