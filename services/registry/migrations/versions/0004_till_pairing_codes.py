"""till pairing codes and the wrong codes typed

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ROLES = ("admin", "operator", "educator", "citizen", "shop", "organisation", "device")


def upgrade() -> None:
    op.create_table(
        "pairing_codes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("shop_id", sa.String(length=36), nullable=False),
        sa.Column("network_id", sa.String(length=36), nullable=False),
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_by", sa.String(length=36), nullable=False),
        sa.Column(
            "issuer_role",
            sa.Enum(
                *ROLES,
                name="issuer_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("issuer_network_id", sa.String(length=36), nullable=True),
        sa.Column("issuer_member_id", sa.String(length=36), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_pairing_codes_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["members.id"], name=op.f("fk_pairing_codes_shop_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairing_codes")),
    )
    with op.batch_alter_table("pairing_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pairing_codes_code_sha256"), ["code_sha256"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pairing_codes_shop_id"), ["shop_id"], unique=False)

    op.create_table(
        "wrong_pairing_codes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("typed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wrong_pairing_codes")),
    )
    with op.batch_alter_table("wrong_pairing_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wrong_pairing_codes_typed_at"), ["typed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wrong_pairing_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wrong_pairing_codes_typed_at"))
    op.drop_table("wrong_pairing_codes")
    with op.batch_alter_table("pairing_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pairing_codes_shop_id"))
        batch_op.drop_index(batch_op.f("ix_pairing_codes_code_sha256"))
    op.drop_table("pairing_codes")
