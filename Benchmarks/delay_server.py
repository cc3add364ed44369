#!/usr/bin/env python3
"""A tiny HTTP/1.1 keep-alive server that answers every request after a fixed delay.

Used by Benchmarks/run.sh for the latency check: with a known 20 ms server time, wrk and
LoadRunner should report the same p50 (nginx cannot delay a response without an extra module);
and, with pauses, for the coordinated-omission check of the open model.

    python3 delay_server.py [--port 0] [--port-file FILE] [--delay-ms 20]
                            [--pause-every SECONDS --pause-for SECONDS]

Every request (any method, any path) gets `200` with a small JSON body, `--delay-ms` after its
header (and Content-Length body, if any) has arrived. With `--pause-every E --pause-for P` the
server also stalls at a fixed phase from its start: the last P seconds of every E-second cycle,
[n*E + E - P, (n+1)*E) for n = 0, 1, ..., are a pause, and every reply whose time (arrival +
delay) falls in a pause is held until that pause ends (so the first pause begins E - P seconds
after start, and a client probing right after start is answered at once). Keep-alive follows HTTP/1.1 rules:
a connection stays open unless the client sends `Connection: close` (or speaks HTTP/1.0
without `Connection: keep-alive`). Pipelined requests are answered in order, together.
Uses asyncio's low-level Protocol and call_at (no task per request, also in a pause: a held
reply is one timer that fires at the pause's end): about 2,500 requests/s (50 users x 50/s) costs
a fraction of one core; run.sh checks the rate anyway.
"""
import argparse
import asyncio
import collections
import math
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


class Pauses:
    """When replies are held: the last `pause_for` seconds of every `every`-second cycle from `start`.

    Times are the event loop's clock (seconds). `every` 0 means no pauses.
    """

    def __init__(self, start: float, every: float, pause_for: float):
        self.start, self.every, self.pause_for = start, every, pause_for

    def release_time(self, due: float) -> float:
        """`due` itself, or the end of the pause it falls in; never earlier than `due`."""
        if self.every <= 0:
            return due
        cycle = math.floor((due - self.start) / self.every)
        cycle_end = self.start + (cycle + 1) * self.every
        return cycle_end if due >= cycle_end - self.pause_for else due


class DelayedHTTP(asyncio.Protocol):
    """One client connection: parses request heads, replies after `delay_seconds` (or a pause)."""

    def __init__(self, delay_seconds: float, pauses: Pauses):
        self.delay_seconds = delay_seconds
        self.pauses = pauses
        self.buffer = b""
        self.transport = None
        self.closing = False  # a `Connection: close` request was seen; ignore what follows
        # Replies scheduled but not yet written, in request order. Their release times never
        # decrease, and each timer writes the oldest one, so timers that fire at the same moment
        # (a pause's end) cannot reorder a connection's replies.
        self.pending = collections.deque()

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
            loop = asyncio.get_running_loop()
            self.pending.append((b"".join(replies), self.closing))
            loop.call_at(self.pauses.release_time(loop.time() + self.delay_seconds), self.reply)

    def reply(self):
        payload, close = self.pending.popleft()
        if self.transport is None:
            return
        self.transport.write(payload)
        if close:
            self.transport.close()


async def serve(port: int, port_file: str, delay_ms: float, pause_every: float, pause_for: float):
    loop = asyncio.get_running_loop()
    pauses = Pauses(loop.time(), pause_every, pause_for)
    server = await loop.create_server(
        lambda: DelayedHTTP(delay_ms / 1000.0, pauses), "127.0.0.1", port, backlog=4096
    )
    bound_port = server.sockets[0].getsockname()[1]
    if port_file:
        # Written only once listening, so a reader that sees the file can connect at once.
        with open(port_file + ".tmp", "w") as f:
            f.write(f"{bound_port}\n")
        os.replace(port_file + ".tmp", port_file)
    pausing = f", pauses of {pause_for:g} s every {pause_every:g} s" if pause_every > 0 else ""
    print(f"delay_server: http://127.0.0.1:{bound_port}/ delay {delay_ms:g} ms{pausing}", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--port-file", default="", help="write the bound port to this file")
    parser.add_argument("--delay-ms", type=float, default=20.0, help="delay before each reply (ms)")
    parser.add_argument("--pause-every", type=float, default=0.0, metavar="SECONDS",
                        help="length of the pause cycle from the server's start; 0: no pauses")
    parser.add_argument("--pause-for", type=float, default=0.0, metavar="SECONDS",
                        help="the pause at the end of each cycle: replies due in it are held until it ends")
    args = parser.parse_args()
    if args.delay_ms < 0:
        parser.error(f"--delay-ms must be 0 or more, got {args.delay_ms:g}")
    if args.pause_every < 0 or args.pause_for < 0:
        parser.error("--pause-every and --pause-for must be 0 or more seconds")
    if (args.pause_every > 0) != (args.pause_for > 0) or args.pause_for >= args.pause_every > 0:
        parser.error(f"give both --pause-every and --pause-for, with the pause shorter than the cycle "
                     f"(got --pause-every {args.pause_every:g} --pause-for {args.pause_for:g})")
    try:
        asyncio.run(serve(args.port, args.port_file, args.delay_ms, args.pause_every, args.pause_for))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
