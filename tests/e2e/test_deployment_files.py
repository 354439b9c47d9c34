"""The deployment files: the compose file, the commands it runs, and the gateway's routes.

No Docker engine is needed: the compose file is checked against the Compose
Specification schema that check-jsonschema ships (no download), every
``fabene`` command in it is parsed by the real CLI, and nginx.conf is read.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
from ruamel.yaml import YAML

from services.cli import main
from shared.config import SERVICE_NAMES, Settings
from shared.messaging.relay import heartbeat_path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def check_jsonschema() -> str:
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    assert found, "check-jsonschema is a dev dependency: pip install -e '.[dev]'"
    return found


def compose() -> dict:
    return YAML(typ="safe", pure=True).load(COMPOSE_FILE.read_text())


def fabene_commands() -> dict[str, list[list[str]]]:
    """Every ``fabene ...`` command line of each compose service, as argument lists."""
    found: dict[str, list[list[str]]] = {}
    for name, service in compose()["services"].items():
        command = service.get("command")
        if command is None:
            continue
        if isinstance(command, list):
            command = shlex.join(command)
        # Unwrap `sh -c "a && b"`, then take each command of the shell line.
        words = shlex.split(command)
        if words[:2] == ["sh", "-c"]:
            words = shlex.split(words[2])
        lines = [[]]
        for word in words:
            if word in ("&&", ";", "||"):
                lines.append([])
            else:
                lines[-1].append(word)
        found[name] = [line[1:] for line in lines if line and line[0] == "fabene"]
    return found


def cli_refusal(arguments: list[str]) -> str | None:
    """Why the CLI refuses ``fabene ARGUMENTS``, or None: parsed, nothing is run."""
    command: click.Command = main
    context = None
    name = "fabene"
    remaining = list(arguments)
    while isinstance(command, click.Group):
        context = click.Context(command, info_name=name, parent=context)
        if not remaining:
            return f"{context.command_path} needs a subcommand"
        name, remaining = remaining[0], remaining[1:]
        subcommand = command.get_command(context, name)
        if subcommand is None:
            return f"{context.command_path} has no command {name!r}"
        command = subcommand
    try:
        command.make_context(name, remaining, parent=context)
    except click.ClickException as error:
        return error.format_message()
    return None


def test_the_compose_file_follows_the_compose_specification():
    # A proxy that refuses every connection: the schema must come from the package.
    offline = {
        **os.environ,
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    result = subprocess.run(
        [check_jsonschema(), "--builtin-schema", "vendor.compose-spec", str(COMPOSE_FILE)],
        capture_output=True,
        text=True,
        env=offline,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_would_catch_a_mistake(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE_FILE.read_text().replace("restart: unless-stopped", "restrat: x"))
    result = subprocess.run(
        [check_jsonschema(), "--builtin-schema", "vendor.compose-spec", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0


def test_every_fabene_command_in_the_compose_file_is_a_real_command_of_the_cli():
    commands = fabene_commands()
    refused = {
        f"{service}: fabene {shlex.join(arguments)}": cli_refusal(arguments)
        for service, lines in commands.items()
        for arguments in lines
    }
    assert refused
    assert {command: why for command, why in refused.items() if why} == {}

    assert commands["migrate"] == [["db", "upgrade", "all"], ["broker", "setup"]]
    for service in SERVICE_NAMES:
        assert commands[f"{service}-web"] == [["web", service, "--bind", "0.0.0.0:8000"]]
        assert commands[f"{service}-worker"] == [["worker", service]]


def test_a_command_the_cli_does_not_have_is_noticed():
    assert "no command 'serve'" in cli_refusal(["serve", "registry"])
    assert "needs a subcommand" in cli_refusal(["db"])
    # Click words its own messages differently from version to version.
    assert "ledger" in cli_refusal(["web", "ledger"])
    assert "--port" in cli_refusal(["web", "registry", "--port", "1"])


def test_every_service_starts_after_its_migrations_and_web_containers_can_be_scaled():
    services = compose()["services"]
    for service in SERVICE_NAMES:
        for part in ("web", "worker"):
            settings = services[f"{service}-{part}"]
            condition = settings["depends_on"]["migrate"]["condition"]
            assert condition == "service_completed_successfully"
            assert "container_name" not in settings
            assert "ports" not in settings, "the gateway is the one published port"
        healthcheck = " ".join(services[f"{service}-web"]["healthcheck"]["test"])
        assert f"http://127.0.0.1:8000/{service}/readyz" in healthcheck


def test_each_worker_container_serves_its_metrics_and_is_checked_by_its_relays_heartbeat():
    services = compose()["services"]
    for service in SERVICE_NAMES:
        worker = services[f"{service}-worker"]
        port = worker["environment"]["FABENE_WORKER_METRICS_PORT"]
        assert Settings.from_env({"FABENE_WORKER_METRICS_PORT": port}).worker_metrics_port
        assert port in worker["expose"], "Prometheus reaches it on the compose network"
        healthcheck = " ".join(worker["healthcheck"]["test"])
        assert f"'{heartbeat_path(service)}'" in healthcheck


def nginx_blocks(text: str) -> list:
    """nginx.conf as nested ``(name, arguments, children or None)`` directives."""
    tokens = re.findall(r"""'(?:\\.|[^'])*'|"(?:\\.|[^"])*"|#[^\n]*|[{};]|[^\s{};'"#]+""", text)
    stack: list[list] = [[]]
    words: list[str] = []
    for token in tokens:
        if token.startswith("#"):
            continue
        if token == ";":
            stack[-1].append((words[0], words[1:], None))
            words = []
        elif token == "{":
            block: list = []
            stack[-1].append((words[0], words[1:], block))
            stack.append(block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token)
    assert len(stack) == 1 and not words, "unbalanced nginx.conf"
    return stack[0]


def children(directives: list, name: str) -> list:
    return [directive for directive in directives if directive[0] == name]


def test_the_gateway_routes_each_service_prefix_without_stripping_it():
    http = children(nginx_blocks(NGINX_CONF.read_text()), "http")[0][2]
    assert children(http, "resolver")[0][1][:1] == ["127.0.0.11"], "Docker's embedded DNS"
    server = children(http, "server")[0][2]
    locations = {tuple(arguments): block for _, arguments, block in children(server, "location")}

    for service in SERVICE_NAMES:
        block = locations[(f"/{service}/",)]
        assert not children(block, "rewrite"), "a rewrite would change the path"
        [(_, [target], _)] = children(block, "proxy_pass")
        # No URI after the host: nginx passes the request's own path, prefix included.
        match = re.fullmatch(r"http://\$(\w+)", target)
        assert match, f"{target}: a variable upstream, looked up at request time, no path"
        values = {arguments[0]: arguments[1] for _, arguments, _ in children(block, "set")}
        assert values[f"${match.group(1)}"] == f"{service}-web:8000"

    headers = {arguments[0] for _, arguments, _ in children(server, "proxy_set_header")}
    assert {"X-Forwarded-For", "X-Forwarded-Proto", "X-Correlation-ID"} <= headers
    assert children(server, "client_max_body_size")[0][1] == ["2m"]
    assert not children(locations[("/",)], "proxy_pass"), "nothing else reaches a service"
