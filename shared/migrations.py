"""Alembic, driven from code: each service keeps its own migrations folder.

A service's ``migrations/env.py`` calls :func:`run_migrations`; the database
URL and metadata come from the config's attributes, not from an ini file.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData

from shared.db import Database, UtcDateTime


def alembic_config(database: Database, metadata: MetaData, migrations_dir: Path) -> Config:
    """An Alembic config for one service's database."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["database"] = database
    config.attributes["target_metadata"] = metadata
    return config


def upgrade(database: Database, metadata: MetaData, migrations_dir: Path) -> None:
    """Bring a service's database to the newest revision."""
    command.upgrade(alembic_config(database, metadata, migrations_dir), "head")


def run_migrations(context) -> None:  # type: ignore[no-untyped-def]
    """The body of every service's ``env.py``: migrate online, in one transaction."""
    database: Database = context.config.attributes["database"]
    with database.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=context.config.attributes["target_metadata"],
            render_as_batch=database.is_sqlite,
            compare_type=True,
            render_item=_render_plain_types,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


def _render_plain_types(type_: str, obj: object, _autogen_context) -> str | bool:
    """Write our column types as the plain SQLAlchemy types they store as."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False
