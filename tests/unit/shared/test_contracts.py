import uuid
from pathlib import Path

import pytest

from services.wiring import consumers_by_event_type
from shared.config import Settings
from shared.contracts import CATALOGUE, InvalidEventData, UnknownEventType, contract_for
from shared.contracts.docs import catalogue_markdown

DOCS = Path(__file__).parents[3] / "docs" / "events.md"


def registered(**changes):
    data = {
        "member_id": uuid.uuid4(),
        "network_id": uuid.uuid4(),
        "kind": "household",
        "status": "pending",
        "language": "it",
    }
    return {**data, **changes}


def test_published_data_keeps_only_the_fields_of_the_contract():
    data = contract_for("registry.member.registered").checked_for_publishing(
        registered(display_name="Rossi")
    )
    assert "display_name" not in data
    assert set(data) == {"member_id", "network_id", "kind", "status", "language"}


def test_data_that_breaks_the_contract_is_not_published():
    with pytest.raises(InvalidEventData):
        contract_for("registry.member.registered").checked_for_publishing(registered(kind="alien"))


def test_a_consumer_parses_data_and_ignores_unknown_fields():
    data = {key: str(value) for key, value in registered().items()}
    parsed = contract_for("registry.member.registered").parse({**data, "new_field": 1})
    assert parsed["kind"] == "household"


def test_an_unknown_event_type_is_refused():
    with pytest.raises(UnknownEventType):
        contract_for("registry.member.teleported")


def test_every_published_event_type_has_a_consumer(tmp_path):
    consumers = consumers_by_event_type(Settings(data_dir=tmp_path))
    assert sorted(CATALOGUE) == sorted(consumers)


def test_the_event_catalogue_in_the_docs_matches_the_code(tmp_path):
    expected = catalogue_markdown(consumers_by_event_type(Settings(data_dir=tmp_path)))
    assert DOCS.read_text() == expected, "run: fabene events catalogue > docs/events.md"
