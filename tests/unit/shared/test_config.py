from pathlib import Path

from shared.config import Settings


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
