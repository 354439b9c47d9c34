"""Pages through the test client: a browser's cookies, CSRF tokens, and who is logged in."""

from __future__ import annotations

import re

from werkzeug.test import Client, TestResponse

from shared.web.pages import CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE

CSRF = "test-csrf-token"


def browse_as(client: Client, access_token: str | None) -> None:
    """This client's pages now come with this session (a token: an access or device token)."""
    if access_token is None:
        client.delete_cookie(SESSION_COOKIE)
    else:
        client.set_cookie(SESSION_COOKIE, access_token)
    client.set_cookie(CSRF_COOKIE, CSRF)


def token_of(headers: dict[str, str]) -> str:
    """The token inside ``{"Authorization": "Bearer ..."}``."""
    return headers["Authorization"].split(" ", 1)[1]


def submit(client: Client, path: str, data: dict | None = None, **kwargs) -> TestResponse:
    """Post a page's form as a browser would, with the CSRF token."""
    return client.post(path, data={CSRF_FIELD: CSRF, **(data or {})}, **kwargs)


def text_of(response: TestResponse) -> str:
    """The page's visible words, roughly: tags removed, spaces squeezed."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
