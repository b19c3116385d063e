"""Stage: is each event political? An event is kept only if

1. the trigger's reading here is the political one (`events.senses`: "held a 40 pct stake"
   is no arrest), and
2. at least one participant is a political actor: a state or one of its organs (government,
   military, police, courts, legislature, intelligence), a party, the opposition, rebels or
   other armed groups, an international organization or NGO; people protesting are political
   actors of their protest. Businesses, markets and private people alone are not ("Acme agreed
   to buy Widget Corp"); a business dealing with a government is (a ministry fines a firm).

Other events get `nonpolitical` set to the reason; the merge stage drops them unless the
pipeline is asked to include them (`--include nonpolitical`).
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from dyads.actors.spans import ActorSpans
from dyads.events.senses import failed_rule
from dyads.events.syntax import core_bounds, is_verbal
from dyads.model import Entity, Event
from dyads.sectors import BUSINESS_NAME, POLITICAL_CODES, POLITICAL_SECTORS
from dyads.state import CodingState, FoundEvent
from dyads.vocabulary import words

PERSONAL_PRONOUNS = words("personal_object_pronouns")
COMMENTATORS = words("commentator_nouns")
# "a contract to supply": what the deal is for; but "the order to capture" is a command and "a
# bid to oust" an attempt, so those two words do not count here
CONTRACT_NOUNS = words("transaction_nouns") - {"order", "orders", "bid", "bids"}
SALE_VERBS = words("sale_verbs")      # "agreed to sell 32,000 tonnes of sugar": a sale
AMOUNT_ENTS = {"QUANTITY", "CARDINAL", "MONEY"}



ORGANIZATION_WORDS = words("organization_head_words")


REREADINGS = {("THREATEN", "REQUEST"), ("REJECT", "THREATEN")}   # judged by the reading the coder gave


def is_political(e: Entity, event: str) -> bool:
    if e.kind in ("target", "place"):
        return False
    if event == "PROTEST":
        return True      # people who protest act politically, whoever they are
    if (e.code or "") in POLITICAL_CODES or (e.kind == "country" and e.sector != "BUS"):
        return True      # a nationality on business people ("Indian businessmen") is no state
    if {s for s in [e.sector, *e.sectors] if s} & POLITICAL_SECTORS:
        return True
    return _unknown_body(e)


def _unknown_body(e: Entity) -> bool:
    """A name the knowledge base does not know whose words say it is a body of people, and no
    firm: "the Freedom Movement", not "Acme Industries Inc"."""
    words_ = e.text.split()
    return (e.kind in ("unknown", "agent") and e.sector in (None, "UNK") and e.name is None and len(words_) > 1
            and words_[0][:1].isupper() and words_[-1][:1].isupper() and not BUSINESS_NAME.search(e.text)
            and any(w.lower().strip(".,()") in ORGANIZATION_WORDS for w in words_))


def _business(side: list[Entity]) -> bool:
    return bool(side) and all(e.sector == "BUS" or (e.kind == "unknown" and BUSINESS_NAME.search(e.text)) for e in side)


def nonpolitical_reason(ev: Event) -> str | None:
    if not ev.actor and not ev.recipient:
        return None        # a bare mention ("the talks") can only join an event of the document
    if ev.event == "AID" and (_business(ev.actor) or _business(ev.recipient)):
        # a firm supplying a government, a ministry awarding a firm a contract: trade, not aid
        return "a business transaction"
    if ev.actor and all(_commentator(e) for e in ev.actor):
        # "praised by political analysts", "economists criticised the plan": comment, no act
        return "commentary by observers"
    if ev.event in ("AGREE", "COOPERATE", "CONSULT", "SUPPORT") and len(ev.actor) > 1 \
            and all(e.kind == "media" for e in ev.actor + ev.recipient):
        # "CNN reached an agreement with China Central Television to air its news": a deal
        # between broadcasters, state-run or not, is their business
        return "a deal between media"
    if ev.actor and all(_press(e) for e in ev.actor) and ev.event != "PROTEST":
        # "the Financial Times urged the prime minister to ...": an editorial; the press is a
        # party only when force or coercion is used on it (the coding guide)
        return "commentary by the press"
    if any(is_political(e, ev.event) for e in ev.actor + ev.recipient):
        return None
    return "no political participant"


def _press(e: Entity) -> bool:
    """A newspaper, broadcaster or agency of the knowledge base speaking for itself; state media
    speak for their government ("Tass", "KCNA": GOV is among their sectors; "Radio Pakistan",
    "Tehran Radio": a country's radio)."""
    return e.kind == "media" and e.sector in ("JRN", None, "UNK") and "GOV" not in e.sectors


def _commentator(e: Entity) -> bool:
    """Analysts, economists, experts: the head noun of the phrase (before "at", "of", "with");
    not the staff of an international body ("European Community trade experts", "IMF
    economists"), who act for it."""
    if (e.code or "") in POLITICAL_CODES:
        return False
    head = re.split(r"\s(?:at|of|with|in|from|for)\s", e.text.strip(), maxsplit=1)[0].split()
    return bool(head) and head[-1].lower().strip(".,") in COMMENTATORS


def _sale_of_goods(trigger: Token) -> bool:
    """"Costa Rica has agreed to sell 32,000 tonnes of sugar to the Soviet Union": the agreed act
    is a sale of goods in stated amounts (trade, not an accord between states; "agreed to open
    its beef market" names no amount and stays)."""
    for comp in trigger.children:
        if comp.dep_ != "xcomp" or comp.lemma_.lower() not in SALE_VERBS:
            continue
        for obj in comp.children:
            if obj.dep_ != "dobj":
                continue
            if obj.ent_type_ in AMOUNT_ENTS or any(k.ent_type_ in AMOUNT_ENTS for k in obj.subtree):
                return True
    return False


class Relevance:
    name = "relevance"

    def __init__(self, spans: ActorSpans) -> None:
        self.spans = spans

    def _actor_token(self, t: Token) -> bool:
        if t.lower_ in PERSONAL_PRONOUNS:
            return True
        s, e = core_bounds(t)
        return self.spans.is_actor(t.doc[s:e], lambda a, b: False)

    def sense_reason(self, found: FoundEvent) -> str | None:
        raw = found.raw
        entry = raw.entry
        if not entry.event:
            return None
        tok = raw.trigger
        if entry.pos == "N" and is_verbal(tok) and raw.consumed:
            tok = raw.consumed[0]      # a light verb: the noun carries the reading
        if entry.pos == "V" and tok.dep_ in ("amod", "compound") and tok.i < tok.head.i:
            return "sense: a participle describing a noun (\"state-backed\"), not an act"
        if entry.pos == "V" and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in CONTRACT_NOUNS:
            return "sense: what a contract or an order is for (\"a contract to supply soybeans\"), not an act"
        if raw.event == "AGREE" and _sale_of_goods(tok):
            return "sense: an agreement to sell or buy stated amounts of goods, a commercial sale"
        # a warning the coder read as a demand ("warned Tokyo its package must be significant")
        # is judged as a demand, not by the rows for warnings that foresee things; a refusal to
        # rule out force read as a threat, not by the rows for refusals
        event = raw.event if (entry.event, raw.event) in REREADINGS else entry.event
        rule = failed_rule(tok, entry.head, entry.pos, event, self._actor_token)
        return f"sense: {rule.describe()}" if rule is not None else None

    def __call__(self, state: CodingState) -> None:
        for found in state.found:
            found.event.nonpolitical = self.sense_reason(found) or nonpolitical_reason(found.event)
