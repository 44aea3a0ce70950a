"""circle deliveries, the circle calendar and sign-ups

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_ENTRIES = "supervision_entries.id"


def upgrade() -> None:
    op.create_table(
        "circle_deliveries",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(40), nullable=False),
        sa.Column("ics_key", sa.String(40), nullable=False),
        sa.Column("setting", sa.String(20), nullable=False),
        sa.Column("embedded_in", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            [_ENTRIES],
            name=op.f("fk_circle_deliveries_entry_id_supervision_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_circle_deliveries")),
    )
    op.create_table(
        "circle_co_facilitators",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            [_ENTRIES],
            name=op.f("fk_circle_co_facilitators_entry_id_supervision_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "user_id", name=op.f("pk_circle_co_facilitators")),
    )
    op.create_index(
        op.f("ix_circle_co_facilitators_user_id"), "circle_co_facilitators", ["user_id"]
    )
    op.create_table(
        "circles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("facilitator", sa.String(40), nullable=False),
        sa.Column("co_facilitators", sa.JSON(), nullable=False),
        sa.Column("topic", sa.String(40), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("ics_key", sa.String(40), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("client_token", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circles")),
        sa.UniqueConstraint("facilitator", "client_token", name=op.f("uq_circles_facilitator")),
    )
    op.create_index(op.f("ix_circles_facilitator"), "circles", ["facilitator"])
    op.create_index(op.f("ix_circles_starts_at"), "circles", ["starts_at"])
    op.create_table(
        "circle_signups",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("signed_up_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["circles.id"],
            name=op.f("fk_circle_signups_circle_id_circles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circle_id", "user_id", name=op.f("pk_circle_signups")),
    )
    op.create_index(op.f("ix_circle_signups_user_id"), "circle_signups", ["user_id"])
    op.create_table(
        "circle_cover_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("asked_by", sa.String(40), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_by", sa.String(40), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["circles.id"],
            name=op.f("fk_circle_cover_requests_circle_id_circles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_cover_requests")),
    )
    op.create_index(
        op.f("ix_circle_cover_requests_circle_id"), "circle_cover_requests", ["circle_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_circle_cover_requests_circle_id"), table_name="circle_cover_requests")
    op.drop_table("circle_cover_requests")
    op.drop_index(op.f("ix_circle_signups_user_id"), table_name="circle_signups")
    op.drop_table("circle_signups")
    op.drop_index(op.f("ix_circles_starts_at"), table_name="circles")
    op.drop_index(op.f("ix_circles_facilitator"), table_name="circles")
    op.drop_table("circles")
    op.drop_index(op.f("ix_circle_co_facilitators_user_id"), table_name="circle_co_facilitators")
    op.drop_table("circle_co_facilitators")
    op.drop_table("circle_deliveries")
