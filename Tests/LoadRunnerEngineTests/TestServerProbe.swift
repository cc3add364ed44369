import Dispatch
import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// A deliberately dumb blocking-socket HTTP/1.1 client for probing `TestHTTPServer`: it sends exact
/// bytes and reads exact bytes, so tests can see keep-alive, abrupt closes and non-HTTP replies that a
/// real client would hide. Not Sendable: use one probe inside one `ServerProbe.run` closure.
final class ServerProbe {
    /// One parsed response.
    struct Response: Sendable {
        var status: Int
        /// Header names lowercased; a repeated header keeps its last value.
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Why a probe failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `receiveTimeoutMilliseconds`.
    init(port: Int, receiveTimeoutMilliseconds: Int = 5000) throws {
        #if canImport(Darwin)
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var timeout = timeval(
            tv_sec: receiveTimeoutMilliseconds / 1000, tv_usec: .init(receiveTimeoutMilliseconds % 1000 * 1000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(code)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Runs blocking probe work on a Dispatch thread, so the Swift concurrency pool never blocks.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// Sends `text` as is.
    func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        #if canImport(Darwin)
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
            guard sent > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// Sends a GET request for `path` with keep-alive (HTTP/1.1's default) and extra header lines.
    func get(_ path: String, headers: [String] = []) throws {
        try write((["GET \(path) HTTP/1.1", "Host: 127.0.0.1"] + headers).joined(separator: "\r\n") + "\r\n\r\n")
    }

    /// Reads one response whose body is delimited by `Content-Length` (absent: empty body); with
    /// `bodyIncluded` false, stops after the head and leaves the body to `drain(count:)`.
    func readResponse(bodyIncluded: Bool = true) throws -> Response {
        let marker = Array("\r\n\r\n".utf8)
        while firstRange(of: marker) == nil {
            guard try fill() else {
                throw Failure(description: "connection closed after \(buffered.count) bytes of a response head")
            }
        }
        let headEnd = firstRange(of: marker) ?? 0
        let lines = String(decoding: buffered[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        buffered.removeFirst(headEnd + marker.count)
        let statusParts = (lines.first ?? "").split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(lines.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard bodyIncluded else { return Response(status: status, headers: headers, body: []) }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        while buffered.count < length {
            guard try fill() else { throw Failure(description: "connection closed inside a body") }
        }
        let body = Array(buffered.prefix(length))
        buffered.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// Reads until the server closes the connection and returns everything received (already
    /// buffered bytes included); throws if the read times out first.
    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffered.removeAll() }
        return buffered
    }

    /// Reads body bytes of a known length without keeping them; returns how many arrived.
    func drain(count: Int) throws -> Int {
        var total = min(count, buffered.count)
        buffered.removeFirst(total)
        var scratch = [UInt8](repeating: 0, count: 256 * 1024)
        while total < count {
            let received = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { break }
            total += received
        }
        return total
    }

    /// Appends what the socket has; false on end of stream, throws on a timeout or error.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if received < 0 { throw Failure(description: "recv failed or timed out: errno \(errno)") }
        buffered += chunk.prefix(received)
        return received > 0
    }

    private func firstRange(of marker: [UInt8]) -> Int? {
        guard buffered.count >= marker.count else { return nil }
        return (0...(buffered.count - marker.count)).first { buffered[$0..<($0 + marker.count)].elementsEqual(marker) }
    }
}
