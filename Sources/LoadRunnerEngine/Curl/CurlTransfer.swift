import CCurl
import LoadRunnerModel

/// One libcurl easy handle and the state of the transfer it is running. Owned by one virtual user, or by a loop's
/// open-model pool (`ArrivalDispatcher`), and touched only on its loop's thread. Connections live in the loop's multi
/// handle, not here: kept alive between requests, each goes to whichever of the loop's transfers asks next, so busy
/// users each hold one while users between requests (think time) share the idle ones (400 users pacing 200 ms used
/// 13 connections).
final class CurlTransfer: @unchecked Sendable {
    /// Replaced only between transfers, by `fitReceiveBuffer()` (a copy with a larger receive buffer).
    private(set) var handle: UnsafeMutableRawPointer
    /// libcurl's receive buffer for this handle: `.small` until a body outgrows it (`CurlTransfer+ReceiveBuffer`).
    private(set) var receiveBuffer: ReceiveBuffer
    /// Whether libcurl keeps a cookie jar on this handle (a copy of the handle would start with an empty one).
    let keepsCookies: Bool
    /// Body bytes of the current transfer, counted by the C write callback as they arrive.
    let bodyBytes: UnsafeMutablePointer<UInt64>
    /// Set while a transfer runs; resumed exactly once by the loop.
    var continuation: UnsafeContinuation<TransferResult, Never>?
    /// Which profile request is being sent (index into the profile's requests), for the statistics.
    var requestIndex = 0
    /// When the current transfer was handed to the loop, in run microseconds (for requests in flight at a
    /// stage's end).
    var startMicros: Int64 = 0
    /// When the current transfer was due by its user's schedule (a `pacing` user), in run microseconds; nil
    /// when it had no schedule. How late it went out is recorded with its outcome.
    var scheduledMicros: Int64?
    /// An open-model arrival's intended time (run microseconds, also in `startMicros`, which places it in its
    /// window and second); nil for a closed user's transfer. An open transfer has no user: the loop records it
    /// and gives it back to its pool.
    var intendedMicros: Int64?
    /// When an open-model arrival actually went out (handed to libcurl), in run microseconds.
    var sentMicros: Int64 = 0
    /// When the loop recorded the last transfer's completion, in run microseconds (for the loop's user lag).
    var completedMicros: Int64 = 0
    /// Headers for a request whose headers are templated; freed when the next request is configured.
    var ownedHeaders: UnsafeMutablePointer<curl_slist>?
    /// The request configuration last applied, so unchanged options are not set again.
    var configuredRequestIndex = -1
    /// Set when the rendered request must not be sent: the loop records this failure instead of a transfer.
    var refusal: RequestFailure?
    /// The kept body and headers of requests with captures or assertions; nil until the first such request.
    var kept: KeptResponse?
    /// Whether the current request's body goes to `kept` (else it is counted and discarded in C).
    var keepsBody = false
    /// Whether the current request's headers go to `kept` (else libcurl hands them to nobody).
    var keepsHeaders = false
    /// The current request's `assert:` right-hand sides, rendered for it (empty without assertions).
    var expectedTexts: [String] = []
    /// What the last response's captures found (run-wide variable index, value), for its user to take; empty
    /// when the request captures nothing or failed.
    var captured: [(variable: Int, value: String)] = []
    /// For an await's poll: when the probe gives up (run microseconds); a poll that ends then or later without seeing the
    /// write fails with `not_visible`. nil for other requests.
    var probeDeadlineMicros: Int64?
    /// Whether the last poll saw the write (its `until` held and it passed its own checks).
    var probeVisible = false
    /// The node that answered the last poll (`by:`); nil when the await has no `by:` or the response did not say.
    var probeNode: String?
    /// Which of its loop's multi handles the transfer runs on, for good (where its connection is cached); -1 until
    /// its first request.
    var multiSlot = -1
    /// True for a flow's `on_stop` request: the load's end still sends it, until its drain ends (`CurlLoop.drain`).
    var farewell = false

    /// A handle with `settings`; with `cookies`, libcurl's cookie engine keeps a jar on this handle alone (a flow
    /// user's session), which goes when the handle does. A `.small` receive buffer saves memory per transfer (a
    /// closed user's; see `ReceiveBuffer`); a jar's handle always gets `.standard`, since it is never replaced.
    init(settings: TransferSettings, cookies: Bool = false, receiveBuffer: ReceiveBuffer = .standard) throws(EngineError) {
        guard let handle = curl_easy_init() else { throw .setup(Messages.curlTransferUnavailable) }
        self.handle = handle
        keepsCookies = cookies
        self.receiveBuffer = cookies ? .standard : receiveBuffer
        bodyBytes = .allocate(capacity: 1)
        bodyBytes.initialize(to: 0)
        var code = lr_easy_count_body(handle, bodyBytes)
        settings.apply(to: handle, code: &code)
        if self.receiveBuffer == .small, lr_easy_setopt_long(handle, CURLOPT_BUFFERSIZE, ReceiveBuffer.small.bytes) != CURLE_OK {
            code = CURLE_OUT_OF_MEMORY
        }
        // An empty file name turns the cookie engine on without reading a file.
        if cookies, lr_easy_setopt_string(handle, CURLOPT_COOKIEFILE, "") != CURLE_OK { code = CURLE_OUT_OF_MEMORY }
        lr_easy_setopt_pointer(handle, CURLOPT_PRIVATE, Unmanaged.passUnretained(self).toOpaque())
        guard code == CURLE_OK else {
            throw .setup(Messages.curlOptionRefused(String(cString: curl_easy_strerror(code))))
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        if let ownedHeaders { curl_slist_free_all(ownedHeaders) }
        bodyBytes.deallocate()
    }

    /// The transfer whose handle this is (set through `CURLOPT_PRIVATE`).
    static func owning(_ handle: UnsafeMutableRawPointer) -> CurlTransfer {
        var pointer: UnsafeMutableRawPointer?
        lr_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &pointer)
        return Unmanaged<CurlTransfer>.fromOpaque(pointer!).takeUnretainedValue()
    }

    func setURL(_ url: String) {
        lr_easy_setopt_string(handle, CURLOPT_URL, url)
    }

    /// Takes `copy` (a duplicate of the handle, with a standard receive buffer) as this transfer's handle; the old
    /// one has been cleaned up (`fitReceiveBuffer()`).
    func replaceHandle(with copy: UnsafeMutableRawPointer) {
        handle = copy
        receiveBuffer = .standard
    }

    /// Replaces templated headers with a new list this transfer owns.
    func setOwnedHeaders(_ list: UnsafeMutablePointer<curl_slist>?) {
        lr_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        if let ownedHeaders { curl_slist_free_all(ownedHeaders) }
        ownedHeaders = list
    }
}

/// What the loop hands back to the virtual user when a transfer ends.
enum TransferResult: Sendable {
    /// The transfer finished (successfully or not) and was recorded.
    case completed(RequestOutcome)
    /// The run is stopping: the transfer was not sent (and not recorded), or had no answer when the run
    /// ended (recorded as `incomplete`).
    case cancelled
}

/// Options every transfer of a run shares.
struct TransferSettings: Sendable {
    var timeoutMillis: Int
    var connectTimeoutMillis: Int
    var http2: Bool
    var https: Bool
    var insecure: Bool
    var userAgent: String

    func apply(to handle: UnsafeMutableRawPointer, code: inout CURLcode) {
        func set(_ option: CURLoption, _ value: Int) {
            let result = lr_easy_setopt_long(handle, option, value)
            if result != CURLE_OK { code = result }
        }
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_TIMEOUT_MS, timeoutMillis)
        set(CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMillis)
        set(CURLOPT_TCP_NODELAY, 1)
        set(CURLOPT_FOLLOWLOCATION, 0)
        if http2 {
            set(CURLOPT_HTTP_VERSION, https ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
        } else {
            set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        }
        if insecure {
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        func set(_ option: CURLoption, _ value: String) {
            let result = lr_easy_setopt_string(handle, option, value)
            if result != CURLE_OK { code = result }
        }
        set(CURLOPT_USERAGENT, userAgent)
        // Defence in depth: whatever a URL is rendered from, only HTTP(S) is ever spoken (no file://, gopher://, ...).
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
    }
}
