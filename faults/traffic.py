"""Tills paying without pause in background threads while a scenario breaks something."""

from __future__ import annotations

import threading
import time

from faults.context import Context
from faults.record import Record
from faults.town import Town, redeem


class Traffic:
    """``with Traffic(ctx, town):`` tills pay 1 € again and again until the block ends."""

    def __init__(self, ctx: Context, town: Town, threads: int = 8, pause: float = 0.02) -> None:
        self._ctx, self._town, self._threads, self._pause = ctx, town, threads, pause
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self.records: list[Record] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Traffic:
        for number in range(self._threads):
            thread = threading.Thread(target=self._pay, args=(number,), daemon=True)
            thread.start()
            self._workers.append(thread)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._workers:
            thread.join(60)

    def _pay(self, till: int) -> None:
        count = till
        while not self._stop.is_set():
            record = redeem(self._ctx.recorder, self._town, count, 100, timeout=15)
            with self._lock:
                self.records.append(record)
            count += self._threads
            time.sleep(self._pause)


def failures(records: list[Record]) -> list[Record]:
    """Answers that were not answers: a 5xx, a broken connection or no answer in time."""
    return [r for r in records if r.outcome != "ok"]
