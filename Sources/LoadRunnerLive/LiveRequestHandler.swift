import LoadRunnerReports
import NIOCore
import NIOHTTP1

/// Answers one connection's requests: `/` the dashboard, `/metrics` Prometheus text (or protobuf, with native
/// histograms, when the `Accept` header asks for it: `MetricsFormat`), `/api/state` JSON; 404 for other paths, 405
/// for methods other than GET and HEAD. Runs on the live server's event loop.
final class LiveRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let board: LiveBoard
    private var head: HTTPRequestHead?

    init(board: LiveBoard) {
        self.board = board
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let (status, contentType, body) = Self.answer(
            method: head.method, uri: head.uri, accept: head.headers.first(name: "Accept"), board: board)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Cache-Control", value: "no-store")
        if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let keepAlive = head.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { [channel = context.channel] _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    /// Status, content type and body for a request (`accept`: its `Accept` header); pure apart from reading the board.
    static func answer(method: HTTPMethod, uri: String, accept: String? = nil, board: LiveBoard) -> (HTTPResponseStatus, String, [UInt8]) {
        guard method == .GET || method == .HEAD else {
            return (.methodNotAllowed, "text/plain; charset=utf-8", Array("only GET and HEAD\n".utf8))
        }
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? uri
        switch path {
        case "/", "/index.html":
            return (.ok, "text/html; charset=utf-8", Array(LiveDashboardPage.html.utf8))
        case "/metrics":
            switch MetricsFormat.negotiate(accept: accept) {
            case .protobuf: return (.ok, PrometheusProtobuf.contentType, PrometheusProtobuf.render(board.snapshot()))
            case .text: return (.ok, PrometheusText.contentType, Array(PrometheusText.render(board.snapshot()).utf8))
            }
        case "/api/state":
            let (status, contentType, body) = stateAnswer(query: parts.count > 1 ? String(parts[1]) : "", board: board)
            return (status, contentType, Array(body.utf8))
        default:
            return (.notFound, "text/plain; charset=utf-8", Array("not found: try /, /metrics or /api/state\n".utf8))
        }
    }

    /// `/api/state`, all of it or (`since=S`) with only the seconds after second S; 400 for a `since` that is not a
    /// whole number, 500 (with the reason) if the state could not be encoded.
    private static func stateAnswer(query: String, board: LiveBoard) -> (HTTPResponseStatus, String, String) {
        var since: Int?
        for pair in query.split(separator: "&") where pair.hasPrefix("since=") {
            guard let value = Int(pair.dropFirst("since=".count)) else {
                return (.badRequest, "text/plain; charset=utf-8",
                        "since must be a whole number of seconds (the last second you have), e.g. /api/state?since=41\n")
            }
            since = value
        }
        do {
            return (.ok, "application/json", try LiveStateJSON.render(board.snapshot(), secondsAfter: since))
        } catch {
            return (.internalServerError, "text/plain; charset=utf-8", "the live state could not be encoded: \(error)\n")
        }
    }
}
