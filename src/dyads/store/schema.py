"""The event store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

    articles       one row per stored article (id, content hash, metadata)
    events         one row per event of an article: the PLOVER record's fields, flat,
                   plus the whole record as JSON; `cluster_id` links it to its cluster
    participants   actors and recipients of each event
    dyad_events    one row per event and ordered pair of its country codes, with the direction
                   and the event's counted fields: a dyad summary reads one index range (0004)
    dyad_months    dyad_events counted per dyad, direction, type, quad code and month (0006)
    actor_counts   events per country code and side (0006); both kept by triggers
    mentions       where each event is stated (sentence, trigger offsets)
    places         resolved place mentions of each article
    clusters       one real-world event reported by one or more articles
    cluster_links  why an event joined its cluster (the merge rule that matched)
    errors         inputs that could not be stored, with the reason
    watch_*        `dyads watch`: feed state, seen URLs, rules, alert state, alerts, webhook outbox

Event fields carry the names of the one output schema (docs/output.md): `quad_code` (1-4) and
`event_scale` (the PLOVER score), as in `dyads extract` and batch Parquet (migration 0005).

Dates are ISO strings (TIMEX values: `2023-02-25`, `2023-W08`, `2023-02`, `2023`); `day`
columns hold the first day they cover, so ranges and ordering work on every backend.
Migrations live in `dyads/store/migrations` (Alembic); a store is upgraded when opened.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("publisher", Text),
    Column("source", Text),                 # who reported it: publisher, else the first credited agency
    Column("credited", Text),               # credited agencies, "|"-joined
    Column("date", String(32)),             # publication date (ISO) as given
    Column("language", String(8)),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", String(32), nullable=False),
)

clusters = Table(
    "clusters", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event", String(16), nullable=False),
    Column("mode", String(32)),
    Column("date", String(16)),             # best-evidenced date (TIMEX value)
    Column("date_precision", String(8)),
    Column("day", String(10), index=True),  # first day of `date`
    Column("actor_codes", String(200)),     # "|"-joined, sorted
    Column("recipient_codes", String(200)),
    Column("actor_names", Text),
    Column("recipient_names", Text),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_country", String(3)),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("first_seen", String(32)),       # earliest publication date of its articles
    Column("last_seen", String(32)),
    Column("updated_at", String(32)),
    Index("ix_clusters_event_day", "event", "day"),
)

events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("cluster_id", Integer, ForeignKey("clusters.id"), index=True),
    Column("event", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("contexts", Text),               # "|"-joined
    Column("aux_mode", String(16)),
    Column("quad_code", Integer),           # 1-4 (0005: was quad_class); the quad's name is QUAD_NAMES[quad_code]
    Column("cameo", String(8)),
    Column("goldstein", Float),
    Column("event_scale", Float),           # the PLOVER score (0005: was plover_score)
    Column("confidence", Float),
    Column("date", String(16)),
    Column("date_precision", String(8)),
    Column("date_source", String(16)),
    Column("day", String(10), index=True),
    Column("actor_codes", String(200)),
    Column("recipient_codes", String(200)),
    Column("actor_sectors", String(200)),
    Column("recipient_sectors", String(200)),
    Column("actor_names", Text),
    Column("recipient_names", Text),
    Column("actor_people", Text),           # names of the people among the actors (merge rule 4)
    Column("recipient_people", Text),
    Column("place_name", Text),
    Column("place_geonameid", Integer),
    # accent- and case-folded copies that name filters search (0007): "erdogan" finds "Erdoğan"
    Column("actor_names_folded", Text),
    Column("recipient_names_folded", Text),
    Column("place_name_folded", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_country", String(3)),
    Column("place_kind", String(16)),
    Column("location_source", String(16)),
    Column("sentence", Text),
    Column("record", JSON, nullable=False),  # the full PLOVER JSON record
    Index("ix_events_day_event", "day", "event"),
    Index("ix_events_event_day", "event", "day"),          # type filters in date order (0002)
)

participants = Table(
    "participants", metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(10), primary_key=True),      # actor | recipient
    Column("position", Integer, primary_key=True),
    Column("text", Text),
    Column("name", Text),
    Column("code", String(3), index=True),
    Column("sector", String(3)),
    Column("kind", String(16)),
    Column("office", Text),
    Column("country_inferred", Integer),
    Index("ix_participants_code_role", "code", "role"),
    Index("ix_participants_code_event", "code", "event_id", "role"),   # dyads from the index alone (0002)
)

dyad_events = Table(
    # Derived from participants and events when an event is stored, and deleted with it. Event
    # rows never change these fields, so the table needs no other upkeep. SQLite keeps it as a
    # clustered B-tree (WITHOUT ROWID) on (a, b, event_id): a dyad is one contiguous range.
    "dyad_events", metadata,
    Column("a", String(3), primary_key=True),
    Column("b", String(3), primary_key=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("direction", String(5), nullable=False),     # ab: a acts on b; ba: b on a; joint: together
    Column("event", String(16), nullable=False),
    Column("quad_code", Integer),                       # (0005: was quad_class)
    Column("day", String(10)),
    Column("event_scale", Float),                       # (0005: was plover_score)
    Column("goldstein", Float),
    Column("aux_mode", String(16)),                     # negated, future, ... (left out by default)
    Index("ix_dyad_events_event", "event_id"),          # the cascade finds an event's rows
    Index("ix_dyad_events_pair", "a", "b", postgresql_include=["direction", "event", "quad_code", "day",
                                                              "event_scale", "goldstein", "aux_mode", "event_id"]),
    # a dyad's first and last dated events: one probe at each end (0006)
    Index("ix_dyad_events_first", "a", "b", "day", "event_id", postgresql_include=["direction", "aux_mode"]),
    sqlite_with_rowid=False,
)

# ------------------------------------------------------------- summaries (0006), kept by triggers
# Triggers on dyad_events and events add and subtract as rows come and go (dyads.store.summary).

dyad_months = Table(
    # the dyad_events rows counted per group: an unfiltered dyad summary adds up a few hundred rows
    "dyad_months", metadata,
    Column("a", String(3), primary_key=True),
    Column("b", String(3), primary_key=True),
    Column("direction", String(5), primary_key=True),
    Column("event", String(16), primary_key=True),
    Column("quad_code", Integer, primary_key=True),     # 0: none (a key column cannot be NULL)
    Column("month", String(7), primary_key=True),       # first 7 characters of day; '': undated
    Column("aux", Integer, primary_key=True),           # 1: negated, future ... reports
    Column("n", Integer, nullable=False),
    Column("scale_sum", Float, nullable=False),         # sum and count of the non-null event scales
    Column("scale_n", Integer, nullable=False),
    Column("goldstein_sum", Float, nullable=False),
    Column("goldstein_n", Integer, nullable=False),
    sqlite_with_rowid=False,
)

actor_counts = Table(
    # events per country code and side; code '' with role 'all' counts the events themselves
    "actor_counts", metadata,
    Column("code", String(3), primary_key=True),
    Column("role", String(10), primary_key=True),       # actor | recipient | either | all
    Column("aux", Integer, primary_key=True),           # 1: negated, future ... reports
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)

mentions = Table(
    "mentions", metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("sentence_index", Integer),
    Column("paragraph_index", Integer),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("attribution", Text),
    Column("sentence", Text),
)

places = Table(
    "places", metadata,
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer),
    Column("text", Text),
    Column("name", Text),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), index=True),
    Column("kind", String(16)),
    Column("use", String(8)),
)

cluster_links = Table(
    "cluster_links", metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", Integer, ForeignKey("clusters.id"), nullable=False, index=True),
    Column("reason", JSON, nullable=False),   # the rule that matched, or {"rule": "new"}
    Column("linked_at", String(32), nullable=False),
)

errors = Table(
    "errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

# ------------------------------------------------------------------ watch (0003): feeds in, alerts out
# Feed state, seen article URLs, watchlist rules and alert state live in the store, so a restarted
# `dyads watch` neither re-fetches what it has seen nor alerts twice.

watch_feeds = Table(
    "watch_feeds", metadata,
    Column("url", String(2000), primary_key=True),
    Column("name", Text),
    Column("publisher", Text),
    Column("etag", Text),                   # validators for the next conditional GET
    Column("last_modified", Text),
    Column("checked_at", String(32)),
    Column("status", String(32)),           # "ok", "not modified", "error"
    Column("error", Text),
    Column("n_items", Integer, nullable=False, default=0),
)

watch_seen = Table(
    "watch_seen", metadata,
    Column("url_hash", String(64), primary_key=True),   # SHA-256 of the URL: URLs can be long
    Column("url", Text, nullable=False),
    Column("feed_url", Text),
    Column("article_id", String(200)),
    Column("content_hash", String(64), index=True),
    Column("status", String(16), nullable=False),       # stored | unchanged | duplicate | failed
    Column("reason", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("seen_at", String(32), nullable=False),
)

watch_state = Table(
    "watch_state", metadata,
    Column("key", String(64), primary_key=True),        # e.g. "alerts.watermark"
    Column("value", Text),
)

watch_rules = Table(
    "watch_rules", metadata,
    Column("id", String(200), primary_key=True),        # the rule's slug, as in /feeds/{id}.atom
    Column("name", Text, nullable=False),
    Column("definition", JSON, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

watch_matches = Table(
    "watch_matches", metadata,
    Column("rule", String(200), primary_key=True),      # one row per rule and cluster: alert once
    Column("cluster_id", Integer, primary_key=True),
    Column("n_sources", Integer, nullable=False),       # as last alerted; more sources = an update
    Column("n_articles", Integer, nullable=False),
    Column("first_at", String(32), nullable=False),
    Column("last_at", String(32), nullable=False),
    Column("last_alert_id", Integer),
    Index("ix_watch_matches_rule_last", "rule", "last_at"),
)

watch_alerts = Table(
    "watch_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(200), nullable=False),
    Column("cluster_id", Integer, nullable=False),
    Column("kind", String(8), nullable=False),          # new | update
    Column("n_sources", Integer, nullable=False),
    Column("at", String(32), nullable=False),
    Column("payload", JSON, nullable=False),            # what the webhook receives
    Index("ix_watch_alerts_rule_at", "rule", "at"),
)

watch_outbox = Table(
    "watch_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("watch_alerts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", String(32), nullable=False),      # not before this time (backoff)
    Column("delivered_at", String(32)),
    Column("status_code", Integer),
    Column("last_error", Text),
    Column("created_at", String(32), nullable=False),
    Index("ix_watch_outbox_pending", "delivered_at", "next_at"),
)
