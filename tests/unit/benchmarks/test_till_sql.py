"""The till's statements turned into a pgbench script (benchmarks/till_sql.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from benchmarks.till_sql import AMOUNT_CENTS, Statement, _FreshKey, pgbench_script

CARD = "6000000000000001"
SHOP = "5f1d3c1e-0000-4000-8000-000000000001"
DEVICE = "5f1d3c1e-0000-4000-8000-000000000002"
TRANSACTION = "5f1d3c1e-0000-4000-8000-00000000000a"
NETWORK = "5f1d3c1e-0000-4000-8000-00000000000b"


def script(*statements: Statement) -> list[str]:
    looked_up = {"card_number": CARD, "shop_id": SHOP, "device_id": DEVICE}
    return pgbench_script(list(statements), looked_up, tills=32, cards_per_till=8).splitlines()


def test_each_transaction_picks_one_of_its_tills_cards_and_fresh_values():
    lines = script(Statement("BEGIN", {}, None))
    assert lines[:4] == [
        "\\set card random(0, 7)",
        "\\set i :client_id % 32 + 32 * :card",
        "\\set fresh random(1, 9000000000000000000)",
        "\\set amount random(50, 140)",
    ]
    assert lines[4].startswith("SELECT card_number, card_id") and lines[4].endswith("\\gset")
    assert lines[5:] == ["BEGIN;"]


def test_the_tills_values_become_variables_and_new_ids_fresh_ones():
    lines = script(
        Statement(
            "INSERT INTO transactions (id, network_id, shop_id) "
            "VALUES (%(id)s::VARCHAR, %(network_id)s::VARCHAR, %(shop_id)s::VARCHAR)",
            {"id": TRANSACTION, "network_id": NETWORK, "shop_id": SHOP},
            1,
        ),
        Statement(
            "INSERT INTO postings (transaction_id, amount) VALUES (%(t)s, %(a)s::BIGINT)",
            {"t": TRANSACTION, "a": -AMOUNT_CENTS},
            1,
        ),
        Statement(
            "UPDATE idempotency_keys SET answer=%(answer)s WHERE key = %(key)s",
            {"answer": "{'at': '09:04'}", "key": _FreshKey("bench-1")},
            1,
        ),
    )
    assert lines[5:] == [
        "\\startpipeline",
        "INSERT INTO transactions (id, network_id, shop_id) VALUES (('f0-' || :fresh)::VARCHAR,"
        f" E'{NETWORK}'::VARCHAR, :shop_id::VARCHAR);",  # the network is the same for all
        "INSERT INTO postings (transaction_id, amount) "
        "VALUES (('f0-' || :fresh), -:amount::BIGINT);",
        # a colon inside a value would be a pgbench variable: escaped
        "UPDATE idempotency_keys SET answer=E'{\\'at\\'\\x3a \\'09\\x3a04\\'}' "
        "WHERE key = ('k' || :fresh);",
        "\\endpipeline",
    ]


def test_statements_sent_together_stay_together():
    at = datetime(2026, 11, 25, 9, 4, tzinfo=UTC)
    lines = script(
        Statement("BEGIN", {}, None),
        Statement("SELECT 1 WHERE %(x)s > 0", {"x": 1}, 1),
        Statement("SELECT %(at)s, %(none)s, %(yes)s", {"at": at, "none": None, "yes": True}, 2),
        Statement("COMMIT", {}, 2),
    )
    assert lines[5:] == [
        "BEGIN;",
        "\\startpipeline",
        "SELECT 1 WHERE 1 > 0;",
        "\\endpipeline",
        "\\startpipeline",
        "SELECT E'2026-11-25T09\\x3a04\\x3a00+00\\x3a00', NULL, true;",
        "COMMIT;",
        "\\endpipeline",
    ]
