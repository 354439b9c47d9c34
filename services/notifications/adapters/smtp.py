"""E-mail through an SMTP server (``smtplib``): plain, STARTTLS or TLS, with or without a login.

Each e-mail has a plain-text part and an HTML part that carries the
language and, for Arabic, the right-to-left direction. Its Message-ID is
made from the delivery id, so a retry after an unknown outcome is the same
e-mail to every mail system that deduplicates by Message-ID.

Only a refusal of the recipient or of the message itself (a 5xx reply) is
permanent. A refused login or sender is this installation's configuration,
not the message's fault: those, and every network trouble, are retried.
"""

from __future__ import annotations

import html
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from ..domain.channels import Email, PermanentFailure, TemporaryFailure

SECURITY_MODES = ("starttls", "tls", "none")


class SmtpEmailSender:
    """Sends each e-mail on a connection of its own."""

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        security: str = "starttls",
        username: str = "",
        password: str = "",
        timeout: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if security not in SECURITY_MODES:
            raise ValueError(f"SMTP security must be one of {', '.join(SECURITY_MODES)}")
        self._host, self._port, self._sender = host, port, sender
        self._security = security
        self._username, self._password = username, password
        self._timeout = timeout
        self._ssl_context = ssl_context or ssl.create_default_context()

    def send(self, email: Email) -> str:
        """Hand the e-mail to the server; return its Message-ID."""
        message = self.compose(email)
        try:
            with self._connect() as smtp:
                if self._username:
                    smtp.login(self._username, self._password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise _by_code(min(codes), "the server refused the recipient") from None
        except smtplib.SMTPDataError as error:
            raise _by_code(error.smtp_code, "the server refused the message") from None
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(f"SMTP server unavailable: {type(error).__name__}") from None
        return message["Message-ID"]

    def compose(self, email: Email) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = formataddr((email.to_name or "", email.to_address))
        message["Subject"] = email.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = f"<{email.key}@{self._domain()}>"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(email.body)
        message.add_alternative(_html(email), subtype="html")
        # after the parts: making the message multipart moves Content-* headers into them
        message["Content-Language"] = email.language
        return message

    def _connect(self) -> smtplib.SMTP:
        if self._security == "tls":
            return smtplib.SMTP_SSL(
                self._host, self._port, timeout=self._timeout, context=self._ssl_context
            )
        smtp = smtplib.SMTP(self._host, self._port, timeout=self._timeout)
        if self._security == "starttls":
            try:
                smtp.starttls(context=self._ssl_context)
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _domain(self) -> str:
        return parseaddr(self._sender)[1].rpartition("@")[2] or "fabene.invalid"


def _by_code(code: int, what: str) -> PermanentFailure | TemporaryFailure:
    if 500 <= code < 600:
        return PermanentFailure(f"{what} ({code})")
    return TemporaryFailure(f"{what} for now ({code})")


def _html(email: Email) -> str:
    direction = "rtl" if email.right_to_left else "ltr"
    paragraphs = "".join(
        f"<p>{html.escape(paragraph)}</p>" for paragraph in email.body.split("\n\n")
    )
    return (
        f'<!DOCTYPE html><html lang="{email.language}" dir="{direction}">'
        f'<head><meta charset="utf-8"><title>{html.escape(email.subject)}</title></head>'
        f"<body>{paragraphs}</body></html>"
    )
