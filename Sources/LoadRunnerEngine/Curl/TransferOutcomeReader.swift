import CCurl
import LoadRunnerModel

/// Turns a finished libcurl transfer into a `RequestOutcome`: status, bytes, timing and failure category.
enum TransferOutcomeReader {
    static func outcome(of transfer: CurlTransfer, code: CURLcode, expect: StatusSet) -> RequestOutcome {
        let handle = transfer.handle
        var status = 0
        lr_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var connects = 0
        lr_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        let timing = timing(of: handle)
        let failure: RequestFailure?
        if code != CURLE_OK {
            failure = RequestFailure(category: category(of: code), message: String(cString: curl_easy_strerror(code)))
        } else if !expect.contains(status) {
            failure = RequestFailure(category: .httpStatus, message: Messages.httpStatusFailure(status))
        } else {
            failure = nil
        }
        return RequestOutcome(
            status: status, bodyBytes: transfer.bodyBytes.pointee, newConnections: connects, timing: timing,
            failure: failure)
    }

    /// libcurl reports cumulative times from the transfer start; each phase's own duration is the difference.
    private static func timing(of handle: UnsafeMutableRawPointer) -> TransferTiming {
        func micros(_ info: CURLINFO) -> UInt64 {
            var value: curl_off_t = 0
            lr_easy_getinfo_off_t(handle, info, &value)
            return UInt64(max(0, value))
        }
        let nameLookup = micros(CURLINFO_NAMELOOKUP_TIME_T)
        let connect = micros(CURLINFO_CONNECT_TIME_T)
        let tlsDone = micros(CURLINFO_APPCONNECT_TIME_T)
        let preTransfer = micros(CURLINFO_PRETRANSFER_TIME_T)
        let firstByte = micros(CURLINFO_STARTTRANSFER_TIME_T)
        let total = micros(CURLINFO_TOTAL_TIME_T)
        return TransferTiming(
            dnsMicros: nameLookup,
            connectMicros: connect > nameLookup ? connect - nameLookup : 0,
            tlsMicros: tlsDone > connect ? tlsDone - connect : 0,
            firstByteMicros: firstByte > preTransfer ? firstByte - preTransfer : 0,
            totalMicros: total)
    }

    static func category(of code: CURLcode) -> FailureCategory {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns
        case CURLE_COULDNT_CONNECT:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls
        case CURLE_SEND_ERROR:
            return .write
        case CURLE_RECV_ERROR, CURLE_PARTIAL_FILE:
            return .read
        case CURLE_GOT_NOTHING:
            return .emptyReply
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_UNSUPPORTED_PROTOCOL:
            return .protocolError
        default:
            return .other
        }
    }
}
