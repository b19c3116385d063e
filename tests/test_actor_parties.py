"""Parties in and out of government by date (dyads.actors.parties; PLOVER sector note 1)."""
from __future__ import annotations

import datetime as dt

from dyads.actors.gazetteer import Gazetteer, Tables
from dyads.actors.parties import PartyTerms
from dyads.actors.resolver import KnowledgeBaseResolver

TERMS = [
    {"party": "Harbour Party", "country": "NZL", "start": "2008-11-19", "end": "2017-10-26", "role": "leads"},
    {"party": "Ridge Party", "country": "NZL", "start": "2017-10-26", "end": "", "role": "leads"},
]


def test_a_party_in_government_on_the_day():
    p = PartyTerms(TERMS)
    assert p.sector("Harbour Party", "NZL", dt.date(2010, 1, 1)) == "GOV"
    assert p.sector("Harbour Party", "NZL", dt.date(2020, 1, 1)) == "OPP"      # another party governs
    assert p.sector("Ridge Party", "NZL", dt.date(2020, 1, 1)) == "GOV"


def test_nothing_known_is_no_status():
    p = PartyTerms(TERMS)
    assert p.sector("Harbour Party", "NZL", dt.date(1990, 1, 1)) is None       # no government known then
    assert p.sector("Valley Party", "AUS", dt.date(2020, 1, 1)) is None


def test_the_resolver_keeps_pty_and_adds_gov_or_opp():
    orgs = [{"name": "Harbour Party", "aliases": "", "code": "NZL", "sector": "PTY", "kind": "party"},
            {"name": "Ridge Party", "aliases": "", "code": "NZL", "sector": "PTY", "kind": "party"}]
    tables = Tables.load(organizations=orgs, people=[])
    tables.party_terms = TERMS
    kb = KnowledgeBaseResolver(Gazetteer(tables))
    res = kb.resolve("the Harbour Party", date="2012-05-01")
    assert (res.code, res.sector, res.sectors) == ("NZL", "PTY", ["PTY", "GOV"])
    assert kb.resolve("Harbour Party officials", date="2019-05-01").sectors == ["PTY", "OPP"]
    assert kb.resolve("the Harbour Party", date="1990-05-01").sectors == ["PTY"]
