#!/usr/bin/env python3
"""A tiny HTTP/1.1 keep-alive server that answers every request after a fixed delay.

Used by Benchmarks/run.sh for the latency check: with a known 20 ms server time, wrk and
LoadRunner should report the same p50 (nginx cannot delay a response without an extra module).

    python3 delay_server.py [--port 0] [--port-file FILE] [--delay-ms 20]

Every request (any method, any path) gets `200` with a small JSON body, `--delay-ms` after its
header (and Content-Length body, if any) has arrived. Keep-alive follows HTTP/1.1 rules:
a connection stays open unless the client sends `Connection: close` (or speaks HTTP/1.0
without `Connection: keep-alive`). Pipelined requests are answered in order, together.
Uses asyncio's low-level Protocol and call_later (no task per request): about 2,500 requests/s
(50 users x 50/s) costs a fraction of one core; run.sh checks the rate anyway.
"""
import argparse
import asyncio
import os

BODY = b'{"ok":true,"service":"delay","payload":"01234567"}'


def response(keep_alive: bool) -> bytes:
    """Returns one complete response; the Connection header is explicit either way."""
    connection = b"keep-alive" if keep_alive else b"close"
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + str(len(BODY)).encode()
        + b"\r\nConnection: " + connection + b"\r\n\r\n" + BODY
    )


RESPONSE_KEEP_ALIVE = response(True)
RESPONSE_CLOSE = response(False)


class DelayedHTTP(asyncio.Protocol):
    """One client connection: parses request heads, replies after `delay_seconds`."""

    def __init__(self, delay_seconds: float):
        self.delay_seconds = delay_seconds
        self.buffer = b""
        self.transport = None
        self.closing = False  # a `Connection: close` request was seen; ignore what follows

    def connection_made(self, transport):
        self.transport = transport

    def connection_lost(self, exc):
        self.transport = None  # pending replies for this connection are dropped

    def data_received(self, data):
        if self.closing:
            return
        self.buffer += data
        replies = []
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                break
            head = self.buffer[:head_end].decode("latin-1")
            request_line, _, header_text = head.partition("\r\n")
            headers = {}
            for line in header_text.split("\r\n"):
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip().lower()
            body_length = int(headers.get("content-length", "0") or 0)
            request_end = head_end + 4 + body_length
            if len(self.buffer) < request_end:
                break  # the body is still on its way
            self.buffer = self.buffer[request_end:]
            connection = headers.get("connection", "")
            if request_line.endswith("HTTP/1.0"):
                keep_alive = connection == "keep-alive"
            else:
                keep_alive = connection != "close"
            replies.append(RESPONSE_KEEP_ALIVE if keep_alive else RESPONSE_CLOSE)
            if not keep_alive:
                self.closing = True
                break
        if replies:
            # One timer per read, not per request: replies to pipelined requests stay in order.
            asyncio.get_running_loop().call_later(
                self.delay_seconds, self.reply, b"".join(replies), self.closing
            )

    def reply(self, payload: bytes, close: bool):
        if self.transport is None:
            return
        self.transport.write(payload)
        if close:
            self.transport.close()


async def serve(port: int, port_file: str, delay_ms: float):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: DelayedHTTP(delay_ms / 1000.0), "127.0.0.1", port, backlog=4096
    )
    bound_port = server.sockets[0].getsockname()[1]
    if port_file:
        # Written only once listening, so a reader that sees the file can connect at once.
        with open(port_file + ".tmp", "w") as f:
            f.write(f"{bound_port}\n")
        os.replace(port_file + ".tmp", port_file)
    print(f"delay_server: http://127.0.0.1:{bound_port}/ delay {delay_ms:g} ms", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--port-file", default="", help="write the bound port to this file")
    parser.add_argument("--delay-ms", type=float, default=20.0, help="delay before each reply (ms)")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.port, args.port_file, args.delay_ms))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
