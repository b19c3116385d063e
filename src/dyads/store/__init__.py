"""The event store: articles, events and clusters of reports in SQLite or PostgreSQL.

    from dyads.store import open_store, ingest
    report = ingest(["news.jsonl.gz"], "dyads.db")

Modules: `schema` (tables), `db` (opening, migrations), `rows` (documents to rows),
`ingest` (idempotent, crash-safe loading: `ingest` reads and codes paths, `ingest_documents`
codes and stores `Document`s, `store_documents` stores already coded ones), `cluster`
(cross-article merging), `dyads` (the dyad index), `query` and `export`.
"""
from __future__ import annotations

from dyads.store.db import DEFAULT_URL, Store, StoreError, open_store
from dyads.store.ingest import IngestReport, ingest, ingest_documents, store_documents

__all__ = ["DEFAULT_URL", "IngestReport", "Store", "StoreError", "ingest", "ingest_documents", "open_store", "store_documents"]
