"""A loopback fake of the analyze operation that enforces a call quota, like a pricing tier.

Up to ``rate`` calls a second are answered (a token bucket holding one second of calls); above
that it answers 429 with ``Retry-After``, as the service does. It counts the calls for each
image (by the digest of its bytes, or its URL) so tests can find lost or repeated work. Used by
tests/test_batch.py and benchmarks/bench_batch.py.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = {"modelVersion": "2023-10-01", "metadata": {"width": 64, "height": 64},
          "captionResult": {"text": "a test picture", "confidence": 0.9}}  # fmt: skip
TOO_MANY = {"error": {"code": "429", "message": "Rate limit is exceeded. Try again in 1 seconds."}}
UNAUTHORIZED = {"error": {"code": "401", "message": "Access denied due to invalid subscription key."}}


class QuotaService:
    """Serve on 127.0.0.1 until closed; ``with QuotaService(key, rate) as service: service.endpoint``."""

    def __init__(self, key: str, rate: float, retry_after: int = 1) -> None:
        self.key, self.rate, self.retry_after = key, rate, retry_after
        self.calls: Counter[str] = Counter()  # answered 200, per image
        self.refused = 0  # answered 429
        self.headers_seen: list[dict[str, str]] = []
        self._tokens, self._last = float(rate), time.monotonic()
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, Nagle's algorithm and the
                # client's delayed ACK add ~40 ms to every answer on a kept-alive connection.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                service.headers_seen.append(dict(self.headers))
                if self.headers.get("Ocp-Apim-Subscription-Key") != service.key:
                    return self._send(401, UNAUTHORIZED)
                if not service._take():
                    return self._send(429, TOO_MANY, {"Retry-After": str(service.retry_after)})
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    image = json.loads(body)["url"]
                else:
                    image = hashlib.sha256(body).hexdigest()
                with service._lock:
                    service.calls[image] += 1
                self._send(200, ANSWER)

            def _send(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _take(self) -> bool:
        """One call's token, if the quota has one left."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(float(self.rate), self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens < 1:
                self.refused += 1
                return False
            self._tokens -= 1
            return True

    def __enter__(self) -> QuotaService:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
