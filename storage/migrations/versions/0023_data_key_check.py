"""data key check: a value sealed under CASCADE_DATA_KEY, to know the key at start-up

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_key_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_key_check")),
    )


def downgrade() -> None:
    op.drop_table("data_key_check")
