"""role statuses: staying accredited in a role held without a pathway

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "role_statuses",
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("person", "role", name=op.f("pk_role_statuses")),
    )


def downgrade() -> None:
    op.drop_table("role_statuses")
