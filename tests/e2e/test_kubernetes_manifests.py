"""The Kubernetes manifests in deploy/k8s: rendered by kustomize, checked offline.

The base and both overlays are rendered by a real kustomize (``kubectl
kustomize``, or ``kustomize build``); every built-in object is validated
against the Kubernetes schemas kubernetes-validate ships (strict: an unknown
field fails), and the operators' objects against the few fields we use. Then
what matters to this project: each ``fabene`` command is one the CLI accepts,
every container has resources and probes, the Ingress routes as nginx.conf does,
and the settings are real settings.
"""

from __future__ import annotations

import copy
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
from ruamel.yaml import YAML

from shared.config import SERVICE_NAMES, Settings
from shared.messaging.relay import heartbeat_path
from shared.messaging.topology import ServiceQueues
from tests.e2e.test_deployment_files import NGINX_CONF, children, cli_refusal, nginx_blocks
from tests.support.system import eventually

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
TARGETS = ("base", "overlays/single-town", "overlays/metro-area")
OVERLAYS = TARGETS[1:]
KUBERNETES_VERSION = "1.30"
WORKLOADS = ("Deployment", "Job", "CronJob")
CONSUMING = [service for service in SERVICE_NAMES if service != "registry"]
# Made by the RabbitMQ operator for the RabbitmqCluster, not by us.
OPERATOR_SECRETS = {"fabene-rabbitmq-default-user"}
PROBES = ("startupProbe", "readinessProbe", "livenessProbe")
# What the relay touches (shared/messaging/relay.py), in the image's /tmp.
WORKER_HEARTBEAT = "/tmp/fabene-relay-{service}.alive"


def kustomize_command() -> list[str]:
    """A real kustomize: the standalone binary, or the one built into kubectl."""
    if found := shutil.which("kustomize"):
        return [found, "build"]
    if found := shutil.which("kubectl"):
        return [found, "kustomize"]
    pytest.fail("kustomize is needed: `apt-get install kubectl` (it has kustomize built in)")


def render(target: str) -> list[dict]:
    result = subprocess.run(
        [*kustomize_command(), str(K8S / target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"},
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in YAML(typ="safe", pure=True).load_all(result.stdout) if doc]


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict]]:
    return {target: render(target) for target in TARGETS}


def of_kind(objects: list[dict], *kinds: str) -> list[dict]:
    return [obj for obj in objects if obj["kind"] in kinds]


def named(objects: list[dict], kind: str, name: str) -> dict:
    [found] = [o for o in of_kind(objects, kind) if o["metadata"]["name"] == name]
    return found


def pod_spec(workload: dict) -> dict:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return workload["spec"]["template"]["spec"]


def containers(workload: dict) -> list[dict]:
    spec = pod_spec(workload)
    return spec.get("initContainers", []) + spec["containers"]


def env_of(container: dict) -> dict[str, dict]:
    return {entry["name"]: entry for entry in container.get("env", [])}


# --- Schemas ------------------------------------------------------------------


def test_every_built_in_object_follows_the_kubernetes_schemas(rendered):
    failures = []
    for target, objects in rendered.items():
        for obj in objects:
            if obj["kind"] in CUSTOM_SCHEMAS:
                continue
            try:
                kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.SchemaNotFoundError:
                failures.append(f"{target}: no schema for {obj['apiVersion']} {obj['kind']}")
            except kubernetes_validate.ValidationError as error:
                where = "/".join(map(str, error.path))
                failures.append(
                    f"{target}: {obj['kind']}/{obj['metadata']['name']} {where}: {error.message}"
                )
    assert failures == []
    assert {obj["kind"] for obj in rendered["base"]} >= {
        "ConfigMap",
        "Secret",
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Job",
        "CronJob",
        "Ingress",
    }


def test_the_schema_check_would_catch_a_mistake(rendered):
    deployment = copy.deepcopy(named(rendered["base"], "Deployment", "exchange-web"))
    deployment["spec"]["template"]["spec"]["containers"][0]["resources"]["limts"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)
    deployment = copy.deepcopy(named(rendered["base"], "Deployment", "exchange-web"))
    deployment["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "http"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


QUANTITY = {"type": ["string", "integer"], "pattern": r"^[0-9.]+([mkMGTPE]i?)?$"}
RESOURCES = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "requests": {"type": "object", "required": ["cpu", "memory"]},
        "limits": {"type": "object", "required": ["cpu", "memory"]},
    },
    "required": ["requests", "limits"],
}
# The fields of the operators' CRDs we use, with their types: a typo or a field
# the CRD does not have fails here (from RabbitmqCluster rabbitmq.com/v1beta1 and
# CloudNativePG's Cluster postgresql.cnpg.io/v1).
CUSTOM_SCHEMAS = {
    "RabbitmqCluster": {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "apiVersion": {"const": "rabbitmq.com/v1beta1"},
            "spec": {
                "type": "object",
                "additionalProperties": False,
                "required": ["replicas", "image", "resources", "persistence"],
                "properties": {
                    "replicas": {"type": "integer", "minimum": 3},
                    "image": {"type": "string", "pattern": r"^rabbitmq:3\.(1[0-9])"},
                    "resources": RESOURCES,
                    "persistence": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"storage": QUANTITY, "storageClassName": {"type": "string"}},
                    },
                    "rabbitmq": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "additionalConfig": {"type": "string"},
                            "additionalPlugins": {"type": "array"},
                        },
                    },
                    "affinity": {"type": "object"},
                    "tolerations": {"type": "array"},
                },
            },
        },
    },
    "Cluster": {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "apiVersion": {"const": "postgresql.cnpg.io/v1"},
            "spec": {
                "type": "object",
                "additionalProperties": False,
                "required": ["instances", "storage", "bootstrap"],
                "properties": {
                    "instances": {"type": "integer", "minimum": 1},
                    "imageName": {"type": "string", "pattern": r"postgresql:15"},
                    "primaryUpdateStrategy": {"enum": ["supervised", "unsupervised"]},
                    "storage": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["size"],
                        "properties": {"size": QUANTITY, "storageClass": {"type": "string"}},
                    },
                    "bootstrap": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["initdb"],
                        "properties": {
                            "initdb": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["database", "owner", "secret"],
                                "properties": {
                                    "database": {"type": "string"},
                                    "owner": {"type": "string"},
                                    "secret": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["name"],
                                        "properties": {"name": {"type": "string"}},
                                    },
                                },
                            }
                        },
                    },
                    "postgresql": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "parameters": {
                                "type": "object",
                                "additionalProperties": {"type": "string"},
                            }
                        },
                    },
                    "resources": RESOURCES,
                },
            },
        },
    },
}


def test_the_operators_objects_have_the_fields_their_operators_need(rendered):
    for objects in rendered.values():
        for obj in of_kind(objects, *CUSTOM_SCHEMAS):
            jsonschema.validate(obj, CUSTOM_SCHEMAS[obj["kind"]])
        [rabbitmq] = of_kind(objects, "RabbitmqCluster")
        assert rabbitmq["spec"]["replicas"] == 3, "quorum queues want three nodes"
        assert (
            "prometheus.return_per_object_metrics = true"
            in rabbitmq["spec"]["rabbitmq"]["additionalConfig"]
        ), "the workers' autoscalers read per-queue figures"


def test_each_service_has_a_database_cluster_of_its_own_and_its_owners_secret(rendered):
    for objects in rendered.values():
        clusters = {c["metadata"]["name"]: c for c in of_kind(objects, "Cluster")}
        assert set(clusters) == {f"{service}-db" for service in SERVICE_NAMES}
        for service in SERVICE_NAMES:
            initdb = clusters[f"{service}-db"]["spec"]["bootstrap"]["initdb"]
            assert initdb["database"] == f"fabene_{service}"
            owner = named(objects, "Secret", initdb["secret"]["name"])
            assert owner["type"] == "kubernetes.io/basic-auth"
            assert owner["stringData"]["username"] == initdb["owner"]


# --- Commands -----------------------------------------------------------------


def fabene_command_lines(container: dict) -> list[list[str]]:
    """The ``fabene`` command lines a container runs, with a `sh -c` script split up."""
    words = [*container.get("command", []), *container.get("args", [])]
    if words[:2] == ["sh", "-c"]:
        words = shlex.split(words[2])
    lines: list[list[str]] = [[]]
    for word in words:
        if word in ("&&", ";", "||", "do", "done", "then", "fi"):
            lines.append([])
        elif word.endswith(";"):
            lines[-1].append(word[:-1])
            lines.append([])
        else:
            lines[-1].append(word)
    return [line[1:] for line in lines if line and line[0] == "fabene"]


def commands_of(objects: list[dict]) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    for workload in of_kind(objects, *WORKLOADS):
        for container in containers(workload):
            if container["image"].rpartition(":")[0].endswith("fabene-exchange"):
                found.setdefault(workload["metadata"]["name"], []).extend(
                    fabene_command_lines(container)
                )
    return found


def test_every_fabene_command_in_the_manifests_is_a_real_command_of_the_cli(rendered):
    for target, objects in rendered.items():
        commands = commands_of(objects)
        refused = {
            f"{target} {name}: fabene {shlex.join(arguments)}": cli_refusal(arguments)
            for name, lines in commands.items()
            for arguments in lines
        }
        assert {command: why for command, why in refused.items() if why} == {}
        assert all(commands.values()), "each fabene container runs a fabene command"

        assert commands["fabene-migrate"] == [["db", "upgrade", "all"], ["broker", "setup"]]
        for service in SERVICE_NAMES:
            assert commands[f"{service}-web"] == [["web", service, "--bind", "0.0.0.0:8000"]]
            assert commands[f"{service}-worker"] == [["worker", service]]
        assert commands["registry-expire-eligibility"] == [["registry", "expire-eligibility"]]
        assert commands["exchange-expire"] == [["exchange", "expire"]]
        assert commands["exchange-entitlements"] == [
            ["exchange", "entitlements", "--network", "$network"]
        ]
        assert commands["notifications-daily-takings"] == [["notifications", "daily-takings"]]
        assert commands["notifications-monthly-reciprocity"] == [
            ["notifications", "monthly-reciprocity"]
        ]


def test_the_migrations_run_before_the_broker_set_up_in_one_job(rendered):
    job = named(rendered["base"], "Job", "fabene-migrate")
    spec = pod_spec(job)
    assert [c["command"] for c in spec["initContainers"]] == [["fabene", "db", "upgrade", "all"]]
    assert [c["command"] for c in spec["containers"]] == [["fabene", "broker", "setup"]]
    assert spec["restartPolicy"] == "Never"
    env = env_of(spec["initContainers"][0])
    for service in SERVICE_NAMES:
        assert f"FABENE_{service.upper()}_DATABASE_URL" in env


def test_the_scheduled_commands_run_in_turins_time_one_at_a_time(rendered):
    for cronjob in of_kind(rendered["base"], "CronJob"):
        assert cronjob["spec"]["timeZone"] == "Europe/Rome"
        assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"


# --- Containers ---------------------------------------------------------------


def test_every_container_has_requests_and_limits(rendered):
    missing = [
        f"{target} {workload['metadata']['name']}/{container['name']} {part}.{resource}"
        for target, objects in rendered.items()
        for workload in of_kind(objects, *WORKLOADS)
        for container in containers(workload)
        for part in ("requests", "limits")
        for resource in ("cpu", "memory")
        if resource not in container.get("resources", {}).get(part, {})
    ]
    assert missing == []


def test_every_long_running_container_has_probes_on_the_services_real_paths(rendered):
    for objects in rendered.values():
        for deployment in of_kind(objects, "Deployment"):
            for container in containers(deployment):
                assert "livenessProbe" in container, deployment["metadata"]["name"]
                assert "readinessProbe" in container or deployment["metadata"]["name"].endswith(
                    "-worker"
                ), deployment["metadata"]["name"]
        for service in SERVICE_NAMES:
            [web] = containers(named(objects, "Deployment", f"{service}-web"))
            port = {p["name"]: p["containerPort"] for p in web["ports"]}
            assert port == {"http": 8000}
            probes = {kind: web[kind]["httpGet"] for kind in PROBES}
            assert probes == {
                "startupProbe": {"path": f"/{service}/readyz", "port": "http"},
                "readinessProbe": {"path": f"/{service}/healthz", "port": "http"},
                "livenessProbe": {"path": f"/{service}/healthz", "port": "http"},
            }
            [worker] = containers(named(objects, "Deployment", f"{service}-worker"))
            assert str(WORKER_HEARTBEAT.format(service=service)) in " ".join(
                worker["livenessProbe"]["exec"]["command"]
            )


def test_the_paths_the_probes_ask_for_are_answered_by_each_service(web):
    for service in SERVICE_NAMES:
        for path in ("healthz", "readyz"):
            assert web.client.get(f"/{service}/{path}").status_code == 200


def liveness_probe(objects: list[dict], service: str) -> list[str]:
    [worker] = containers(named(objects, "Deployment", f"{service}-worker"))
    return worker["livenessProbe"]["exec"]["command"]


def test_a_workers_liveness_probe_passes_while_its_relay_turns_and_fails_once_it_stops(
    rendered, services, tmp_path
):
    relay = services["exchange"].relay()
    assert relay.heartbeat == heartbeat_path("exchange")
    # Any other exchange relay on this machine touches the shared file in /tmp,
    # so this one checks in to a file of its own.
    relay.heartbeat = heartbeat = tmp_path / "fabene-relay-exchange.alive"
    command = [
        part.replace(WORKER_HEARTBEAT.format(service="exchange"), str(heartbeat))
        for part in liveness_probe(rendered["base"], "exchange")
    ]
    assert command[0] == "python"
    command[0] = sys.executable
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        eventually(heartbeat.exists)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()

    assert subprocess.run(command, check=False, timeout=30).returncode == 0
    long_ago = time.time() - 600
    os.utime(heartbeat, (long_ago, long_ago))
    assert subprocess.run(command, check=False, timeout=30).returncode != 0


def test_pods_run_unprivileged_on_a_read_only_root(rendered):
    for workload in of_kind(rendered["base"], *WORKLOADS):
        assert pod_spec(workload)["securityContext"]["runAsNonRoot"] is True
        for container in containers(workload):
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True
            assert security["allowPrivilegeEscalation"] is False


# --- Scaling ------------------------------------------------------------------


def autoscalers(objects: list[dict]) -> dict[str, dict]:
    return {
        hpa["spec"]["scaleTargetRef"]["name"]: hpa
        for hpa in of_kind(objects, "HorizontalPodAutoscaler")
    }


def selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(key) == value for key, value in selector["matchLabels"].items())


def test_every_deployment_has_a_disruption_budget_and_the_right_autoscaler(rendered):
    for objects in rendered.values():
        scalers = autoscalers(objects)
        budgets = of_kind(objects, "PodDisruptionBudget")
        for deployment in of_kind(objects, "Deployment"):
            name = deployment["metadata"]["name"]
            labels = deployment["spec"]["template"]["metadata"]["labels"]
            assert selects(deployment["spec"]["selector"], labels)
            assert [b for b in budgets if selects(b["spec"]["selector"], labels)], name
            if name in scalers:
                assert "replicas" not in deployment["spec"], f"{name}: the autoscaler sets them"
            else:
                assert deployment["spec"]["replicas"] >= 1, name

        for service in SERVICE_NAMES:
            [metric] = scalers[f"{service}-web"]["spec"]["metrics"]
            assert metric["resource"]["name"] == "cpu"
        assert "registry-worker" not in scalers, "no queue to scale the registry's relay on"
        for service in CONSUMING:
            [metric] = scalers[f"{service}-worker"]["spec"]["metrics"]
            assert metric["type"] == "External"
            assert metric["external"]["metric"]["name"] == "rabbitmq_queue_messages_ready"
            queue = metric["external"]["metric"]["selector"]["matchLabels"]["queue"]
            assert queue == ServiceQueues.for_service(service, (), configured(objects)).main


def test_the_overlays_differ_in_size_and_hostname(rendered):
    single, metro = (rendered[target] for target in OVERLAYS)
    for service in SERVICE_NAMES:
        small = autoscalers(single)[f"{service}-web"]["spec"]
        large = autoscalers(metro)[f"{service}-web"]["spec"]
        assert small["minReplicas"] >= 2, "two pods for rolling updates and drains"
        assert large["maxReplicas"] > small["maxReplicas"]
    assert (
        autoscalers(metro)["exchange-web"]["spec"]["minReplicas"]
        > autoscalers(single)["exchange-web"]["spec"]["minReplicas"]
    )
    assert (
        named(metro, "Deployment", "registry-worker")["spec"]["replicas"]
        > named(single, "Deployment", "registry-worker")["spec"]["replicas"]
    )
    [single_db, metro_db] = (named(o, "Cluster", "exchange-db")["spec"] for o in (single, metro))
    assert metro_db["instances"] > single_db["instances"]
    [small_web, large_web] = (
        containers(named(o, "Deployment", "exchange-web"))[0]["resources"]["limits"]["cpu"]
        for o in (single, metro)
    )
    assert small_web != large_web
    hosts = {target: ingress_host(rendered[target]) for target in OVERLAYS}
    assert len(set(hosts.values())) == 2 and "fabene.example.org" not in hosts.values()
    for target in OVERLAYS:
        config = configured(rendered[target])
        assert config.public_url == f"https://{hosts[target]}"


def test_the_overlays_put_everything_in_one_namespace_and_pin_the_image(rendered):
    for target in OVERLAYS:
        objects = rendered[target]
        [namespace] = of_kind(objects, "Namespace")
        for obj in objects:
            if obj["kind"] != "Namespace":
                assert obj["metadata"]["namespace"] == namespace["metadata"]["name"], obj
        images = {c["image"] for w in of_kind(objects, *WORKLOADS) for c in containers(w)}
        fabene = {image for image in images if "fabene-exchange" in image}
        assert len(fabene) == 1 and not fabene.pop().endswith(":latest")


# --- Settings and secrets -----------------------------------------------------


def configured(objects: list[dict]) -> Settings:
    """The settings the fabene containers read from the ConfigMap."""
    data = named(objects, "ConfigMap", "fabene-config")["data"]
    return Settings.from_env(data)


def test_the_settings_are_real_settings_of_the_system(rendered):
    known = {f"FABENE_{name.upper()}" for name in Settings.__dataclass_fields__} | {
        f"FABENE_{service.upper()}_DATABASE_URL" for service in SERVICE_NAMES
    }
    for objects in rendered.values():
        data = named(objects, "ConfigMap", "fabene-config")["data"]
        assert set(data) <= known
        settings = configured(objects)
        assert settings.cookie_secure and settings.log_format == "json"
        for workload in of_kind(objects, *WORKLOADS):
            for container in containers(workload):
                names = {n for n in env_of(container) if n.startswith("FABENE_")}
                assert names <= known, workload["metadata"]["name"]


def test_each_service_reaches_its_own_database_and_the_clusters_broker(rendered):
    objects = rendered["base"]
    [rabbitmq] = of_kind(objects, "RabbitmqCluster")
    for workload in of_kind(objects, *WORKLOADS):
        name = workload["metadata"]["name"]
        for container in containers(workload):
            env = env_of(container)
            urls = {
                variable.removeprefix("FABENE_").removesuffix("_DATABASE_URL").lower(): entry[
                    "value"
                ]
                for variable, entry in env.items()
                if variable.endswith("_DATABASE_URL")
            }
            for service, url in urls.items():
                assert re.fullmatch(
                    rf"postgresql\+psycopg://\$\(\w+\):\$\(\w+\)@{service}-db-rw:5432/fabene_{service}",
                    url,
                ), url
            if urls and name != "fabene-migrate":
                [service] = urls
                assert name.startswith(f"{service}-"), f"{name} reaches {service}'s database"
            if "FABENE_BROKER_URL" in env:
                assert f"@{rabbitmq['metadata']['name']}:5672/" in env["FABENE_BROKER_URL"]["value"]


def test_every_secret_a_container_reads_exists_and_holds_placeholders_only(rendered):
    objects = rendered["base"]
    secrets = {s["metadata"]["name"]: s for s in of_kind(objects, "Secret")}
    for secret in secrets.values():
        for key, text in secret["stringData"].items():
            if key != "username":
                assert text == "" or re.search(r"change-me|REPLACE", text), (key, "a real value?")
    for workload in of_kind(objects, *WORKLOADS):
        for container in containers(workload):
            for entry in container.get("env", []):
                reference = entry.get("valueFrom", {}).get("secretKeyRef")
                if reference and reference["name"] not in OPERATOR_SECRETS:
                    assert reference["key"] in secrets[reference["name"]]["stringData"], reference
        for volume in pod_spec(workload).get("volumes", []):
            if "secret" in volume:
                keys = {item["key"] for item in volume["secret"]["items"]}
                assert keys <= set(secrets[volume["secret"]["secretName"]]["stringData"])


def test_only_the_registry_and_the_migrations_see_the_private_signing_key(rendered):
    for workload in of_kind(rendered["base"], *WORKLOADS):
        keys = {
            item["key"]
            for volume in pod_spec(workload).get("volumes", [])
            if "secret" in volume
            for item in volume["secret"]["items"]
        }
        if "token-signing.pem" in keys:
            assert workload["metadata"]["name"] in ("registry-web", "fabene-migrate")


# --- The Ingress --------------------------------------------------------------


def ingress_host(objects: list[dict]) -> str:
    [ingress] = of_kind(objects, "Ingress")
    [rule] = ingress["spec"]["rules"]
    assert ingress["spec"]["tls"][0]["hosts"] == [rule["host"]]
    return rule["host"]


def nginx_routes() -> tuple[set[tuple[str, str, str]], str]:
    """nginx.conf's locations as Ingress paths: (path, pathType, service), and its default."""
    http = children(nginx_blocks(NGINX_CONF.read_text()), "http")[0][2]
    server = children(http, "server")[0][2]
    routes = set()
    default = None
    for _, arguments, block in children(server, "location"):
        proxied = children(block, "proxy_pass")
        if arguments[0] == "=":
            routes.add((arguments[1], "Exact", "gateway-fallback"))
        elif arguments[0] == "~":
            # ^/(registry|exchange|notifications)/metrics$
            match = re.fullmatch(r"\^/\(([\w|]+)\)/(\w+)\$", arguments[1])
            assert match, arguments
            for service in match.group(1).split("|"):
                routes.add((f"/{service}/{match.group(2)}", "Exact", "gateway-fallback"))
        elif arguments == ["/"]:
            default = "gateway-fallback"
        elif arguments[0].startswith("@"):
            continue
        else:
            assert proxied, arguments
            values = {a[0]: a[1] for _, a, _ in children(block, "set")}
            target = values[proxied[0][1][0].removeprefix("http://")]
            routes.add((arguments[0], "Prefix", target.split(":")[0]))
    return routes, default


def test_the_ingress_routes_as_the_gateways_nginx_conf_does(rendered):
    expected, default = nginx_routes()
    assert {path for path, kind, _ in expected if kind == "Prefix"} == {
        f"/{service}/" for service in SERVICE_NAMES
    }
    for objects in rendered.values():
        [ingress] = of_kind(objects, "Ingress")
        [rule] = ingress["spec"]["rules"]
        routes = {
            (path["path"], path["pathType"], path["backend"]["service"]["name"])
            for path in rule["http"]["paths"]
        }
        assert routes == expected
        assert ingress["spec"]["defaultBackend"]["service"]["name"] == default
        services = {s["metadata"]["name"]: s for s in of_kind(objects, "Service")}
        for _, _, name in expected:
            port_names = {port["name"] for port in services[name]["spec"]["ports"]}
            assert "http" in port_names
            selector = {"matchLabels": services[name]["spec"]["selector"]}
            selected = [
                d
                for d in of_kind(objects, "Deployment")
                if selects(selector, d["spec"]["template"]["metadata"]["labels"])
            ]
            assert [d["metadata"]["name"] for d in selected] == [name]
        annotations = ingress["metadata"]["annotations"]
        assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "2m"
        assert annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"] == "35"


def returns(conf: str) -> set[tuple[str, str]]:
    """Every ``return CODE 'BODY'`` of an nginx configuration."""
    return set(re.findall(r"return (\d{3}) '((?:\\.|[^'])*)'", conf))


def test_the_fallback_answers_what_nginx_conf_answers_itself(rendered):
    fallback = named(rendered["base"], "ConfigMap", "gateway-fallback")["data"]["nginx.conf"]
    assert returns(NGINX_CONF.read_text()) <= returns(fallback)
    assert "Retry-After 5" in fallback
