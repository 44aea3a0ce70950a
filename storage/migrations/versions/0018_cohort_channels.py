"""cohort channels, and who chose to join them

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cohort_channels",
        sa.Column("programme_key", sa.String(40), nullable=False),
        sa.Column("cohort_key", sa.String(40), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("asked_by", sa.String(40), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_id", sa.String(40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("programme_key", "cohort_key", name=op.f("pk_cohort_channels")),
        sa.UniqueConstraint("name", name=op.f("uq_cohort_channels_name")),
    )
    op.create_table(
        "cohort_channel_members",
        sa.Column("programme_key", sa.String(40), nullable=False),
        sa.Column("cohort_key", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_key", "cohort_key"],
            ["cohort_channels.programme_key", "cohort_channels.cohort_key"],
            name=op.f("fk_cohort_channel_members_programme_key_cohort_channels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "programme_key", "cohort_key", "user_id", name=op.f("pk_cohort_channel_members")
        ),
    )


def downgrade() -> None:
    op.drop_table("cohort_channel_members")
    op.drop_table("cohort_channels")
