"""``fabene run`` in a process of its own, and Debian's Chromium driven by Playwright.

The system is started as a person starts it (``fabene run``: SQLite, the
in-memory broker, demo data), with its e-mail going to a real SMTP server on
loopback so a test can read a login code. Each test gets a fresh browser
context (no cookies) and saves a screenshot of every step under
``test-results/screenshots/<test>/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from tests.support.processes import free_port
from tests.support.smtp_server import SmtpServer

FABENE = Path(sys.executable).parent / "fabene"
ADMIN_EMAIL = "operatore@collegno.example"
ADMIN_PASSWORD = "browser-test-password"
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def chromium_path() -> str:
    found = os.environ.get("FABENE_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium package")
    return found


@pytest.fixture(scope="session")
def mailbox():
    server = SmtpServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def system_url(tmp_path_factory, mailbox):
    """The URL of a ``fabene run`` of this test session, ready to serve."""
    port = free_port()
    env = {
        **os.environ,
        "FABENE_DATA_DIR": str(tmp_path_factory.mktemp("fabene-run")),
        "FABENE_PORT": str(port),
        "FABENE_ADMIN_EMAIL": ADMIN_EMAIL,
        "FABENE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "FABENE_SMTP_HOST": "127.0.0.1",
        "FABENE_SMTP_PORT": str(mailbox.port),
        "FABENE_SMTP_SECURITY": "none",
        "FABENE_QUIET_HOURS_START": "",
        "FABENE_QUIET_HOURS_END": "",
        "FABENE_DISPATCH_IDLE_SECONDS": "0.05",
    }
    for name in list(env):
        if name.endswith("DATABASE_URL") or name == "FABENE_BROKER_URL":
            env.pop(name)  # the embedded default, whatever the test run's backend
    log = tmp_path_factory.mktemp("logs") / "fabene-run.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(FABENE), "run"], env=env, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"fabene run exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/registry/readyz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"fabene run did not serve within 60s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield chromium
        chromium.close()


class Shots:
    """Numbered screenshots of one test's steps."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def take(self, page, name: str, *, scripts: bool = True) -> Path:
        """A full-page screenshot of this step, then the page as it was, ready for a click.

        Chromium puts the page back at its own size a frame or two after a
        full-page shot; a click before then can land where the page was drawn
        for the shot. A page without scripts has no frames to wait for.
        """
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if scripts:
            page.evaluate(TWO_FRAMES)
        return path


@pytest.fixture
def shots(request) -> Shots:
    return Shots(SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name))


@pytest.fixture
def new_page(browser, system_url):
    """A page in a browser context of its own (a phone, a tablet, a laptop), Italian."""
    contexts = []

    def open_page(viewport=(1280, 800), locale="it-IT", **options):
        context = browser.new_context(
            base_url=system_url,
            viewport={"width": viewport[0], "height": viewport[1]},
            locale=locale,
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
