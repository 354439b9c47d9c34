"""What the notifications service takes from the settings: channels, time zone, rules.

A bad value stops the service at start with the variable's name, as
shared/config.py does for values of the wrong kind.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.config import ConfigurationError, Settings

from .adapters.sms_gateway import HttpSmsGateway
from .adapters.smtp import SECURITY_MODES, SmtpEmailSender
from .dispatcher import Channels
from .domain.deliveries import RetryPolicy
from .domain.dispatching import DispatchRules
from .domain.quiet_hours import QuietHours

SMS_PROVIDERS = ("", "http")


def time_zone(settings: Settings) -> ZoneInfo:
    try:
        return ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"FABENE_TIMEZONE={settings.timezone!r} is not a time zone (e.g. Europe/Rome)"
        ) from None


def default_quiet_hours(settings: Settings) -> QuietHours | None:
    """The programme's quiet hours, for members who did not choose their own."""
    if not settings.quiet_hours_start or not settings.quiet_hours_end:
        return None
    try:
        return QuietHours.parse(settings.quiet_hours_start, settings.quiet_hours_end)
    except ValueError:
        raise ConfigurationError(
            "FABENE_QUIET_HOURS_START and FABENE_QUIET_HOURS_END must be times as HH:MM"
        ) from None


def channels(settings: Settings) -> Channels:
    """E-mail when an SMTP host is set; SMS when a provider is chosen."""
    return Channels(email=_email_sender(settings), sms=_sms_provider(settings))


def dispatch_rules(settings: Settings) -> DispatchRules:
    return DispatchRules(
        retry=RetryPolicy(
            max_attempts=settings.delivery_max_attempts,
            first_delay=timedelta(seconds=settings.delivery_retry_seconds),
        ),
        zone=time_zone(settings),
        default_quiet_hours=default_quiet_hours(settings),
    )


def _email_sender(settings: Settings) -> SmtpEmailSender | None:
    if not settings.smtp_host:
        return None
    if settings.smtp_security not in SECURITY_MODES:
        raise ConfigurationError(
            f"FABENE_SMTP_SECURITY={settings.smtp_security!r}: "
            f"choose one of {', '.join(SECURITY_MODES)}"
        )
    return SmtpEmailSender(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_sender,
        security=settings.smtp_security,
        username=settings.smtp_username,
        password=settings.smtp_password,
        timeout=settings.smtp_timeout_seconds,
    )


def _sms_provider(settings: Settings) -> HttpSmsGateway | None:
    if settings.sms_provider not in SMS_PROVIDERS:
        raise ConfigurationError(
            f"FABENE_SMS_PROVIDER={settings.sms_provider!r}: choose http, or leave it empty"
        )
    if not settings.sms_provider:
        return None
    if not settings.sms_gateway_url:
        raise ConfigurationError("FABENE_SMS_PROVIDER=http needs FABENE_SMS_GATEWAY_URL")
    return HttpSmsGateway(
        settings.sms_gateway_url,
        settings.sms_gateway_token,
        timeout=settings.sms_timeout_seconds,
    )
