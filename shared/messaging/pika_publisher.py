"""Publishing to RabbitMQ with a window of unconfirmed messages (pika).

Waiting for each publisher confirm caps a relay near 1,600 events/s on our
machines; keeping up to ``relay_window`` messages in flight and settling them
as the broker's (often multiple) acks arrive reaches the broker's own pace.
kombu has no such API, so this is pika's ``SelectConnection``, driven
synchronously: each ``publish`` runs the I/O loop until every message of the
batch is acked, nacked, returned as unroutable, or the confirm timeout hits.

Messages are published ``mandatory``: one that no queue is bound for comes
back, counts as failed, and stays in the outbox to be tried again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pika
from pika.spec import Basic

from shared.config import Settings
from shared.messaging.connection import BrokerUnavailable, pika_parameters
from shared.messaging.outbox import OutgoingMessage
from shared.messaging.publishing import PublishOutcome, message_headers

log = logging.getLogger(__name__)


class _Batch:
    """The state of one ``publish`` call while the I/O loop runs."""

    def __init__(self, messages: Sequence[OutgoingMessage]) -> None:
        self.unsent = list(reversed(messages))
        self.in_flight: dict[int, OutgoingMessage] = {}
        self.returned: set[str] = set()
        self.outcome = PublishOutcome()
        self.error: str | None = None

    @property
    def finished(self) -> bool:
        return self.error is not None or not (self.unsent or self.in_flight)

    def settle(self, message: OutgoingMessage, acked: bool) -> None:
        if not acked:
            self.outcome.failed[message.position] = "nacked by the broker"
        elif message.event_id in self.returned:
            self.outcome.failed[message.position] = (
                f"unroutable: no queue is bound for {message.event_type}"
            )
        else:
            self.outcome.confirmed.append(message.position)


class PikaPipelinedPublisher:
    """Publishes outbox rows with pipelined publisher confirms."""

    def __init__(self, settings: Settings) -> None:
        self._parameters = pika_parameters(settings)
        self._exchange = settings.events_exchange
        self._window = settings.relay_window
        self._timeout = settings.confirm_timeout_seconds
        self._connection: pika.SelectConnection | None = None
        self._channel = None
        self._next_delivery_tag = 0
        self._batch: _Batch | None = None
        self._opening_error: str | None = None

    def publish(self, messages: Sequence[OutgoingMessage]) -> PublishOutcome:
        """Publish a batch; raise BrokerUnavailable if nothing could be confirmed."""
        self._ensure_channel()
        batch = self._batch = _Batch(messages)
        ioloop = self._connection.ioloop
        timer = ioloop.call_later(self._timeout, self._on_confirm_timeout)
        try:
            self._send_within_window()
            if not batch.finished:
                ioloop.start()
        finally:
            ioloop.remove_timeout(timer)
            self._batch = None
        if batch.error is not None:
            self.close()
            if not batch.outcome.confirmed and not batch.outcome.failed:
                raise BrokerUnavailable(batch.error)
        return batch.outcome

    def keep_alive(self) -> None:
        """Let the connection service heartbeats while the relay has nothing to send."""
        if self._connection is not None and self._connection.is_open:
            ioloop = self._connection.ioloop
            ioloop.call_later(0, ioloop.stop)
            ioloop.start()

    def close(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is None:
            return
        try:
            if not connection.is_closed:
                if not connection.is_closing:
                    connection.close()
                connection.ioloop.start()  # until the close completes and stops the loop
        except pika.exceptions.AMQPError as error:
            log.debug("closing the relay connection: %r", error)
        finally:
            connection.ioloop.close()  # its wake-up socket pair

    def _send_within_window(self) -> None:
        batch = self._batch
        while batch.unsent and len(batch.in_flight) < self._window:
            message = batch.unsent.pop()
            self._channel.basic_publish(
                exchange=self._exchange,
                routing_key=message.event_type,
                body=message.payload.encode(),
                properties=pika.BasicProperties(
                    content_type="application/json",
                    content_encoding="utf-8",
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=message.event_id,
                    type=message.event_type,
                    headers=message_headers(message),
                ),
                mandatory=True,
            )
            self._next_delivery_tag += 1
            batch.in_flight[self._next_delivery_tag] = message

    def _on_confirm(self, frame: pika.frame.Method) -> None:
        batch = self._batch
        if batch is None:
            return
        acked = isinstance(frame.method, Basic.Ack)
        tag, multiple = frame.method.delivery_tag, frame.method.multiple
        if multiple:
            while batch.in_flight and next(iter(batch.in_flight)) <= tag:
                batch.settle(batch.in_flight.pop(next(iter(batch.in_flight))), acked)
        elif tag in batch.in_flight:
            batch.settle(batch.in_flight.pop(tag), acked)
        self._send_within_window()
        if batch.finished:
            self._connection.ioloop.stop()

    def _on_return(self, _channel, _method, properties, _body) -> None:
        if self._batch is not None:
            self._batch.returned.add(properties.message_id)

    def _on_confirm_timeout(self) -> None:
        if self._batch is not None:
            self._batch.error = f"no confirm within {self._timeout}s"
        self._connection.ioloop.stop()

    def _on_connection_closed(self, connection, reason) -> None:
        message = f"connection closed: {reason}"
        if self._batch is not None:
            self._batch.error = message
        self._opening_error = self._opening_error or message
        self._channel = None
        connection.ioloop.stop()

    def _ensure_channel(self) -> None:
        if self._channel is not None and self._channel.is_open:
            return
        self.close()
        self._opening_error = None
        self._connection = pika.SelectConnection(
            self._parameters,
            on_open_callback=lambda connection: connection.channel(
                on_open_callback=self._on_channel_open
            ),
            on_open_error_callback=self._on_open_error,
            on_close_callback=self._on_connection_closed,
        )
        ioloop = self._connection.ioloop
        timer = ioloop.call_later(self._timeout, self._on_open_timeout)
        ioloop.start()
        ioloop.remove_timeout(timer)
        if self._channel is None or not self._channel.is_open:
            error = self._opening_error or "the channel did not open"
            self.close()
            raise BrokerUnavailable(error)

    def _on_open_error(self, connection, error) -> None:
        self._opening_error = f"cannot connect: {error!r}"
        connection.ioloop.stop()

    def _on_open_timeout(self) -> None:
        self._opening_error = f"no connection within {self._timeout}s"
        self._connection.ioloop.stop()

    def _on_channel_open(self, channel) -> None:
        channel.add_on_close_callback(self._on_channel_closed)
        channel.add_on_return_callback(self._on_return)
        channel.exchange_declare(
            self._exchange,
            exchange_type="topic",
            durable=True,
            callback=lambda _frame: channel.confirm_delivery(
                ack_nack_callback=self._on_confirm,
                callback=lambda _frame: self._on_ready(channel),
            ),
        )

    def _on_ready(self, channel) -> None:
        self._channel = channel
        self._next_delivery_tag = 0
        self._connection.ioloop.stop()

    def _on_channel_closed(self, _channel, reason) -> None:
        if isinstance(reason, pika.exceptions.ChannelClosedByClient):
            log.debug("relay channel closed: %s", reason)  # our own close()
        else:
            log.warning("relay channel closed: %s", reason)
        message = f"channel closed: {reason}"
        if self._batch is not None:
            self._batch.error = message
        self._opening_error = self._opening_error or message
        self._channel = None
        if self._connection is not None:
            self._connection.ioloop.stop()
