"""Publication-date normalisation: `normalize_date`, defined once in `dyads.dates.iso`
(see there for the accepted forms) and re-exported here for the readers and older imports."""
from __future__ import annotations

from dyads.dates.iso import normalize_date

__all__ = ["normalize_date"]
