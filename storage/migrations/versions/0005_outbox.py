"""reminders become the outbox: every message Cascade sends

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("uq_reminders_key")
        batch_op.drop_index("ix_reminders_state_due")
    op.rename_table("reminders", "outbox")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE outbox RENAME CONSTRAINT pk_reminders TO pk_outbox")
        op.execute("ALTER SEQUENCE reminders_id_seq RENAME TO outbox_id_seq")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column(
            "person_id",
            new_column_name="recipient",
            existing_type=sa.String(length=40),
            existing_nullable=False,
        )
        batch_op.add_column(
            sa.Column("dirty", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            "uq_outbox_key", ["recipient", "reason", "subject", "period"], unique=True
        )
        batch_op.create_index("ix_outbox_state_due", ["state", "due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_due")
        batch_op.drop_index("uq_outbox_key")
        batch_op.drop_column("dirty")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column(
            "recipient",
            new_column_name="person_id",
            existing_type=sa.String(length=40),
            existing_nullable=False,
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE outbox RENAME CONSTRAINT pk_outbox TO pk_reminders")
        op.execute("ALTER SEQUENCE outbox_id_seq RENAME TO reminders_id_seq")
    op.rename_table("outbox", "reminders")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "uq_reminders_key", ["person_id", "reason", "subject", "period"], unique=True
        )
        batch_op.create_index("ix_reminders_state_due", ["state", "due_at"], unique=False)
