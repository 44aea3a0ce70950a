"""accreditation pathways: sign-offs, requests for a step, accreditations; peer review forms;
mentoring pairs

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_OPEN = "closed_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "sign_offs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("pathway", sa.String(40), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("signed_by", sa.String(40), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_offs")),
        sa.UniqueConstraint("person", "pathway", "step", name=op.f("uq_sign_offs_person")),
    )
    op.create_table(
        "step_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("pathway", sa.String(40), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_requests")),
    )
    op.create_index(
        "uq_step_requests_open",
        "step_requests",
        ["person", "pathway", "step"],
        unique=True,
        sqlite_where=sa.text(_OPEN),
        postgresql_where=sa.text(_OPEN),
    )
    op.create_table(
        "accreditations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("pathway", sa.String(40), nullable=False),
        sa.Column("accredited_on", sa.Date(), nullable=False),
        sa.Column("confirmed_by", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accreditations")),
        sa.UniqueConstraint("person", "pathway", name=op.f("uq_accreditations_person")),
        sa.UniqueConstraint("reference", name=op.f("uq_accreditations_reference")),
    )
    op.create_table(
        "peer_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trainer", sa.String(40), nullable=False),
        sa.Column("assessor", sa.String(40), nullable=False),
        sa.Column("event", sa.String(40), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("venue", sa.Text(), nullable=False),
        sa.Column("capacity", sa.String(40), nullable=True),
        sa.Column("other_trainers", sa.Text(), nullable=False),
        sa.Column("sessions_observed", sa.Text(), nullable=False),
        sa.Column("review_kind", sa.String(40), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("assessor_comments", sa.Text(), nullable=False),
        sa.Column("assessor_signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trainer_comments", sa.Text(), nullable=False),
        sa.Column("trainer_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("manager", sa.String(40), nullable=True),
        sa.Column("pathway", sa.String(40), nullable=True),
        sa.Column("step", sa.String(40), nullable=True),
        sa.Column("signs_off", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_reviews")),
    )
    op.create_index(op.f("ix_peer_reviews_trainer"), "peer_reviews", ["trainer"])
    op.create_index(op.f("ix_peer_reviews_assessor"), "peer_reviews", ["assessor"])
    op.create_table(
        "mentoring_pairs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mentor", sa.String(40), nullable=False),
        sa.Column("mentee", sa.String(40), nullable=False),
        sa.Column("paired_by", sa.String(40), nullable=False),
        sa.Column("paired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("line_manager", sa.String(40), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_pairs")),
    )
    op.create_index(op.f("ix_mentoring_pairs_mentor"), "mentoring_pairs", ["mentor"])
    op.create_index(op.f("ix_mentoring_pairs_mentee"), "mentoring_pairs", ["mentee"])


def downgrade() -> None:
    op.drop_index(op.f("ix_mentoring_pairs_mentee"), table_name="mentoring_pairs")
    op.drop_index(op.f("ix_mentoring_pairs_mentor"), table_name="mentoring_pairs")
    op.drop_table("mentoring_pairs")
    op.drop_index(op.f("ix_peer_reviews_assessor"), table_name="peer_reviews")
    op.drop_index(op.f("ix_peer_reviews_trainer"), table_name="peer_reviews")
    op.drop_table("peer_reviews")
    op.drop_table("accreditations")
    op.drop_index("uq_step_requests_open", table_name="step_requests")
    op.drop_table("step_requests")
    op.drop_table("sign_offs")
