"""People's names per role on events (for the merge rule), and two indexes for queries at scale:
participants (code, event_id, role) answers dyads from the index alone; events (event, day)
serves type filters in date order.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("actor_people", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("recipient_people", sa.Text(), nullable=True))
    # fill them for stores made before this revision, from the participants table
    conn = op.get_bind()
    people: dict[tuple[str, str], list[str]] = {}
    for event_id, role, name in conn.execute(sa.text(
            "SELECT event_id, role, coalesce(name, text) FROM participants WHERE kind = 'person' "
            "ORDER BY event_id, role, position")):
        people.setdefault((event_id, role), []).append(name)
    for (event_id, role), names in people.items():
        conn.execute(sa.text(f"UPDATE events SET {role}_people = :v WHERE id = :id"),
                     {"v": "|".join(dict.fromkeys(names)), "id": event_id})
    op.create_index("ix_events_event_day", "events", ["event", "day"])
    op.create_index("ix_participants_code_event", "participants", ["code", "event_id", "role"])


def downgrade() -> None:
    op.drop_index("ix_participants_code_event", table_name="participants")
    op.drop_index("ix_events_event_day", table_name="events")
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("recipient_people")
        batch_op.drop_column("actor_people")
