from alembic import context

from shared.migrations import run_migrations

run_migrations(context)
