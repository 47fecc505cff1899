"""A small fake of the Vision service on loopback, with faults it can inject.

It answers like the real service: the gateway's 401 for a wrong key, recorded (or programmed)
bodies for known requests, and on demand a 429 with Retry-After, a 503, a reset connection or
a response that comes too late. It counts every request it receives.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from vision_viz._recording import PROVENANCE_HEADER, read_recording, response_body

UNAUTHORIZED = {
    "error": {
        "code": "401",
        "message": "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
        "provide a valid key for an active subscription and use a correct regional API endpoint for "
        "your resource.",
    }
}


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    """One injected failure: 'status' (with Reply), 'reset', 'slow' (answer after `delay` s),
    'drip' (the body one byte every `delay` s), 'drip-headers' (the status line and headers so) or 'cut' (a 200
    whose body stops half-way)."""

    kind: str
    reply: Reply | None = None
    delay: float = 0.0


def _request_key(method: str, path: str, query: str, body: bytes, content_type: str) -> tuple:
    """What identifies a request: like the recordings, an image by the digest of its bytes."""
    if content_type.startswith("application/json"):
        body_key = json.dumps(json.loads(body or b"null"), sort_keys=True)
    elif body.startswith(b"sha256:"):  # already a digest, as recordings store it
        body_key = body.decode()
    else:
        body_key = "sha256:" + hashlib.sha256(body).hexdigest() if body else ""
    return method, path, tuple(sorted(parse_qsl(query))), body_key


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (timeout, reset) is expected here: no traceback on stderr."""


class FakeVision:
    """Start with ``with FakeVision(key) as fake:``; ``fake.url`` is its endpoint."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.tokens: set[str] = set()  # Entra ID tokens it accepts as "Authorization: Bearer <token>"
        self.faults: deque[Fault] = deque()
        self.received: list[tuple[str, str]] = []
        self.received_headers: list[dict[str, str]] = []
        self._routes: dict[tuple, list[Reply]] = {}  # replies in order; the last one repeats
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeVision:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, method: str, path_and_query: str, reply: Reply, body: bytes = b"",
               content_type: str = "application/octet-stream") -> None:
        """Program the reply to one request (matched on method, path, query and body)."""
        parts = urlsplit(path_and_query)
        self._routes[_request_key(method, parts.path, parts.query, body, content_type)] = [reply]

    def serve_recording(self, path: Path) -> None:
        """Answer every request in a recording with its recorded response, as the live service would."""
        for interaction in read_recording(Path(path)):
            request, response = interaction["request"], interaction["response"]
            parts = urlsplit(request["uri"])
            headers = {k: v[0] for k, v in response["headers"].items() if k.lower() != PROVENANCE_HEADER}
            content_type = request["headers"].get("Content-Type", [""])[0]
            request_body = (request["body"] or "").encode()
            key = _request_key(request["method"], parts.path, parts.query, request_body, content_type)
            self._routes.setdefault(key, []).append(Reply(
                response["status"]["code"], response_body(response), headers
            ))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.received.append((self.command, self.path))
                fake.received_headers.append(dict(self.headers))
                fault = fake.faults.popleft() if fake.faults else None
                if fault and fault.kind == "reset":
                    # RST instead of FIN: the client sees "connection reset by peer".
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                if fault and fault.kind == "slow":
                    time.sleep(fault.delay)
                if fault and fault.kind == "status":
                    return self._send(fault.reply)
                if fault and fault.kind in ("chunked", "chunked-cut"):
                    body = json.dumps(
                        {"tagsResult": {"values": [{"name": "x" * 100, "confidence": 0.5}] * 50}}
                    ).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    chunks = [body[i:i + 1000] for i in range(0, len(body), 1000)]
                    for chunk in chunks[: len(chunks) // 2] if fault.kind == "chunked-cut" else chunks:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    if fault.kind == "chunked":
                        self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    self.close_connection = True
                    return
                if fault and fault.kind == "drip-headers":  # the status line and headers one byte at a time
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"x" * 400
                    try:
                        for byte in head:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(fault.delay)
                    except OSError:  # the client gave up
                        pass
                    self.close_connection = True
                    return
                if fault and fault.kind in ("drip", "cut"):
                    body = b'{"tagsResult": {"values": []}, "padding": "' + b"x" * 200 + b'"}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if fault.kind == "cut":
                        self.wfile.write(body[:40])
                    else:
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(fault.delay)
                    self.close_connection = True
                    return
                bearer = self.headers.get("Authorization", "")
                token_ok = bearer.startswith("Bearer ") and bearer[7:] in fake.tokens
                if self.headers.get("Ocp-Apim-Subscription-Key") != fake.key and not token_ok:
                    return self._send(Reply(401, json.dumps(UNAUTHORIZED).encode(),
                                            {"Content-Type": "application/json"}))
                parts = urlsplit(self.path)
                key = _request_key(self.command, parts.path, parts.query, body,
                                   self.headers.get("Content-Type", ""))
                replies = fake._routes.get(key)
                reply = (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else None
                if reply is None:
                    error = {
                        "error": {"code": "NotFound", "message": f"fake has no answer for {self.command} {self.path}"}
                    }
                    reply = Reply(404, json.dumps(error).encode(), {"Content-Type": "application/json"})
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    if name.lower() in ("content-length", "transfer-encoding", "content-encoding", "connection"):
                        continue
                    if name.lower() == "operation-location":
                        value = fake.url + urlsplit(value).path
                    self.send_header(name, value)
                if not any(name.lower() == "apim-request-id" for name in reply.headers):
                    self.send_header("apim-request-id", "00000000-fake-0000-0000-000000000000")
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = _serve

        return Handler
