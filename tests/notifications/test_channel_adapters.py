"""The SMTP sender and the SMS gateway client on real servers: security, and what is retried."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from services.notifications.adapters.sms_gateway import HttpSmsGateway
from services.notifications.adapters.smtp import SmtpEmailSender
from services.notifications.domain.channels import Email, PermanentFailure, TemporaryFailure
from tests.support.processes import free_port
from tests.support.sms_gateway import TOKEN
from tests.support.smtp_server import SmtpServer

SENDER = "Fa Bene <noreply@fabene.example>"
EMAIL = Email(
    key="0b8f7a9e-delivery",
    to_address="rossi@example.org",
    to_name="Famiglia Rossi",
    subject="Benvenuti in Fa Bene",
    body="La vostra iscrizione è registrata.",
    language="it",
    right_to_left=False,
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: the server's, and the client's only trust."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def tls_server(certificate):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    server = SmtpServer(tls_context=context, credentials=("fabene", "s3cret"))
    yield server
    server.close()


def starttls_sender(port: int, certificate, password: str = "s3cret") -> SmtpEmailSender:
    return SmtpEmailSender(
        "127.0.0.1",
        port,
        SENDER,
        security="starttls",
        username="fabene",
        password=password,
        timeout=5,
        ssl_context=ssl.create_default_context(cafile=str(certificate[0])),
    )


def test_an_email_goes_over_starttls_after_a_login(tls_server, certificate):
    message_id = starttls_sender(tls_server.port, certificate).send(EMAIL)
    [mail] = tls_server.to("rossi@example.org")
    assert message_id == "<0b8f7a9e-delivery@fabene.example>" == mail.message["Message-ID"]
    assert mail.message["From"] == SENDER
    assert mail.text.strip() == "La vostra iscrizione è registrata."


def test_a_wrong_smtp_password_is_retried_not_given_up(tls_server, certificate):
    with pytest.raises(TemporaryFailure):
        starttls_sender(tls_server.port, certificate, password="wrong").send(EMAIL)


def test_a_server_whose_certificate_is_not_trusted_gets_nothing(tls_server):
    sender = SmtpEmailSender("127.0.0.1", tls_server.port, SENDER, security="starttls")
    with pytest.raises(TemporaryFailure):
        sender.send(EMAIL)
    assert tls_server.received == []


def test_a_refused_mailbox_is_permanent_and_an_absent_server_temporary():
    server = SmtpServer(refused=frozenset({"rossi@example.org"}))
    try:
        with pytest.raises(PermanentFailure):
            SmtpEmailSender("127.0.0.1", server.port, SENDER, security="none").send(EMAIL)
    finally:
        server.close()
    with pytest.raises(TemporaryFailure):
        SmtpEmailSender("127.0.0.1", free_port(), SENDER, security="none").send(EMAIL)


@pytest.mark.parametrize(
    ("status", "failure"),
    [
        (500, TemporaryFailure),
        (503, TemporaryFailure),
        (429, TemporaryFailure),
        (400, PermanentFailure),
        (422, PermanentFailure),
    ],
)
def test_the_gateways_answers_are_temporary_or_permanent(sms_gateway, status, failure):
    sms_gateway.fail_next(1, status=status)
    with pytest.raises(failure):
        HttpSmsGateway(sms_gateway.url, TOKEN).send("+39333", "Ciao", idempotency_key="k1")
    assert sms_gateway.sent == []


def test_a_wrong_token_or_no_gateway_is_temporary(sms_gateway):
    with pytest.raises(TemporaryFailure):
        HttpSmsGateway(sms_gateway.url, "wrong").send("+39333", "Ciao", idempotency_key="k1")
    absent = f"http://127.0.0.1:{free_port()}/messages"
    with pytest.raises(TemporaryFailure):
        HttpSmsGateway(absent, TOKEN, timeout=1).send("+39333", "Ciao", idempotency_key="k1")


def test_the_same_idempotency_key_sends_one_sms(sms_gateway):
    gateway = HttpSmsGateway(sms_gateway.url, TOKEN)
    first = gateway.send("+39333", "Ciao", idempotency_key="k1")
    again = gateway.send("+39333", "Ciao", idempotency_key="k1")
    assert first == again
    assert len(sms_gateway.sent) == 1
