"""scheduled group sessions, invitations and attendance

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("log_type", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("organiser", sa.String(40), nullable=False),
        sa.Column("ics_key", sa.String(40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by", sa.String(40), nullable=True),
        sa.Column("client_token", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_group_sessions"),
    )
    op.create_index("ix_group_sessions_starts_at", "group_sessions", ["starts_at"])
    op.create_index("ix_group_sessions_organiser", "group_sessions", ["organiser"])
    op.create_index(
        "uq_group_sessions_token", "group_sessions", ["organiser", "client_token"], unique=True
    )
    op.create_table(
        "group_session_invitees",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.String(20), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name="fk_group_session_invitees_session_id_group_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "person", name="pk_group_session_invitees"),
    )
    op.create_index("ix_group_session_invitees_person", "group_session_invitees", ["person"])
    with op.batch_alter_table("supervision_entries") as batch:
        batch.add_column(sa.Column("group_session_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_supervision_entries_group_session_id_group_sessions",
            "group_sessions",
            ["group_session_id"],
            ["id"],
        )
        batch.create_index(
            "uq_supervision_entries_group_session",
            ["group_session_id", "author_id"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("supervision_entries") as batch:
        batch.drop_index("uq_supervision_entries_group_session")
        batch.drop_constraint(
            "fk_supervision_entries_group_session_id_group_sessions", type_="foreignkey"
        )
        batch.drop_column("group_session_id")
    op.drop_index("ix_group_session_invitees_person", table_name="group_session_invitees")
    op.drop_table("group_session_invitees")
    op.drop_index("uq_group_sessions_token", table_name="group_sessions")
    op.drop_index("ix_group_sessions_organiser", table_name="group_sessions")
    op.drop_index("ix_group_sessions_starts_at", table_name="group_sessions")
    op.drop_table("group_sessions")
