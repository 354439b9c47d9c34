"""Prometheus metrics shared by every service."""

from prometheus_client import Counter, Histogram

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
EVENTS_CONSUMED = Counter(
    "fabene_events_consumed_total",
    "Events taken from a service's queue, by outcome.",
    ["service", "outcome"],
)
