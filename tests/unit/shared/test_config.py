from pathlib import Path

import pytest

from shared.config import ConfigurationError, Settings


def test_the_defaults_run_on_a_bare_laptop():
    settings = Settings.from_env({})
    assert settings.broker_url.startswith("memory://")
    assert settings.database_url_for("exchange") == "sqlite:///data/exchange.db"
    assert settings.events_exchange == "fabene.events"
    assert settings.port == 8000


def test_variables_override_the_defaults_with_their_types():
    settings = Settings.from_env(
        {
            "FABENE_PORT": "9000",
            "FABENE_CONFIRM_TIMEOUT_SECONDS": "2.5",
            "FABENE_DATA_DIR": "/srv/fabene",
            "FABENE_DATABASE_URL": "postgresql+psycopg://db/fabene_{service}",
            "FABENE_EXCHANGE_DATABASE_URL": "postgresql+psycopg://ledger/exchange",
        }
    )
    assert settings.port == 9000
    assert settings.confirm_timeout_seconds == 2.5
    assert settings.data_dir == Path("/srv/fabene")
    assert settings.database_url_for("registry") == "postgresql+psycopg://db/fabene_registry"
    assert settings.database_url_for("exchange") == "postgresql+psycopg://ledger/exchange"


def test_the_development_admin_password_is_recognised_so_it_can_be_warned_about():
    assert Settings.from_env({}).admin_is_development_default
    assert not Settings.from_env({"FABENE_ADMIN_PASSWORD": "s3cret"}).admin_is_development_default


def test_a_value_of_the_wrong_kind_is_named_in_the_error():
    with pytest.raises(ConfigurationError, match="FABENE_PORT='eighty'"):
        Settings.from_env({"FABENE_PORT": "eighty"})


def test_every_setting_is_documented(tmp_path):
    from dataclasses import fields
    from pathlib import Path

    documented = (Path(__file__).parents[3] / "docs" / "configuration.md").read_text()
    for field in fields(Settings):
        if field.name != "service_database_urls":
            assert f"`FABENE_{field.name.upper()}`" in documented, field.name
    assert "`FABENE_EXCHANGE_DATABASE_URL`" in documented
