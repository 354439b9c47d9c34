"""A worker started with the test-only fault hook, and awaited until it kills itself."""

from __future__ import annotations

import time

from benchmarks.stack import BenchmarkError
from faults.stack import FaultStack


def restart_with_hook(stack: FaultStack, service: str, point: str, count: int) -> None:
    """Stop the service's worker and start it again armed to SIGKILL itself at ``point``."""
    stack.processes.stop_one(f"{service}-worker")
    stack.start_worker(service, env={"FABENE_FAULT_KILL_AT": f"{point}:{count}"})


def wait_for_hook_death(stack: FaultStack, service: str, timeout: float = 60.0) -> int:
    """Wait until the armed worker killed itself; its return code (-9), the worker forgotten."""
    process = stack.processes.started[f"{service}-worker"]
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() > deadline:
            raise BenchmarkError(f"{service}-worker never reached its fault point")
        time.sleep(0.1)
    stack.processes.started.pop(f"{service}-worker")
    return process.returncode


def log_lines(stack: FaultStack, name: str, text: str) -> int:
    """How many lines of one process's log contain ``text``."""
    path = stack.processes._log_dir / f"{name}.log"
    return sum(text in line for line in path.read_text(errors="replace").splitlines())
