"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, to read in tests."""

from __future__ import annotations

import email
import email.policy
import threading
from dataclasses import dataclass
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.support.processes import free_port


@dataclass(frozen=True)
class ReceivedEmail:
    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()


class _Keeper:
    def __init__(self, refused: frozenset[str]) -> None:
        self.received: list[ReceivedEmail] = []
        self.refused = refused
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(
                ReceivedEmail(envelope.mail_from, list(envelope.rcpt_tos), message)
            )
        return "250 OK"


class SmtpServer:
    """aiosmtpd's Controller on 127.0.0.1; optionally STARTTLS, a login, refused mailboxes."""

    def __init__(
        self,
        *,
        tls_context=None,
        credentials: tuple[str, str] | None = None,
        refused: frozenset[str] = frozenset(),
    ) -> None:
        self._keeper = _Keeper(refused)
        self.port = free_port()
        options = {}
        if tls_context is not None:
            options.update(tls_context=tls_context, require_starttls=True)
        if credentials is not None:
            options.update(authenticator=_authenticator(credentials), auth_required=True)
        self._controller = Controller(self._keeper, hostname="127.0.0.1", port=self.port, **options)
        self._controller.start()

    @property
    def received(self) -> list[ReceivedEmail]:
        with self._keeper.lock:
            return list(self._keeper.received)

    def to(self, address: str) -> list[ReceivedEmail]:
        return [mail for mail in self.received if address in mail.envelope_to]

    def close(self) -> None:
        self._controller.stop()


def _authenticator(credentials: tuple[str, str]):
    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        given = (auth_data.login.decode(), auth_data.password.decode())
        return AuthResult(success=given == credentials, handled=False)

    return authenticate
