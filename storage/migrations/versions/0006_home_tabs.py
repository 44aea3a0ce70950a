"""who has opened the Home tab; an index for planning

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "home_tabs",
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_home_tabs")),
    )
    op.create_index(
        "ix_supervision_entries_type_author_date",
        "supervision_entries",
        ["log_type", "author_id", "occurred_on"],
    )


def downgrade() -> None:
    op.drop_index("ix_supervision_entries_type_author_date", table_name="supervision_entries")
    op.drop_table("home_tabs")
