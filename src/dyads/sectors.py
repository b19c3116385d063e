"""PLOVER actor sector codes: a neutral module that any layer may import.

The event store tells a sector filter (`GOV`) from a country filter (`TUR`) with it, and the
actor overlays check user tables against it; neither has to import the other's internals.

    >>> "GOV" in SECTORS and "TUR" not in SECTORS
    True
"""
from __future__ import annotations

import re

SECTORS = frozenset("""
GOV MIL REB OPP PTY COP JUD SPY LEG ELI JRN MED EDU BUS CRM CVL REL LAB REF AGR UAF SOC PRE PRM UNK
""".split())

# what `dyads actors resolve` answers for a phrase that is no actor at all, only a time ("yesterday",
# "on Monday"); the coders of the NGEC and PETRARCH families call it junk. No event participant has it.
NOT_AN_ACTOR = "JNK"

# sectors of political actors: state organs, armed groups, parties, opposition, elites, NGOs and
# other civil-society organizations, organized crime
POLITICAL_SECTORS = frozenset("GOV MIL COP JUD LEG SPY PTY OPP REB UAF ELI PRE PRM SOC CRM".split())
# pseudo-country codes of political actors in their own right (international bodies, NGOs, groups)
POLITICAL_CODES = frozenset("IGO UNO EUR NGO ISM IMG".split())
# the executive and its forces: they speak for the state ("the finance minister" asks no one of
# his own state)
STATE_SECTORS = frozenset("GOV MIL COP".split())

# words that make a name a firm's (BUS): "Acme Corp", "Texas Oil and Gas Corp", "<NSTC.T>"
BUSINESS_NAME = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|PLC|AG|SA|NV|BV|GmbH|SpA|Cos|Bancorp|Holdings?|"
                           r"Industries|Group|Bank|Fund|Trust|Partners|Associates|Securities|Corporation|"
                           r"Company|Airlines?|Motors|Oil|Petroleum|Exchange)\b\.?|<[A-Z.]+>")
