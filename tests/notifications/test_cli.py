"""``fabene notifications``, run as an operator would run it.

``dispatch`` runs as a process of its own (it configures logging for the
whole process); the read-only commands and ``requeue`` run in this one.
"""

from __future__ import annotations

import os
import subprocess

from click.testing import CliRunner

from services.cli import main
from services.notifications.domain.deliveries import DeliveryStatus
from tests.notifications.support import by_channel
from tests.support.processes import FABENE, settings_to_env


def test_dispatch_once_sends_what_is_due(notifying_settings, enrol, smtp_server, sms_gateway):
    enrol(email="rossi@example.org", phone="+393331234567")
    sms_gateway.fail_next(1, status=400)  # the SMS is refused, for good
    dispatched = subprocess.run(
        [str(FABENE), "notifications", "dispatch", "--once"],
        env={**os.environ, **settings_to_env(notifying_settings), "FABENE_LOG_LEVEL": "ERROR"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dispatched.returncode == 0, dispatched.stderr
    assert dispatched.stdout.strip() == "dispatched: given_up 1, sent 1"
    assert smtp_server.to("rossi@example.org")


def test_an_operator_lists_failures_counts_deliveries_and_requeues_a_given_up_one(
    notifying_settings, enrol, dispatcher, sms_gateway, log_of
):
    member = enrol(email=None, phone="+393331234567")
    sms_gateway.fail_next(1, status=400)
    dispatcher.run_once()
    sms = by_channel(log_of(member.member_id)[0])["sms"]
    runner = CliRunner(env=settings_to_env(notifying_settings))

    def fabene(*arguments: str) -> str:
        result = runner.invoke(main, ["notifications", *arguments], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    listed = fabene("failures", member.network_id)
    assert sms.id in listed and "(400)" in listed and "+39" not in listed
    counts = fabene("stats", member.network_id).splitlines()
    assert "sms    queued=0  sending=0  sent=0  failed=0  given_up=1" in counts
    assert counts[-1] == "2 deliveries in the last 30 day(s)"
    assert fabene("requeue", sms.id).strip() == f"{sms.id}: queued again"
    refused = runner.invoke(main, ["notifications", "requeue", sms.id])
    assert refused.exit_code == 1 and "given-up" in refused.output
    assert dispatcher.run_once()["sent"] == 1
    assert by_channel(log_of(member.member_id)[0])["sms"].status is DeliveryStatus.SENT
