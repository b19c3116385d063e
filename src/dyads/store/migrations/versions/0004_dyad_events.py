"""dyad_events: one row per event and ordered pair of its codes, so that a dyad summary reads one
index range instead of joining participants to events (RUS-UKR at a million events: the join
read ~23,000 scattered event rows).

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table(
        "dyad_events",
        sa.Column("a", sa.String(length=3), nullable=False),
        sa.Column("b", sa.String(length=3), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("quad_class", sa.Integer(), nullable=True),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("plover_score", sa.Float(), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("aux_mode", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("a", "b", "event_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_dyad_events_event", "dyad_events", ["event_id"])
    op.create_index("ix_dyad_events_pair", "dyad_events", ["a", "b"],
                    postgresql_include=["direction", "event", "quad_class", "day", "plover_score", "goldstein",
                                        "aux_mode", "event_id"])
    _backfill(op.get_bind())


def _backfill(conn) -> None:
    """Rows for the events already stored. Written against the schema of this revision (raw SQL,
    its column names), not the current one: later revisions rename columns (0005)."""
    from dyads.store.dyads import pairs

    insert = sa.text("INSERT INTO dyad_events (a, b, event_id, direction, event, quad_class, day, plover_score, "
                     "goldstein, aux_mode) VALUES (:a, :b, :event_id, :direction, :event, :quad_class, :day, "
                     ":plover_score, :goldstein, :aux_mode)")
    ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM events ORDER BY id"))]
    for i in range(0, len(ids), 5000):
        chunk = ids[i:i + 5000]
        found: dict[str, dict] = {}
        parts: dict[str, list] = {}
        stmt = sa.text("SELECT e.id, e.event, e.quad_class, e.day, e.plover_score, e.goldstein, e.aux_mode, "
                       "p.role, p.code FROM events e JOIN participants p ON p.event_id = e.id "
                       "WHERE e.id IN :ids AND p.code IS NOT NULL").bindparams(sa.bindparam("ids", expanding=True))
        for r in conn.execute(stmt, {"ids": chunk}):
            found.setdefault(r.id, {"event_id": r.id, "event": r.event, "quad_class": r.quad_class, "day": r.day,
                                    "plover_score": r.plover_score, "goldstein": r.goldstein,
                                    "aux_mode": r.aux_mode})
            parts.setdefault(r.id, []).append((r.role, r.code))
        rows = [{**found[eid], "a": a, "b": b, "direction": direction}
                for eid in sorted(found) for a, b, direction in pairs(found[eid]["event"], parts[eid])]
        if rows:
            conn.execute(insert, rows)


def downgrade() -> None:
    op.drop_index("ix_dyad_events_pair", table_name="dyad_events")
    op.drop_index("ix_dyad_events_event", table_name="dyad_events")
    op.drop_table("dyad_events")
