"""waitlist offers: a kept place's deadline, lapsed offers, the coordinators' waitlist order;
an offered nomination is active (one per person per programme)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BEFORE = "status IN ('attended', 'awaiting_eligibility', 'confirmed', 'did_not_attend', 'nominated', 'pending_review', 'waitlisted')"
_AFTER = "status IN ('attended', 'awaiting_eligibility', 'confirmed', 'did_not_attend', 'nominated', 'offered', 'pending_review', 'waitlisted')"


def _active_index(batch, where: str) -> None:
    batch.create_index(
        "uq_nominations_active_person",
        ["programme_key", "nominee_id"],
        unique=True,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    with op.batch_alter_table("nominations") as batch:
        batch.add_column(sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("offer_lapsed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("waitlist_rank", sa.Integer(), nullable=True))
        batch.drop_index("uq_nominations_active_person")
        _active_index(batch, _AFTER)


def downgrade() -> None:
    op.execute(
        "UPDATE nominations SET status = 'waitlisted', cohort_key = NULL WHERE status = 'offered'"
    )
    with op.batch_alter_table("nominations") as batch:
        batch.drop_index("uq_nominations_active_person")
        _active_index(batch, _BEFORE)
        batch.drop_column("waitlist_rank")
        batch.drop_column("offer_lapsed")
        batch.drop_column("offer_expires_at")
