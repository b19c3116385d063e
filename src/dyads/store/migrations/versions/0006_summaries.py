"""Summary tables for queries at ten million events, kept by triggers, and an index for a dyad's
first and last events.

* `dyad_months`: per dyad (a, b), direction, type, quad code, month and asserted-or-not, the count
  and score sums of its `dyad_events` rows. An unfiltered dyad summary (`by` None, month or year)
  adds up a few hundred rows instead of reading every event of the dyad (RUS-UKR at 10 M events:
  ~500,000 rows).
* `actor_counts`: per country code, role (actor, recipient, either) and asserted-or-not, the
  number of events; the code '' with role 'all' counts the events themselves. Unfiltered top
  actors read it instead of grouping ~22 M participant rows.
* `ix_dyad_events_first`: (a, b, day, event_id), so that a dyad's first and last dated events are
  one index probe each.

Triggers on `dyad_events` and `events` keep both tables right whatever writes the rows (ingest,
the cascade when an article is replaced or deleted, bulk loaders, hand-made rows): an insert adds,
a delete subtracts, an update does both, and a group that reaches zero is removed. On PostgreSQL
the trigger functions first take a transaction-level advisory lock, so that concurrent writers
update the shared counters in turn instead of deadlocking on them.

Written against the schema of this revision (raw SQL): later revisions may change the tables.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DYAD_KEY = ("a", "b", "direction", "event", "quad_code", "month", "aux")

SQLITE_TRIGGERS = [
    # dyad_events -> dyad_months
    """CREATE TRIGGER dyad_months_ai AFTER INSERT ON dyad_events BEGIN
         INSERT INTO dyad_months (a, b, direction, event, quad_code, month, aux, n, scale_sum, scale_n,
                                  goldstein_sum, goldstein_n)
         VALUES (new.a, new.b, new.direction, new.event, coalesce(new.quad_code, 0), coalesce(substr(new.day, 1, 7), ''),
                 new.aux_mode IS NOT NULL, 1, coalesce(new.event_scale, 0), new.event_scale IS NOT NULL,
                 coalesce(new.goldstein, 0), new.goldstein IS NOT NULL)
         ON CONFLICT (a, b, direction, event, quad_code, month, aux) DO UPDATE SET
           n = n + 1, scale_sum = scale_sum + excluded.scale_sum, scale_n = scale_n + excluded.scale_n,
           goldstein_sum = goldstein_sum + excluded.goldstein_sum, goldstein_n = goldstein_n + excluded.goldstein_n;
       END""",
    """CREATE TRIGGER dyad_months_ad AFTER DELETE ON dyad_events BEGIN
         UPDATE dyad_months SET n = n - 1, scale_sum = scale_sum - coalesce(old.event_scale, 0),
           scale_n = scale_n - (old.event_scale IS NOT NULL), goldstein_sum = goldstein_sum - coalesce(old.goldstein, 0),
           goldstein_n = goldstein_n - (old.goldstein IS NOT NULL)
         WHERE a = old.a AND b = old.b AND direction = old.direction AND event = old.event
           AND quad_code = coalesce(old.quad_code, 0) AND month = coalesce(substr(old.day, 1, 7), '')
           AND aux = (old.aux_mode IS NOT NULL);
         DELETE FROM dyad_months WHERE a = old.a AND b = old.b AND direction = old.direction AND event = old.event
           AND quad_code = coalesce(old.quad_code, 0) AND month = coalesce(substr(old.day, 1, 7), '')
           AND aux = (old.aux_mode IS NOT NULL) AND n <= 0;
       END""",
    # events -> actor_counts: the codes are the "|"-joined three-letter codes of the participants,
    # made a JSON array for json_each (triggers cannot use a recursive WITH to split them)
    """CREATE TRIGGER actor_counts_ai AFTER INSERT ON events BEGIN
         INSERT INTO actor_counts (code, role, aux, n)
         SELECT code, role, new.aux_mode IS NOT NULL, 1 FROM (
           SELECT value AS code, 'actor' AS role FROM json_each('["' || replace(coalesce(new.actor_codes, ''), '|', '","') || '"]')
           UNION SELECT value, 'recipient' FROM json_each('["' || replace(coalesce(new.recipient_codes, ''), '|', '","') || '"]')
           UNION SELECT value, 'either' FROM json_each('["' || replace(coalesce(new.actor_codes, '') || '|'
                                                                      || coalesce(new.recipient_codes, ''), '|', '","') || '"]')
           UNION SELECT '', 'all') WHERE code <> '' OR role = 'all'
         ON CONFLICT (code, role, aux) DO UPDATE SET n = n + 1;
       END""",
    """CREATE TRIGGER actor_counts_ad AFTER DELETE ON events BEGIN
         UPDATE actor_counts SET n = n - 1 WHERE aux = (old.aux_mode IS NOT NULL) AND (code, role) IN (
           SELECT value, 'actor' FROM json_each('["' || replace(coalesce(old.actor_codes, ''), '|', '","') || '"]')
           UNION SELECT value, 'recipient' FROM json_each('["' || replace(coalesce(old.recipient_codes, ''), '|', '","') || '"]')
           UNION SELECT value, 'either' FROM json_each('["' || replace(coalesce(old.actor_codes, '') || '|'
                                                                      || coalesce(old.recipient_codes, ''), '|', '","') || '"]')
           UNION SELECT '', 'all');
         DELETE FROM actor_counts WHERE n <= 0;
       END""",
]
SQLITE_UPDATE_TRIGGERS = [
    # rows are not updated by dyads itself; should someone do it, an update is a delete and an insert
    ("dyad_months_au", "dyad_events", "", "dyad_months_ad", "dyad_months_ai"),
    ("actor_counts_au", "events", "OF aux_mode, actor_codes, recipient_codes ", "actor_counts_ad", "actor_counts_ai"),
]

PG_FUNCTIONS = [
    """CREATE FUNCTION dyads_dyad_months() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtext('dyads summaries'));
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           UPDATE dyad_months SET n = n - 1, scale_sum = scale_sum - coalesce(OLD.event_scale, 0),
             scale_n = scale_n - (OLD.event_scale IS NOT NULL)::int,
             goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0),
             goldstein_n = goldstein_n - (OLD.goldstein IS NOT NULL)::int
           WHERE a = OLD.a AND b = OLD.b AND direction = OLD.direction AND event = OLD.event
             AND quad_code = coalesce(OLD.quad_code, 0) AND month = coalesce(substr(OLD.day, 1, 7), '')
             AND aux = (OLD.aux_mode IS NOT NULL)::int;
           DELETE FROM dyad_months WHERE a = OLD.a AND b = OLD.b AND direction = OLD.direction AND event = OLD.event
             AND quad_code = coalesce(OLD.quad_code, 0) AND month = coalesce(substr(OLD.day, 1, 7), '')
             AND aux = (OLD.aux_mode IS NOT NULL)::int AND n <= 0;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO dyad_months AS m (a, b, direction, event, quad_code, month, aux, n, scale_sum, scale_n,
                                         goldstein_sum, goldstein_n)
           VALUES (NEW.a, NEW.b, NEW.direction, NEW.event, coalesce(NEW.quad_code, 0),
                   coalesce(substr(NEW.day, 1, 7), ''), (NEW.aux_mode IS NOT NULL)::int, 1,
                   coalesce(NEW.event_scale, 0), (NEW.event_scale IS NOT NULL)::int, coalesce(NEW.goldstein, 0),
                   (NEW.goldstein IS NOT NULL)::int)
           ON CONFLICT (a, b, direction, event, quad_code, month, aux) DO UPDATE SET
             n = m.n + 1, scale_sum = m.scale_sum + excluded.scale_sum, scale_n = m.scale_n + excluded.scale_n,
             goldstein_sum = m.goldstein_sum + excluded.goldstein_sum,
             goldstein_n = m.goldstein_n + excluded.goldstein_n;
         END IF;
         RETURN NULL;
       END $$""",
    """CREATE FUNCTION dyads_actor_counts() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtext('dyads summaries'));
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           UPDATE actor_counts SET n = n - 1 WHERE aux = (OLD.aux_mode IS NOT NULL)::int AND (code, role) IN (
             SELECT unnest(string_to_array(OLD.actor_codes, '|')), 'actor'
             UNION SELECT unnest(string_to_array(OLD.recipient_codes, '|')), 'recipient'
             UNION SELECT unnest(string_to_array(OLD.actor_codes, '|') || string_to_array(OLD.recipient_codes, '|')),
                          'either'
             UNION SELECT '', 'all');
           DELETE FROM actor_counts WHERE n <= 0;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO actor_counts AS c (code, role, aux, n)
           SELECT k.code, k.role, (NEW.aux_mode IS NOT NULL)::int, 1 FROM (
             SELECT unnest(string_to_array(NEW.actor_codes, '|')) AS code, 'actor' AS role
             UNION SELECT unnest(string_to_array(NEW.recipient_codes, '|')), 'recipient'
             UNION SELECT unnest(string_to_array(NEW.actor_codes, '|') || string_to_array(NEW.recipient_codes, '|')),
                          'either'
             UNION SELECT '', 'all') k
           WHERE k.code <> '' OR k.role = 'all'
           ON CONFLICT (code, role, aux) DO UPDATE SET n = c.n + 1;
         END IF;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER dyad_months_sync AFTER INSERT OR DELETE OR UPDATE ON dyad_events
       FOR EACH ROW EXECUTE FUNCTION dyads_dyad_months()""",
    """CREATE TRIGGER actor_counts_sync AFTER INSERT OR DELETE OR UPDATE OF aux_mode, actor_codes, recipient_codes
       ON events FOR EACH ROW EXECUTE FUNCTION dyads_actor_counts()""",
]


def _fill(conn) -> None:
    """The summaries of the rows already stored: dyads.store.summary.rebuild, which this revision's
    tables match (a later revision that changes them brings its own copy)."""
    from dyads.store.summary import rebuild

    rebuild(conn)


def upgrade() -> None:
    op.create_table(
        "dyad_months",
        sa.Column("a", sa.String(length=3), nullable=False),
        sa.Column("b", sa.String(length=3), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("quad_code", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("aux", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("scale_sum", sa.Float(), nullable=False),
        sa.Column("scale_n", sa.Integer(), nullable=False),
        sa.Column("goldstein_sum", sa.Float(), nullable=False),
        sa.Column("goldstein_n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*DYAD_KEY),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "actor_counts",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("aux", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", "role", "aux"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_dyad_events_first", "dyad_events", ["a", "b", "day", "event_id"],
                    postgresql_include=["direction", "aux_mode"])
    conn = op.get_bind()
    _fill(conn)
    if conn.dialect.name == "postgresql":
        for stmt in PG_FUNCTIONS:
            op.execute(stmt)
    else:
        for stmt in SQLITE_TRIGGERS:
            op.execute(stmt)
        bodies = {s.split()[2]: s[s.index(" BEGIN") + 6:s.rindex("END")] for s in SQLITE_TRIGGERS}
        for name, table, cols, delete, insert in SQLITE_UPDATE_TRIGGERS:
            op.execute(f"CREATE TRIGGER {name} AFTER UPDATE {cols}ON {table} BEGIN {bodies[delete]} {bodies[insert]} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS actor_counts_sync ON events")
        op.execute("DROP TRIGGER IF EXISTS dyad_months_sync ON dyad_events")
        op.execute("DROP FUNCTION IF EXISTS dyads_actor_counts()")
        op.execute("DROP FUNCTION IF EXISTS dyads_dyad_months()")
    else:
        for name in ("dyad_months_ai", "dyad_months_ad", "dyad_months_au", "actor_counts_ai", "actor_counts_ad",
                     "actor_counts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_dyad_events_first", table_name="dyad_events")
    op.drop_table("actor_counts")
    op.drop_table("dyad_months")
