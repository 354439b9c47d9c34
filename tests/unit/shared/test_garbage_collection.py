"""A service process freezes what it built at startup and collects less often after."""

import gc

import pytest

from shared.garbage_collection import NEW_OBJECTS_BEFORE_A_COLLECTION, settle_after_startup
from shared.web.gunicorn import GunicornServer


@pytest.fixture
def collector_restored():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_what_exists_at_startup_leaves_the_collections_and_they_come_less_often(
    collector_restored,
):
    kept_since_startup = [{"app": n} for n in range(100)]
    _, middle, oldest = gc.get_threshold()

    settle_after_startup()

    assert gc.get_freeze_count() >= len(kept_since_startup)
    assert gc.get_threshold() == (NEW_OBJECTS_BEFORE_A_COLLECTION, middle, oldest)
    cycle = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1  # what comes later is still collected


def test_a_gunicorn_worker_settles_once_its_app_is_built(collector_restored):
    app = object()
    server = GunicornServer(lambda: app, {"bind": "127.0.0.1:0", "workers": 1})

    assert server.load() is app
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == NEW_OBJECTS_BEFORE_A_COLLECTION
