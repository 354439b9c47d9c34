"""python -m faults [--only 9,10] [--seed N]: the fault scenarios, a checker and a table.

Exits 0 only when every scenario asked for ran, every invariant is 0 and
every scenario's own figure is what RELIABILITY.md asks; a scenario not
built counts as a failure.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.stack import add_server_arguments, interrupted_by_sigterm
from faults.checker import check, drain, outbox_marks
from faults.context import Context
from faults.record import Recorder
from faults.report import Row, table
from faults.stack import start_stack

SCENARIOS: dict[int, tuple[str, str | None]] = {
    1: ("broker stopped mid-traffic", "s01_broker_stopped"),
    2: ("broker memory alarm", "s02_memory_alarm"),
    3: ("consumer killed before/after commit", "s03_consumer_killed"),
    4: ("event x5; relay killed confirm-mark", "s04_duplicates"),
    5: ("poison messages", "s05_poison"),
    6: ("unroutable event", "s06_unroutable"),
    7: ("PostgreSQL restarted -m immediate", "s07_postgres_restart"),
    8: ("gunicorn worker killed mid-request", "s08_web_worker_killed"),
    9: ("50 redemptions against 10", "s09_concurrent_redemptions"),
    10: ("same Idempotency-Key", "s10_idempotency"),
    11: ("50 wrong PINs, restart", "s11_wrong_pins"),
    12: ("principal x object endpoints", "s12_authorisation"),
    13: ("mass assignment", "s13_mass_assignment"),
    14: ("erasure under traffic", "s14_erasure"),
}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m faults", description=__doc__)
    parser.add_argument("--only", help="scenario numbers, comma-separated (default: all)")
    parser.add_argument("--seed", type=int, help="the run's seed (default: chosen and printed)")
    parser.add_argument("--log-level", default="INFO", help="FABENE_LOG_LEVEL of the stack")
    parser.add_argument(
        "--record",
        type=Path,
        default=Path("test-results/faults/requests.jsonl"),
        help="where the request history is written (JSON lines)",
    )
    add_server_arguments(parser)
    args = parser.parse_args(argv)
    args.numbers = sorted(int(n) for n in args.only.split(",")) if args.only else list(SCENARIOS)
    if unknown := set(args.numbers) - set(SCENARIOS):
        parser.error(f"no scenario {sorted(unknown)}")
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(2**31)
    return args


def run_one(number: int, stack, recorder: Recorder, seed: int) -> Row:
    title, module_name = SCENARIOS[number]
    started = time.monotonic()
    if module_name is None or importlib.util.find_spec(f"faults.scenarios.{module_name}") is None:
        return Row(number, title, "not built", None, "not built", 0.0)
    recorder.scenario = number
    context = Context(number, stack, recorder, random.Random(f"{seed}-{number}"))
    marks = outbox_marks(stack)
    print(f"\n== scenario {number}: {title}", flush=True)
    try:
        outcome = importlib.import_module(f"faults.scenarios.{module_name}").run(context)
        drain(stack)
        invariants = check(stack, marks, context.networks, recorder.of(number))
    except Exception as error:
        traceback.print_exc()
        return Row(
            number,
            title,
            "ERROR",
            None,
            f"{type(error).__name__}: {error}"[:80],
            time.monotonic() - started,
        )
    for note in [*outcome.notes, *invariants.details[:20]]:
        print(f"   {note}", flush=True)
    status = "pass" if outcome.passed and invariants.clean else "FAIL"
    print(f"   {status}: {outcome.figure}", flush=True)
    return Row(number, title, status, invariants, outcome.figure, time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    print(f"fault suite: seed {args.seed}, scenarios {','.join(map(str, args.numbers))}")
    started = time.monotonic()
    args.record.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="fabene-faults-"))
    rows: list[Row] = []
    try:
        with interrupted_by_sigterm(), contextlib.ExitStack() as cleanup:
            cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
            stack = start_stack(args, workdir, cleanup)
            recorder = Recorder(stack.web, args.record)
            cleanup.callback(recorder.close)
            for number in args.numbers:
                rows.append(run_one(number, stack, recorder, args.seed))
    except KeyboardInterrupt:
        print("interrupted; everything the suite made was removed", file=sys.stderr)
        return 130
    except Exception:
        traceback.print_exc()
        print("the suite could not run to the end", file=sys.stderr)
    print(f"\nseed {args.seed}; requests recorded in {args.record}\n")
    print(table(rows))
    print(f"\nwall time {time.monotonic() - started:.0f}s")
    complete = len(rows) == len(args.numbers)
    return 0 if complete and all(row.passed for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
