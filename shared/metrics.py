"""Prometheus metrics shared by every service.

The web process exports the HTTP figures; the outbox and consumer figures are
set by the relay and the consumer, in whichever process runs them (the
``fabene worker`` process, or the one process of ``fabene run``).
docs/operations.md says what each one is for and how to watch it.
"""

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "fabene_http_requests_total", "HTTP requests answered.", ["service", "endpoint", "status"]
)
HTTP_LATENCY = Histogram(
    "fabene_http_request_seconds",
    "Time to answer an HTTP request.",
    ["service", "endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
OUTBOX_PUBLISHED = Counter(
    "fabene_outbox_published_total", "Events the broker confirmed.", ["service"]
)
OUTBOX_PUBLISH_FAILURES = Counter(
    "fabene_outbox_publish_failures_total",
    "Events nacked or returned unroutable; they stay in the outbox.",
    ["service"],
)
# Gauges the relay sets every few seconds from one query on the outbox's
# pending rows. Several relays of a service report the same figures: take max().
OUTBOX_BACKLOG = Gauge(
    "fabene_outbox_backlog_events",
    "Events written to the outbox and not published yet, as the relay last counted them.",
    ["service"],
    multiprocess_mode="max",
)
OUTBOX_LAG = Gauge(
    "fabene_outbox_lag_seconds",
    "Age of the oldest unpublished event when the relay last looked; 0 when none waits.",
    ["service"],
    multiprocess_mode="max",
)
EVENTS_CONSUMED = Counter(
    "fabene_events_consumed_total",
    "Events taken from a service's queue, by outcome: handled, retried, dead_lettered.",
    ["service", "outcome"],
)
EVENTS_RETRIED = Counter(
    "fabene_events_retried_total",
    "Events sent to the retry queue, by cause: handler_failed, database_unavailable.",
    ["service", "cause"],
)
EVENTS_DEAD_LETTERED = Counter(
    "fabene_events_dead_lettered_total",
    "Events sent to the dead-letter queue, by reason: undecodable, invalid_envelope, "
    "invalid_data, unknown_type, handler_failed.",
    ["service", "reason"],
)
