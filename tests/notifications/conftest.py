"""Fixtures of the notifications tests: a real SMTP server, the fake SMS provider, a clock,
events from the registry and the exchange, tokens for the API."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.domain.deliveries import Delivery
from services.notifications.domain.model import InboxMessage, Recipient
from services.wiring import bootstrap_service
from shared.auth.keys import token_signer_provider
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from shared.messaging.envelope import Envelope
from shared.messaging.subscriptions import EventDispatcher
from tests.notifications.support import Clock, Member
from tests.support.sms_gateway import TOKEN, FakeSmsGateway
from tests.support.smtp_server import SmtpServer
from tests.support.town import town  # noqa: F401  (the exchange's town, for end-to-end tests)


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    yield server
    server.close()


@pytest.fixture
def sms_gateway():
    gateway = FakeSmsGateway()
    yield gateway
    gateway.close()


@pytest.fixture
def notifying_settings(settings, smtp_server, sms_gateway):
    """E-mail to the test's SMTP server, SMS to its fake provider, fast retries, no quiet hours."""
    return settings.with_overrides(
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_security="none",
        sms_provider="http",
        sms_gateway_url=sms_gateway.url,
        sms_gateway_token=TOKEN,
        sms_timeout_seconds=0.3,
        delivery_retry_seconds=10,
        delivery_max_attempts=4,
        dispatch_idle_seconds=0.02,
        quiet_hours_start="",
        quiet_hours_end="",
    )


@pytest.fixture
def notifications(notifying_settings):
    service = bootstrap_service("notifications", notifying_settings)
    yield service
    service.database.dispose()


@pytest.fixture
def clock():
    """A minute ahead of real time, so what the test creates is already due."""
    return Clock(datetime.now(UTC) + timedelta(minutes=1))


@pytest.fixture
def dispatcher(notifications, clock):
    return notifications.dispatcher(clock=clock)


@pytest.fixture
def deliver(notifications):
    """Hand an event to the notifications service as its consumer would; returns the envelope."""
    dispatch = EventDispatcher(notifications.bus, notifications.subscriptions)

    def deliver(event_type: str, envelope: Envelope | None = None, **data) -> Envelope:
        envelope = envelope or Envelope.new(event_type, data, producer="registry")
        dispatch(envelope)
        return envelope

    return deliver


@pytest.fixture
def exchange_event(deliver):
    """An event of the exchange, as its relay publishes it; ``occurred_at`` when it matters."""

    def exchange_event(event_type: str, occurred_at: datetime | None = None, **data) -> Envelope:
        envelope = Envelope(
            type=event_type,
            data={
                key: str(value) if isinstance(value, uuid.UUID) else value
                for key, value in data.items()
            },
            producer="exchange",
            occurred_at=occurred_at or datetime.now(UTC),
        )
        return deliver(event_type, envelope=envelope)

    return exchange_event


@pytest.fixture
def token(settings):
    """Signed tokens, as the registry issues them."""
    sign = token_signer_provider(settings)()

    def token(role: Role, network_id: str | None = None, member_id: str | None = None) -> dict:
        principal = Principal(new_id(), role, network_id=network_id, member_id=member_id)
        return {"Authorization": f"Bearer {sign.issue(principal)}"}

    return token


@pytest.fixture
def enrol(deliver):
    """A member as the registry announces one: registered, then their contact points."""

    def enrol(language="it", email="famiglia@example.org", phone="+393331234567", network_id=None):
        member = Member(str(uuid.uuid4()), network_id or str(uuid.uuid4()), email, phone)
        common = {"member_id": member.member_id, "network_id": member.network_id}
        contact = {"display_name": "Famiglia Rossi", "email": email, "phone": phone}
        deliver("registry.member.contact_changed", **common, **contact, language=language)
        registered = {"kind": "household", "status": "pending", "language": language}
        deliver("registry.member.registered", **common, **registered)
        return member

    return enrol


@pytest.fixture
def log_of(notifications):
    """The delivery log, inbox and recipient of a member, read from the database."""

    def log_of(member_id: str) -> tuple[list[Delivery], list[InboxMessage], Recipient | None]:
        with notifications.database.session() as session:
            deliveries = session.query(Delivery).filter_by(member_id=member_id).all()
            inbox = session.query(InboxMessage).filter_by(member_id=member_id).all()
            return deliveries, inbox, session.get(Recipient, member_id)

    return log_of
