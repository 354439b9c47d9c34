"""The test-only fault hook: off by default, and it kills only at its point and count."""

from __future__ import annotations

import signal

import pytest

from shared import fault_hook
from shared.config import Settings


@pytest.fixture
def kills(monkeypatch):
    killed: list[tuple[int, int]] = []
    monkeypatch.setattr(fault_hook.os, "kill", lambda pid, sig: killed.append((pid, sig)))
    yield killed
    fault_hook.arm("")


def test_the_hook_is_off_by_default(kills):
    fault_hook.arm(Settings.from_env({}).fault_kill_at)
    for point in fault_hook.POINTS:
        fault_hook.reached(point)
    assert kills == []


def test_an_armed_hook_kills_at_its_point_the_nth_time(kills):
    fault_hook.arm(Settings.from_env({"FABENE_FAULT_KILL_AT": "before_ack:3"}).fault_kill_at)
    fault_hook.reached("before_commit")
    fault_hook.reached("before_ack")
    fault_hook.reached("before_ack")
    assert kills == []
    fault_hook.reached("before_ack")
    assert [sig for _, sig in kills] == [signal.SIGKILL]


def test_an_unknown_point_is_refused():
    with pytest.raises(ValueError, match="no point 'sometime'"):
        fault_hook.arm("sometime")
