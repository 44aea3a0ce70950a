"""record looks: who was shown whose record, what view, on which day (never edited)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_looks",
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("viewer", sa.String(40), nullable=False),
        sa.Column("what", sa.String(80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("person", "viewer", "what", "day", name=op.f("pk_record_looks")),
    )


def downgrade() -> None:
    op.drop_table("record_looks")
