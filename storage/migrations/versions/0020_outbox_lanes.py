"""outbox lanes: what a person awaits is claimed apart from paced posts and reminders

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

AWAITED = (
    "home",
    "reply",
    "apology",
    "nominations-export",
    "entries-export",
    "accreditation-export",
)


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("awaited", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    outbox = sa.table("outbox", sa.column("reason", sa.String), sa.column("awaited", sa.Boolean))
    op.execute(outbox.update().where(outbox.c.reason.in_(AWAITED)).values(awaited=True))
    # Only the few awaited rows are in it: a planning run's 200,000 reminders cost no upkeep.
    op.create_index(
        "ix_outbox_awaited_due",
        "outbox",
        ["state", "due_at"],
        postgresql_where=sa.text("awaited"),
        sqlite_where=sa.text("awaited = 1"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_awaited_due", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("awaited")
