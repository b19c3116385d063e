"""Geographic helpers shared by places, the event store and anything else that measures the earth.

A neutral module: it imports nothing from dyads, so `dyads.places` (which resolves place names)
and `dyads.store` (which merges reports of one event when their places are close) can both use it
without depending on each other.

    >>> round(distance_km((41.01, 28.95), (39.93, 32.86)))      # Istanbul - Ankara
    352
"""
from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees (haversine)."""
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
