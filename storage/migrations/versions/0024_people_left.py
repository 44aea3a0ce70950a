"""people.left_at: when Slack said the account was deactivated (no chase or DM goes to it)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as table:
        table.add_column(sa.Column("left_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as table:
        table.drop_column("left_at")
