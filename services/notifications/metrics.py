"""Prometheus metrics of the notifications service (named as in shared/metrics.py)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from .domain.channels import Channel
from .domain.deliveries import DeliveryStatus
from .domain.model import Notification

DELIVERIES = Counter(
    "fabene_notifications_deliveries_total",
    "Delivery attempts by channel and outcome: sent, failed (retried later), given_up, "
    "held (quiet hours, contact points on their way).",
    ["channel", "outcome"],
)
SEND_SECONDS = Histogram(
    "fabene_notifications_send_seconds",
    "Time the SMTP server or SMS gateway took to take (or refuse) one message.",
    ["channel"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def count_outcome(channel: Channel, outcome: str) -> None:
    DELIVERIES.labels(channel.value, outcome).inc()


def count_delivered_to_inbox(notification: Notification) -> None:
    """Inbox messages are delivered in the handler's transaction; counted once it committed."""
    for delivery in notification.deliveries:
        if delivery.channel is Channel.INBOX and delivery.status is DeliveryStatus.SENT:
            count_outcome(Channel.INBOX, "sent")
