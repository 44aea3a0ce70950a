"""peer review forms: the form's own token (Slack's view id), so a double submission
stores one review

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("peer_reviews") as batch:
        batch.add_column(sa.Column("client_token", sa.String(100), nullable=True))
        batch.create_index("uq_peer_reviews_token", ["assessor", "client_token"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("peer_reviews") as batch:
        batch.drop_index("uq_peer_reviews_token")
        batch.drop_column("client_token")
