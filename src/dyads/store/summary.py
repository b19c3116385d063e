"""Summary tables (migration 0006), kept by triggers, for the queries that would otherwise read
millions of rows:

    dyad_months    per dyad (a, b), direction, type, quad code (0: none), month ('': undated) and
                   `aux` (1: a negated, future ... report): the count of its `dyad_events` rows and
                   the sums and counts of their scores. An unfiltered `query.dyad` (by None, month
                   or year) adds these up.
    actor_counts   per country code, role ("actor", "recipient", "either") and `aux`: the number of
                   events; code '' with role "all" counts the events. Unfiltered `query.top_actors`
                   by code reads it. Counted from the events' `actor_codes` and `recipient_codes`,
                   which hold the codes of their participants.

Triggers on `dyad_events` and `events` update both on every insert, delete (the cascade when an
article is replaced or deleted too) and update, so nothing else has to. `rebuild` recomputes them
from the stored rows: for bulk loaders that write with the triggers off.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

_AUX = "CASE WHEN aux_mode IS NULL THEN 0 ELSE 1 END"


def _codes(backend: str) -> str:
    """A query of (id, aux, code, role) rows: one per event and code of each side."""
    if backend == "postgresql":
        return (f"SELECT id, {_AUX} AS aux, unnest(string_to_array(actor_codes, '|')) AS code, 'actor' AS role "
                f"FROM events UNION ALL SELECT id, {_AUX}, unnest(string_to_array(recipient_codes, '|')), "
                "'recipient' FROM events")
    aux = _AUX.replace("aux_mode", "e.aux_mode")

    def split(col: str) -> str:
        return f"""json_each('["' || replace({col}, '|', '","') || '"]')"""
    return (f"SELECT e.id, {aux} AS aux, j.value AS code, 'actor' AS role FROM events e, {split('e.actor_codes')} j "
            f"WHERE e.actor_codes IS NOT NULL UNION ALL SELECT e.id, {aux}, j.value, 'recipient' "
            f"FROM events e, {split('e.recipient_codes')} j WHERE e.recipient_codes IS NOT NULL")


def rebuild(conn: Connection) -> None:
    """Recompute `dyad_months` and `actor_counts` from `dyad_events` and `events`."""
    conn.execute(text("DELETE FROM dyad_months"))
    conn.execute(text("DELETE FROM actor_counts"))
    conn.execute(text(
        "INSERT INTO dyad_months (a, b, direction, event, quad_code, month, aux, n, scale_sum, scale_n, "
        "goldstein_sum, goldstein_n) "
        f"SELECT a, b, direction, event, coalesce(quad_code, 0), coalesce(substr(day, 1, 7), ''), {_AUX}, count(*), "
        "coalesce(sum(event_scale), 0), count(event_scale), coalesce(sum(goldstein), 0), count(goldstein) "
        "FROM dyad_events GROUP BY a, b, direction, event, coalesce(quad_code, 0), coalesce(substr(day, 1, 7), ''), "
        f"{_AUX}"))
    codes = _codes(conn.dialect.name)
    conn.execute(text(
        "INSERT INTO actor_counts (code, role, aux, n) "
        f"SELECT code, role, aux, count(*) FROM ({codes}) c WHERE code <> '' GROUP BY code, role, aux "
        f"UNION ALL SELECT code, 'either', aux, count(DISTINCT id) FROM ({codes}) c WHERE code <> '' "
        "GROUP BY code, aux "
        f"UNION ALL SELECT '', 'all', {_AUX}, count(*) FROM events GROUP BY {_AUX}"))
