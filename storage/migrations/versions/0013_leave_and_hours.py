"""leave periods and hours-based requirements (hours live in the catalogue's JSON: no column)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leave",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("client_token", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leave")),
    )
    op.create_index("uq_leave_token", "leave", ["person", "client_token"], unique=True)
    op.create_index("ix_leave_person_ends", "leave", ["person", "ends_on"])


def downgrade() -> None:
    op.drop_index("ix_leave_person_ends", table_name="leave")
    op.drop_index("uq_leave_token", table_name="leave")
    op.drop_table("leave")
