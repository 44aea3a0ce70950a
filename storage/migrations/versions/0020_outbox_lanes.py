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
    op.create_index("ix_outbox_lane_state_due", "outbox", ["awaited", "state", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_lane_state_due", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("awaited")
