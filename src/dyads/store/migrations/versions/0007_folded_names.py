"""Accent- and case-folded copies of the names a filter searches: `actor_names_folded`,
`recipient_names_folded` and `place_name_folded` on `events` ("recep tayyip erdogan" for
"Recep Tayyip Erdoğan", "ilham aliyev" for "İlham Əliyev"), so that `--actor Erdogan`,
`?actor=Cavusoglu` and a watch rule's name find the events whatever accents the text or the
user wrote. They are made by `dyads.text.fold`, the same function the knowledge base matches
with, at ingest and here for the rows already stored (in batches, on the id index).

Written against the schema of this revision: later revisions may change the tables.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PAIRS = (("actor_names", "actor_names_folded"), ("recipient_names", "recipient_names_folded"),
         ("place_name", "place_name_folded"))
BATCH = 5_000


def upgrade() -> None:
    from dyads.text import fold

    for _, folded in PAIRS:
        op.add_column("events", sa.Column(folded, sa.Text(), nullable=True))
    conn = op.get_bind()
    names = ", ".join(name for name, _ in PAIRS)
    sets = ", ".join(f"{folded} = :{folded}" for _, folded in PAIRS)
    last = ""
    while True:
        rows = conn.execute(sa.text(f"SELECT id, {names} FROM events WHERE id > :last ORDER BY id LIMIT {BATCH}"),
                            {"last": last}).fetchall()
        if not rows:
            break
        updates = [{"id": r[0], **{folded: fold(r[i + 1]) if r[i + 1] else None
                                   for i, (_, folded) in enumerate(PAIRS)}}
                   for r in rows if any(r[1:])]
        if updates:
            conn.execute(sa.text(f"UPDATE events SET {sets} WHERE id = :id"), updates)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:      # SQLite drops a column by copying the table
        for _, folded in PAIRS:
            batch.drop_column(folded)
