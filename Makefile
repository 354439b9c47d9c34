# Two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install browser run test test-real lint format bench-relay bench-consumer bench-till bench-notifications bench-scaling faults clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Start the whole system on SQLite and the in-memory broker, with demo data.
run: $(STAMP)
	$(BIN)/fabene run

## Debian's Chromium for the browser tests (Playwright drives it; no browser is downloaded).
browser:
	@command -v chromium >/dev/null || apt-get install -y chromium || \
		(apt-get update && apt-get install -y chromium) || sudo apt-get install -y chromium

## Lint, then every test (FABENE_TEST_BACKEND=real for PostgreSQL and RabbitMQ).
test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

## The same tests on PostgreSQL and RabbitMQ on loopback.
test-real:
	FABENE_TEST_BACKEND=real $(MAKE) test

## The outbox relay draining 50,000 events to RabbitMQ, next to a raw publish.
bench-relay: $(STAMP)
	$(BIN)/python -m benchmarks.relay_drain

## A consumer with inbox de-duplication on PostgreSQL draining 20,000 events, next to bare kombu.
bench-consumer: $(STAMP)
	$(BIN)/python -m benchmarks.consumer

## Till redemptions over HTTP (wrk, 32 tills) next to pgbench; a balance read at 10^3 and 10^6 postings.
bench-till: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y wrk || \
		(apt-get update && apt-get install -y wrk) || sudo apt-get install -y wrk
	$(BIN)/python -m benchmarks.till

## A burst of 10,000 events through the notifications worker; redemption -> inbox latency at 100/s.
bench-notifications: $(STAMP)
	$(BIN)/python -m benchmarks.notifications

## The till's throughput with 1 and then 2 exchange web processes (wrk, 32 tills).
bench-scaling: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y wrk || \
		(apt-get update && apt-get install -y wrk) || sudo apt-get install -y wrk
	$(BIN)/python -m benchmarks.scaling

## RELIABILITY.md's fault scenarios on PostgreSQL and RabbitMQ on loopback (root: it stops and restarts both).
## FAULTS_ARGS="--only 1,9 --seed 7" to choose.
faults: $(STAMP)
	$(BIN)/python -m faults $(FAULTS_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .hypothesis test-results
