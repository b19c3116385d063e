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
    """Rows for the events already stored."""
    from dyads.store.dyads import index_dyads

    index_dyads(conn)


def downgrade() -> None:
    op.drop_index("ix_dyad_events_pair", table_name="dyad_events")
    op.drop_index("ix_dyad_events_event", table_name="dyad_events")
    op.drop_table("dyad_events")
