"""`dyads batch`: corpus-scale coding on a Dask cluster (local cores by default).

Modules: `plan` (cutting inputs into partitions), `worker` (what a worker does with one
partition), `parquet` (the event table), `run` (the driver: cluster, progress, resume, merge).
"""
from __future__ import annotations

from dyads.batch.run import FORMATS, BatchError, BatchReport, batch

__all__ = ["FORMATS", "BatchError", "BatchReport", "batch"]
