import NIOCore
import NIOHTTP1

/// Serves the test routes on one HTTP/1.1 connection, behind NIO's HTTP server pipeline (which decodes
/// requests, encodes responses and holds pipelined requests until the current response ends).
///
/// Keep-alive follows the request (`Connection` header and HTTP version). Delays use the event loop's
/// timer and large bodies are written as the socket drains, so no thread ever blocks.
final class TestConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The size of each body write of `/bytes/{n}`.
    static let streamChunkSize = 64 * 1024
    /// What `/garbage` sends instead of a response.
    static let garbage = "this is not http\r\n\r\n"

    private let responder: RouteResponder
    private let counters: ServerCounters
    private let sessions: SessionRoutes
    private var requestHead: HTTPRequestHead?
    /// This connection's number in accept order (1 for the server's first).
    private var connection = 0
    private var requestBodyLength = 0
    private var responseVersion = HTTPVersion.http1_1
    private var keepAlive = true
    private var pendingResponse: Scheduled<Void>?
    /// Bytes of a `/bytes/{n}` body still to write; nil when not streaming.
    private var bytesLeftToStream: Int?
    private var streamChunk: ByteBuffer?

    /// Creates a handler that answers with `responder` and tallies into `counters`.
    init(responder: RouteResponder, counters: ServerCounters, sessions: SessionRoutes) {
        self.responder = responder
        self.counters = counters
        self.sessions = sessions
    }

    func channelActive(context: ChannelHandlerContext) {
        connection = counters.connectionOpened()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        counters.connectionClosed()
        pendingResponse?.cancel()
        pendingResponse = nil
        bytesLeftToStream = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestHead = head
            requestBodyLength = 0
            responseVersion = head.version
            keepAlive = head.isKeepAlive
            counters.requestReceived(path: TestRoute.split(head.uri).path, connection: connection)
            counters.headersReceived(names: head.headers.map(\.name))
            // Clients such as curl wait (up to a second) for this before sending a large body.
            if head.version == .http1_1,
                head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" })
            {
                let interim = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body(let buffer):
            requestBodyLength += buffer.readableBytes
        case .end:
            guard let head = requestHead else { return }
            requestHead = nil
            if let response = sessions.response(for: head) {
                perform(.respond(response), context: context)
                return
            }
            let route = TestRoute(method: head.method.rawValue, uri: head.uri)
            let connection = ObjectIdentifier(self).hashValue
            perform(responder.action(for: route, head: head, bodyLength: requestBodyLength, connection: connection), context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            continueStreaming(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func perform(_ action: RouteAction, context: ChannelHandlerContext) {
        switch action {
        case .respond(let response):
            guard let delay = response.delay, delay > .zero else {
                send(response, context: context)
                return
            }
            pendingResponse = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) {
                self.pendingResponse = nil
                self.send(response, context: context)
            }
        case .streamBytes(let count, let announced):
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "application/octet-stream")
            if announced { headers.add(name: "content-length", value: String(count)) }
            writeHead(status: .ok, headers: headers, context: context)
            bytesLeftToStream = count
            continueStreaming(context: context)
        case .closeAbruptly:
            context.close(promise: nil)
        case .stall:
            break
        case .writeGarbage:
            writeGarbage(context: context)
        }
    }

    private func send(_ response: CannedResponse, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        // RFC 9110 forbids a body (and so a Content-Length describing one) on 204 and 304.
        let hasBody = response.status != .noContent && response.status != .notModified
        guard hasBody else {
            writeHead(status: response.status, headers: headers, context: context)
            finishResponse(context: context)
            return
        }
        let body = context.channel.allocator.buffer(string: response.body)
        headers.add(name: "content-type", value: response.contentType)
        if let location = response.location { headers.add(name: "location", value: location) }
        headers.add(name: "content-length", value: String(body.readableBytes))
        if let setCookie = response.setCookie { headers.add(name: "set-cookie", value: setCookie) }
        writeHead(status: response.status, headers: headers, context: context)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        finishResponse(context: context)
    }

    private func writeHead(status: HTTPResponseStatus, headers: HTTPHeaders, context: ChannelHandlerContext) {
        var headers = headers
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if responseVersion.major == 1 && responseVersion.minor == 0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: responseVersion, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
    }

    private func finishResponse(context: ChannelHandlerContext) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Writes body chunks while the channel accepts them; `channelWritabilityChanged` resumes.
    private func continueStreaming(context: ChannelHandlerContext) {
        guard var left = bytesLeftToStream else { return }
        let chunk = streamChunk ?? ByteBuffer(repeating: UInt8(ascii: "x"), count: Self.streamChunkSize)
        streamChunk = chunk
        while left > 0 && context.channel.isWritable {
            var piece = chunk
            let size = min(left, piece.readableBytes)
            piece.moveWriterIndex(to: piece.readerIndex + size)
            context.write(wrapOutboundOut(.body(.byteBuffer(piece))), promise: nil)
            left -= size
        }
        if left == 0 {
            bytesLeftToStream = nil
            finishResponse(context: context)
        } else {
            bytesLeftToStream = left
            context.flush()
        }
    }

    /// Writes `garbage` below the HTTP encoder, so it reaches the socket as raw bytes, then closes.
    private func writeGarbage(context: ChannelHandlerContext) {
        guard let rawContext = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
        else {
            context.close(promise: nil)
            return
        }
        let bytes = context.channel.allocator.buffer(string: Self.garbage)
        rawContext.writeAndFlush(NIOAny(bytes)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
