"""follow-up answers and call tasks

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cascade_answers") as batch:
        batch.add_column(sa.Column("materials", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("support", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "follow_up_calls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("called_by", sa.String(40), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["nominations.id"],
            name=op.f("fk_follow_up_calls_nomination_id_nominations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_calls")),
        sa.UniqueConstraint(
            "nomination_id", "round", name=op.f("uq_follow_up_calls_nomination_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("follow_up_calls")
    with op.batch_alter_table("cascade_answers") as batch:
        batch.drop_column("support")
        batch.drop_column("materials")
