"""SMS through an HTTP gateway speaking a small JSON API.

``POST <url>`` with ``Authorization: Bearer <token>``, ``Idempotency-Key:
<delivery id>`` and ``{"to": "+39…", "text": "…"}``; the gateway answers
2xx with ``{"id": "<its message id>"}``. A second request with the same key
must not send a second SMS (it answers with the first one's id): that is
what makes a retry after a timeout safe.

5xx, 408, 429, a timeout or no connection are temporary; so are 401 and
403 (a wrong token is this installation's fault, not the message's: the
messages wait until it is mended). Any other 4xx refuses the message itself
(a malformed number) and is permanent. Errors never quote the number or the
text.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from ..domain.channels import PermanentFailure, TemporaryFailure

TEMPORARY_STATUSES = frozenset({401, 403, 408, 425, 429})


class HttpSmsGateway:
    """The JSON-over-HTTP SMS provider."""

    def __init__(self, url: str, token: str, *, timeout: float = 5.0) -> None:
        self._url = url
        self._token = token
        self._timeout = timeout

    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        """Hand one SMS to the gateway; return the gateway's message id."""
        request = urllib.request.Request(
            self._url,
            data=json.dumps({"to": to, "text": text}).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self._token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Idempotency-Key": idempotency_key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                answer = json.load(response)
        except urllib.error.HTTPError as error:
            error.close()
            raise _for_status(error.code) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise TemporaryFailure(f"SMS gateway unreachable: {type(reason).__name__}") from None
        except ValueError:
            raise TemporaryFailure("the SMS gateway's answer is not JSON") from None
        if not isinstance(answer, dict) or not answer.get("id"):
            raise TemporaryFailure("the SMS gateway's answer has no message id")
        return str(answer["id"])


def _for_status(status: int) -> PermanentFailure | TemporaryFailure:
    if status >= 500 or status in TEMPORARY_STATUSES:
        return TemporaryFailure(f"the SMS gateway answered {status}")
    return PermanentFailure(f"the SMS gateway refused the message ({status})")
