"""organisation and device roles

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_ROLES = ("admin", "operator", "educator", "citizen", "shop")
NEW_ROLES = (*OLD_ROLES, "organisation", "device")


def _allow(roles: tuple[str, ...]) -> None:
    allowed = ", ".join(f"'{role}'" for role in roles)
    for table in ("logins", "refresh_tokens"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"ck_{table}_role"), type_="check")
            batch_op.create_check_constraint("role", f"role IN ({allowed})")


def upgrade() -> None:
    _allow(NEW_ROLES)


def downgrade() -> None:
    _allow(OLD_ROLES)
