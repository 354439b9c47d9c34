"""A small real HTTP server on loopback playing the SMS provider, failures included.

It speaks the JSON API of services/notifications/adapters/sms_gateway.py:
``POST /messages`` with a bearer token, an ``Idempotency-Key`` and
``{"to", "text"}`` answers ``{"id"}``. Like a real provider it sends one
SMS per idempotency key: a repeated key answers the first id and sends
nothing. A test scripts its next answers: an outage (500s), a refusal (400),
or accepting a message and then answering too late for the client.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "test-sms-token"


@dataclass(frozen=True)
class Sms:
    """One SMS the provider sent to a phone."""

    id: str
    key: str
    to: str
    text: str


class FakeSmsGateway:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.sent: list[Sms] = []
        self.requests: Counter[str] = Counter()
        self._by_key: dict[str, Sms] = {}
        self._script: deque[tuple[str, float]] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/messages"

    def fail_next(self, count: int, status: int = 500) -> None:
        """Answer the next ``count`` requests with ``status``, sending nothing."""
        with self._lock:
            self._script.extend([("status", status)] * count)

    def accept_then_stall(self, seconds: float) -> None:
        """Send the next message, then wait ``seconds`` before answering (a lost answer)."""
        with self._lock:
            self._script.append(("stall", seconds))

    def texts_to(self, number: str) -> list[str]:
        with self._lock:
            return [sms.text for sms in self.sent if sms.to == number]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def _answer(self, key: str, body: dict) -> tuple[int, dict | None, float]:
        with self._lock:
            self.requests[key] += 1
            kind, value = self._script.popleft() if self._script else ("ok", 0.0)
            if kind == "status":
                return int(value), {"error": "scripted failure"}, 0.0
            sms = self._by_key.get(key)
            if sms is None:
                sms = Sms(id=uuid.uuid4().hex, key=key, to=body["to"], text=body["text"])
                self._by_key[key] = sms
                self.sent.append(sms)
            return 200, {"id": sms.id}, float(value) if kind == "stall" else 0.0


def _handler_for(gateway: FakeSmsGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                return self._reply(401, {"error": "bad token"})
            key = self.headers.get("Idempotency-Key")
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                valid = isinstance(body.get("to"), str) and isinstance(body.get("text"), str)
            except (ValueError, AttributeError):
                valid = False
            if not key or not valid or not body["to"].startswith("+"):
                return self._reply(400, {"error": "bad request"})
            status, answer, stall = gateway._answer(key, body)
            time.sleep(stall)
            self._reply(status, answer)

        def _reply(self, status: int, answer: dict | None) -> None:
            payload = json.dumps(answer or {}).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up waiting
                pass

        def log_message(self, format, *args) -> None:
            pass

    return Handler
