"""One output schema: event columns take the PLOVER names that `dyads extract` and batch Parquet
use. `quad_class` (the quad as a number) becomes `quad_code`, and `plover_score` becomes
`event_scale`, on `events` and on `dyad_events`. The quad's text name (`quad_class`, "verbal
cooperation" ...) is not stored: queries derive it from `quad_code`.

`ALTER TABLE ... RENAME COLUMN` is the same statement on SQLite (3.25+) and PostgreSQL, and renames
in place: no table is copied, indexes (PostgreSQL's INCLUDE columns too), triggers and the
SQLite full-text table keep working, and a store of millions of events upgrades at once.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RENAMES = (("events", "quad_class", "quad_code"), ("events", "plover_score", "event_scale"),
           ("dyad_events", "quad_class", "quad_code"), ("dyad_events", "plover_score", "event_scale"))


def _rename(table: str, old: str, new: str) -> None:
    op.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{old}" TO "{new}"')


def upgrade() -> None:
    for table, old, new in RENAMES:
        _rename(table, old, new)


def downgrade() -> None:
    for table, old, new in reversed(RENAMES):
        _rename(table, new, old)
