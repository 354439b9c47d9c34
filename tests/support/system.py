"""The whole system in the test's process, and helpers to talk to it over HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from werkzeug.test import Client, TestResponse

from services.allinone import AllInOne
from shared.config import Settings
from tests.support.backends import ADMIN_EMAIL, ADMIN_PASSWORD

T = TypeVar("T")


def eventually(
    probe: Callable[[], T],
    timeout: float = 15.0,
    interval: float = 0.02,
    predicate: Callable[[T], object] = bool,
) -> T:
    """Poll ``probe`` until ``predicate`` holds for its result; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if predicate(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {result!r})")
        time.sleep(interval)


class RunningSystem:
    """Three services with their workers, and an HTTP client through the gateway."""

    def __init__(self, system: AllInOne) -> None:
        self.system = system
        self.services = system.services
        self.app = system.wsgi_app()
        self.client = Client(self.app, response_wrapper=TestResponse)

    def close(self) -> None:
        """Release every database connection of the services."""
        for service in self.services.values():
            service.database.dispose()

    def admin_headers(self) -> dict[str, str]:
        return self.login(ADMIN_EMAIL, ADMIN_PASSWORD)

    def login(self, email: str, password: str) -> dict[str, str]:
        response = self.client.post(
            "/registry/api/v1/auth/token", json={"email": email, "password": password}
        )
        assert response.status_code == 200, response.json
        return {"Authorization": f"Bearer {response.json['access_token']}"}

    def create_network(self, headers: dict[str, str], name: str | None = None) -> dict[str, Any]:
        name = name or f"Rete {uuid.uuid4().hex[:6]}"
        response = self.client.post(
            "/registry/api/v1/networks", json={"name": name, "town": name}, headers=headers
        )
        assert response.status_code == 201, response.json
        return response.json

    def register_member(self, headers: dict[str, str], network_id: str, **fields) -> dict:
        body = {"kind": "household", "display_name": "Famiglia Test", **fields}
        response = self.client.post(
            "/registry/api/v1/members", json={"network_id": network_id, **body}, headers=headers
        )
        assert response.status_code == 201, response.json
        return response.json

    def balances(self, headers: dict[str, str], member_id: str) -> TestResponse:
        return self.client.get(f"/exchange/api/v1/members/{member_id}/balances", headers=headers)

    def inbox(self, headers: dict[str, str], member_id: str) -> TestResponse:
        return self.client.get(f"/notifications/api/v1/members/{member_id}/inbox", headers=headers)


@contextmanager
def running_system(settings: Settings) -> Iterator[RunningSystem]:
    """The whole system in this process with its workers consuming, stopped afterwards."""
    system = AllInOne(settings)
    system.prepare()
    system.start_workers()
    running = RunningSystem(system)
    try:
        yield running
    finally:
        system.stop_workers()
        running.close()
