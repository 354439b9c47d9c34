"""Each service's migrations build, from empty, exactly the schema its code maps."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from shared.config import SERVICE_NAMES
from shared.migrations import alembic_config


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_the_migrated_schema_matches_the_code(services, name):
    service = services[name]
    with service.database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), service.metadata)
    assert differences == []


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_migrations_go_down_to_empty_and_up_again(services, name):
    service = services[name]
    config = alembic_config(service.database, service.metadata, service.migrations_dir)
    command.downgrade(config, "base")
    with service.database.engine.connect() as connection:
        tables = set(connection.dialect.get_table_names(connection))
    assert tables <= {"alembic_version"}
    service.upgrade_database()
    with service.database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), service.metadata) == []
