"""what a coordinator chose to see of the facilitators' list on Home: a filter and a page

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("home_tabs") as table:
        table.add_column(
            sa.Column(
                "facilitators_filter",
                sa.String(length=60),
                nullable=False,
                server_default="everyone",
            )
        )
        table.add_column(
            sa.Column("facilitators_page", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("home_tabs") as table:
        table.drop_column("facilitators_page")
        table.drop_column("facilitators_filter")
