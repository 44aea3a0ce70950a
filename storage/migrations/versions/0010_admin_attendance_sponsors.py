"""programme admin in Slack: the programme file as last applied; a nominee's organisation
and sponsor; attendance per session

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("nominations") as batch:
        batch.add_column(
            sa.Column("organisation", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("sponsor", sa.String(40), nullable=True))
    op.create_table(
        "attendance",
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("session", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.String(40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["nominations.id"],
            name="fk_attendance_nomination_id_nominations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("nomination_id", "session", name="pk_attendance"),
    )
    op.create_table(
        "applied_files",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_applied_files"),
    )


def downgrade() -> None:
    op.drop_table("applied_files")
    op.drop_table("attendance")
    with op.batch_alter_table("nominations") as batch:
        batch.drop_column("sponsor")
        batch.drop_column("organisation")
