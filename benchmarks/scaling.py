"""The exchange's web processes, one then two: does the till's throughput grow with them?

    python -m benchmarks.scaling [--duration 15] [--processes 1,2]

On a stack of its own (benchmarks/stack.py) with the till benchmark's town
(32 tills, 256 households), the exchange's web is started with one gunicorn
worker process, measured with wrk at 32 tills (as in benchmarks/till.py),
then restarted with two, and so on. Each process has the same 8 threads.
It prints req/s, p50/p99, errors and the cores each part used; the other
services keep running unchanged, as they would when an operator scales only
the till's web on a market morning.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.stack import (
    TILLS,
    Api,
    CpuWatch,
    add_stack_arguments,
    run_benchmark,
    set_up_town,
    start_stack,
)
from benchmarks.till import reset_daily_usage, run_wrk, write_till_data
from tests.support.processes import free_port

THREADS = 8


def restart_exchange_web(stack, processes_count: int) -> str:
    """The exchange's web again, with this many worker processes; its new URL."""
    stack.processes.stop_one("exchange-web")
    port = free_port()
    stack.processes.start(
        "exchange-web",
        "web",
        "exchange",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(processes_count),
        "--threads",
        str(THREADS),
    )
    url = f"http://127.0.0.1:{port}"
    stack.processes.wait_until_ready({"exchange": url})
    return url


def benchmark(args: argparse.Namespace, workdir: Path, cleanup: contextlib.ExitStack) -> None:
    stack = start_stack(args, workdir, cleanup, exchange_workers=1, exchange_threads=THREADS)
    town = set_up_town(Api(stack.web), stack.settings, stack.dsn("exchange"), stack.processes, 256)
    data = workdir / "tills.tsv"
    write_till_data(town, data)
    print("The exchange's web processes, one then more, under 32 tills (wrk, as make bench-till)")
    print(
        f"  {'processes':>9}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  {'errors':>6}  "
        "cores: exchange web, PostgreSQL (exchange), notifications worker, whole machine"
    )
    first = None
    for count in args.processes:
        url = restart_exchange_web(stack, count)
        redemptions = f"{url}/exchange/api/v1/redemptions"
        reset_daily_usage(stack.dsn("exchange"))
        run_wrk(redemptions, data, 3, TILLS, 2)  # warm-up
        reset_daily_usage(stack.dsn("exchange"))
        watch = CpuWatch(stack.processes, stack.database("exchange"), args.postgres_url)
        watch.start()
        run = run_wrk(redemptions, data, args.duration, TILLS, 2)
        watch.stop()
        cores = watch.summary()
        web = sum(v for k, v in cores.items() if k.startswith("exchange gunicorn"))
        first = first or run.rps
        print(
            f"  {count:>9}  {run.rps:>7,.0f}  {run.p50_ms:>7.1f}  {run.p99_ms:>7.1f}  "
            f"{run.errors:>6}  {web:.2f}, {cores.get('PostgreSQL backends (exchange)', 0):.2f}, "
            f"{cores.get('notifications-worker', 0):.2f}, {watch.machine_cores:.2f}"
            f"   ({run.rps / first:.2f}x)"
        )
        if run.errors:
            print(
                f"             {run.socket_errors} socket errors (connect, read, write, timeout), "
                f"statuses {run.statuses}; first refusal: {run.first_refusal}"
            )
        sys.stdout.flush()


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run (15)")
    parser.add_argument(
        "--processes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="web process counts, in order (1,2)",
    )
    add_stack_arguments(parser)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if shutil.which("wrk") is None:
        print("scaling benchmark: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 1
    return run_benchmark("scaling", benchmark, args)


if __name__ == "__main__":
    sys.exit(main())
