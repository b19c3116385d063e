"""Places: place names found in a text, resolved to GeoNames places (and dyads'
own tables of countries, divisions and regions).

    from dyads.places import lookup
    lookup("Istanbul")                  # Place(name='Istanbul', lat=41.01, lon=28.95, country='TUR', kind='city', ...)
    lookup("Georgia", countries=["USA"])   # the US state, in a US story
    lookup("Georgia")                      # the country

`dyads.places.find` finds the place mentions of a text (for the pipeline);
`dyads.places.resolve.resolve_all` resolves a document's mentions together.
The index is built once into the user cache (`dyads.places.index`).
"""
from __future__ import annotations

from dyads.places.resolve import Candidate, Place, PlaceMention, candidates, distance_km, landmark, lookup, resolve_all

__all__ = ["Candidate", "Place", "PlaceMention", "candidates", "distance_km", "landmark", "lookup", "resolve_all"]
