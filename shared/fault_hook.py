"""A test-only fault hook: ``FABENE_FAULT_KILL_AT=point[:n]`` kills a worker at that point.

The fault suite (``faults/``, scenarios 3 and 4) sets it on one ``fabene
worker`` process to SIGKILL it the n-th time (default 1) it reaches a point:

- ``before_commit``: a consumer's handler did its work, not yet committed;
- ``before_ack``: the handler committed, the message not yet acked;
- ``after_confirm``: the broker confirmed a relay's batch, not yet marked published.

Off unless armed (the setting is empty by default); only ``fabene worker`` arms it.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

log = logging.getLogger(__name__)

POINTS = ("before_commit", "before_ack", "after_confirm")

_armed: dict[str, int] = {}
_lock = threading.Lock()


def arm(spec: str) -> None:
    """Arm the hook from the setting's value (``""`` leaves it off)."""
    _armed.clear()
    if not spec:
        return
    point, _, count = spec.partition(":")
    if point not in POINTS:
        raise ValueError(f"FABENE_FAULT_KILL_AT: no point {point!r} (one of {', '.join(POINTS)})")
    _armed[point] = int(count or 1)
    log.warning("fault hook armed: SIGKILL at %s number %d", point, _armed[point])


def reached(point: str) -> None:
    """Kill this process here if the hook is armed for ``point`` and its count is up."""
    if point not in _armed:
        return
    with _lock:
        _armed[point] -= 1
        if _armed[point] > 0:
            return
    log.warning("fault hook: SIGKILL at %s", point)
    os.kill(os.getpid(), signal.SIGKILL)
