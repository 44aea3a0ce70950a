"""debrief requests (and, later, cohort channels)

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "debrief_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requester", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_by", sa.String(40), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_requests")),
    )
    op.create_index(op.f("ix_debrief_requests_requester"), "debrief_requests", ["requester"])


def downgrade() -> None:
    op.drop_index(op.f("ix_debrief_requests_requester"), table_name="debrief_requests")
    op.drop_table("debrief_requests")
