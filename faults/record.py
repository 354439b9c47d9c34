"""Every request the suite makes, with its Idempotency-Key and outcome: ok, error or timeout.

``ok`` is any answer below 500 (a refusal such as 409 is the service working);
``error`` is a 5xx or a connection that failed; ``timeout`` is no answer in time.
The checker reads the history afterwards; it is also written as JSON lines.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import requests

TIMEOUT_SECONDS = 10.0


@dataclass
class Record:
    scenario: int
    method: str
    path: str
    key: str | None
    caller: str  # a digest of the Authorization header: keys belong to their caller
    outcome: str  # ok, error, timeout
    status: int | None
    started: float  # time.monotonic()
    seconds: float
    answer: dict | None
    # What was sent, kept in memory for a retry and never written out (PINs, tokens).
    body: dict | None = field(default=None, repr=False)
    headers: dict = field(default_factory=dict, repr=False)

    @property
    def created(self) -> bool:
        return self.status in (200, 201)


class Recorder:
    """Sends requests and keeps the history, thread-safe; one HTTP session per thread."""

    def __init__(self, urls: dict[str, str], path: Path) -> None:
        self._urls = urls
        self._lock = threading.Lock()
        self._local = threading.local()
        self._file = path.open("w")
        self.records: list[Record] = []
        self.scenario = 0

    def call(
        self,
        method: str,
        service: str,
        path: str,
        body=None,
        headers: dict | None = None,
        key: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> Record:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        headers = dict(headers or {})
        headers.pop("Idempotency-Key", None)
        if key is not None:
            headers["Idempotency-Key"] = key
        url = f"{self._urls[service]}/{service}/api/v1{path}"
        started = time.monotonic()
        status = answer = None
        try:
            response = session.request(method, url, json=body, headers=headers, timeout=timeout)
            status = response.status_code
            outcome = "ok" if status < 500 else "error"
            answer = _json(response)
        except requests.Timeout:
            outcome = "timeout"
        except requests.RequestException:
            outcome = "error"
            session.close()
        caller = hashlib.sha256(headers.get("Authorization", "").encode()).hexdigest()[:12]
        record = Record(
            self.scenario,
            method.upper(),
            path,
            key,
            caller,
            outcome,
            status,
            started,
            time.monotonic() - started,
            answer,
            body,
            headers,
        )
        with self._lock:
            self.records.append(record)
            written = {k: v for k, v in asdict(record).items() if k not in ("body", "headers")}
            self._file.write(json.dumps(written) + "\n")
        return record

    def of(self, scenario: int) -> list[Record]:
        with self._lock:
            return [record for record in self.records if record.scenario == scenario]

    def close(self) -> None:
        self._file.close()


def _json(response: requests.Response) -> dict | None:
    try:
        document = response.json()
    except ValueError:
        return None
    return document if isinstance(document, dict) else {"items": document}
