"""the inbox's ids are never given again (SQLite: AUTOINCREMENT)

An answer's outbox key names its request's id. Without AUTOINCREMENT SQLite gives the next
request the highest id still in use plus one, so once the inbox empties ids are given again
and a later request's answer collides with an earlier one's key. PostgreSQL's sequence never
goes back: nothing to change there.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# The highest request id an answer was ever keyed by ("request:12"), or still in the inbox.
HIGHEST = """
SELECT MAX(seq) FROM (
    SELECT MAX(id) AS seq FROM inbox
    UNION ALL
    SELECT MAX(CAST(SUBSTR(subject, 9) AS INTEGER)) FROM outbox
    WHERE reason = 'reply' AND subject LIKE 'request:%'
)
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "inbox", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass
    bind = op.get_bind()
    highest = bind.execute(sa.text(HIGHEST)).scalar() or 0
    bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'inbox'"))
    bind.execute(
        sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('inbox', :seq)"),
        {"seq": highest},
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "inbox", recreate="always", table_kwargs={"sqlite_autoincrement": False}
    ):
        pass
