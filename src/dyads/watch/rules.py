"""Watchlist rules: which events deserve an alert.

    rules:
      - name: TUR–AZE agreements        # required; its id (the Atom feed's name) is made from it
        actors: [TUR, AZE]              # each must be among the event's actors
        events: [AGREE, COOPERATE]
      - name: Protests in Peru
        events: PROTEST
        place_countries: [PER]
        min_sources: 2                  # of the event's cluster

Participants (`actors`, `recipients`, `either`) take what the store's `EventFilter` takes: a
country code (TUR), a sector (GOV), both (TURGOV) or a name substring; every listed one must be
there. For CONSULT, AGREE and COOPERATE, which have no direction, the sides are interchangeable:
"actors: [TUR, AZE]" also matches an agreement coded TUR -> AZE. Lists of event types, modes,
contexts, quad classes, places (name substrings) and place countries match any of their values.
Negated, future and hypothetical reports never match unless `include_aux: true`.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import Connection, and_, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dyads import validation
from dyads.store.cluster import UNDIRECTED
from dyads.store.db import Store
from dyads.store.query import EVENT_COLUMNS, EventFilter, conditions, name_matches, opened
from dyads.store.schema import clusters
from dyads.store.schema import events as ev
from dyads.watch.config import ConfigError, check_url, line_of, read_yaml

_LISTS = ("actors", "recipients", "either", "events", "modes", "contexts", "quad", "places", "place_countries")
_KEYS = {"name", "id", "min_sources", "include_aux", "webhook", *_LISTS}
_SLUG = re.compile(r"[^a-z0-9]+")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")


def slug(name: str) -> str:
    """The rule id made from its name: "TUR–AZE agreements" -> "tur-aze-agreements"."""
    return _SLUG.sub("-", name.lower()).strip("-")[:100]


@dataclass(frozen=True)
class Rule:
    """One watchlist rule (see the module docstring)."""

    name: str
    id: str
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    either: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    places: tuple[str, ...] = ()
    place_countries: tuple[str, ...] = ()
    min_sources: int | None = None
    include_aux: bool = False
    webhook: str | None = None
    source: str = field(default="", compare=False)      # file:line, for messages

    def definition(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("source")
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items() if v not in ((), None, False)}


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    vals = [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value
    if not isinstance(vals, list) or not vals or not all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                                         and str(v).strip() for v in vals):
        raise ConfigError(f"{where}: '{key}': must be a non-empty value or list of values (got {value!r})")
    return tuple(str(v).strip() for v in vals)


def parse_rule(raw: Any, where: str) -> Rule:
    """One rule from its YAML mapping; `ConfigError` naming `where` and the field when it is bad."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a mapping with at least 'name'")
    extra = sorted(str(k) for k in raw if k not in _KEYS)
    if extra:
        raise ConfigError(f"{where}: unknown field '{extra[0]}' (known: {', '.join(sorted(_KEYS))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name': required, a non-empty string")
    rid = raw.get("id", slug(name))
    if not isinstance(rid, str) or not _ID.fullmatch(rid):
        raise ConfigError(f"{where}: 'id': must be lower-case letters, digits, '-' or '_' (got {rid!r})")
    vals: dict[str, Any] = {}
    for key in _LISTS:
        if key in raw:
            vals[key] = _strings(raw[key], key, where)
    # the filters' own checks (dyads.validation), as the CLI and the API make them
    for key, check in (("events", validation.event_types), ("modes", validation.modes)):
        if key in vals:
            try:
                vals[key] = tuple(check(list(vals[key]), key) or ())
            except validation.InvalidValue as exc:
                raise ConfigError(f"{where}: '{key}': {exc.reason}") from None
    if "contexts" in vals:
        try:
            vals["contexts"] = tuple(validation.context(c, "contexts") for c in vals["contexts"])
        except validation.InvalidValue as exc:
            raise ConfigError(f"{where}: 'contexts': {exc.reason}") from None
    if "quad" in vals:
        if not all(q in ("1", "2", "3", "4") for q in vals["quad"]):
            raise ConfigError(f"{where}: 'quad': quad classes are 1, 2, 3 or 4 (got {raw['quad']!r})")
        vals["quad"] = tuple(int(q) for q in vals["quad"])
    if "place_countries" in vals:
        vals["place_countries"] = tuple(c.upper() for c in vals["place_countries"])
        bad = [c for c in vals["place_countries"] if not re.fullmatch(r"[A-Z]{3}", c)]
        if bad:
            raise ConfigError(f"{where}: 'place_countries': three-letter country codes (got {bad[0]!r})")
    min_sources = raw.get("min_sources")
    if min_sources is not None and (isinstance(min_sources, bool) or not isinstance(min_sources, int)
                                    or min_sources < 1):
        raise ConfigError(f"{where}: 'min_sources': must be an integer >= 1 (got {min_sources!r})")
    include_aux = raw.get("include_aux", False)
    if not isinstance(include_aux, bool):
        raise ConfigError(f"{where}: 'include_aux': must be true or false (got {include_aux!r})")
    webhook = raw.get("webhook")
    if webhook is not None and check_url(webhook):
        raise ConfigError(f"{where}: 'webhook': {check_url(webhook)}")
    if not any(vals.get(k) for k in _LISTS) and not min_sources:
        raise ConfigError(f"{where}: matches every event: give actors, recipients, either, events, ... "
                          "(at least one condition)")
    return Rule(name=name.strip(), id=rid, min_sources=min_sources, include_aux=include_aux,
                webhook=webhook.strip() if webhook else None, source=where, **vals)


@dataclass
class RuleSet:
    """The valid rules of one or more files and the one-line messages of those skipped."""

    rules: list[Rule] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load_rules(paths: Iterable[str | Path] | str | Path) -> RuleSet:
    """Read rule files (a `rules:` list, or a plain list). A bad rule is skipped with a message
    naming file, line, rule and field; an unreadable or malformed file is skipped likewise."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = RuleSet()
    ids: dict[str, str] = {}
    for path in paths:
        try:
            raw = read_yaml(path)
        except ConfigError as exc:
            out.errors.append(str(exc))
            continue
        items = raw.get("rules") if isinstance(raw, dict) else raw
        if isinstance(raw, dict) and set(raw) - {"rules"}:
            out.errors.append(f"{path}{line_of(raw)}: unknown field '{sorted(set(raw) - {'rules'})[0]}' "
                              "(a rules file holds one list, 'rules')")
            continue
        if not isinstance(items, list) or not items:
            out.errors.append(f"{path}: expected a non-empty list of rules under 'rules'")
            continue
        for i, item in enumerate(items, 1):
            label = item.get("name") if isinstance(item, dict) and isinstance(item.get("name"), str) else None
            where = f"{path}{line_of(item)}: rule {i}" + (f" ({label})" if label else "")
            try:
                rule = parse_rule(item, where)
                if rule.id in ids:
                    raise ConfigError(f"{where}: 'id': {rule.id!r} already used by {ids[rule.id]} "
                                      "(give one of them another name or id)")
            except ConfigError as exc:
                out.errors.append(str(exc))
                continue
            ids[rule.id] = where
            out.rules.append(rule)
    return out


# -------------------------------------------------------------------------------- matching

def _participant(spec: str, role: str, backend: str) -> ColumnElement[bool]:
    """The store's own participant matching (EventFilter), with undirected types side-blind."""
    term = conditions(EventFilter(include_aux=True, **{role: spec}), backend)[0]
    if role == "either_side":
        return term
    either = conditions(EventFilter(include_aux=True, either_side=spec), backend)[0]
    return or_(term, and_(ev.c.event.in_(sorted(UNDIRECTED)), either))


def rule_conditions(rule: Rule, backend: str) -> list[ColumnElement[bool]]:
    """WHERE terms over `events` LEFT JOIN `clusters` for the events `rule` matches."""
    flt = EventFilter(event=list(rule.events) or None, mode=list(rule.modes) or None,
                      quad_code=list(rule.quad) or None, min_sources=rule.min_sources,
                      include_aux=rule.include_aux)
    where = conditions(flt, backend)
    for key, role in (("actors", "actor"), ("recipients", "recipient"), ("either", "either_side")):
        where += [_participant(spec, role, backend) for spec in getattr(rule, key)]
    if rule.contexts:
        where.append(or_(*(conditions(EventFilter(include_aux=True, context=c), backend)[0]
                           for c in rule.contexts)))
    if rule.places:
        where.append(or_(*(name_matches(ev.c.place_name_folded, ev.c.place_name, p) for p in rule.places)))
    if rule.place_countries:
        where.append(ev.c.place_country.in_(list(rule.place_countries)))
    return where


def _from():
    return ev.outerjoin(clusters, clusters.c.id == ev.c.cluster_id)


def matching_clusters(conn: Connection, rule: Rule, cluster_ids: Iterable[int], backend: str) -> set[int]:
    """Which of these clusters hold at least one event that `rule` matches."""
    ids = sorted(set(cluster_ids))
    found: set[int] = set()
    for i in range(0, len(ids), 500):       # bounded IN lists
        stmt = (select(ev.c.cluster_id).distinct().select_from(_from())
                .where(ev.c.cluster_id.in_(ids[i:i + 500]), *rule_conditions(rule, backend)))
        found |= {r[0] for r in conn.execute(stmt)}
    return found


def test_rules(rules: Iterable[Rule] | RuleSet | str | Path, db: Store | str | None = None, *,
               limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The stored events each rule would have matched (oldest first), by rule id: dicts of the
    store's event columns plus their cluster's `n_articles` and `n_sources`."""
    if isinstance(rules, (str, Path)):
        rules = load_rules(rules)
    if isinstance(rules, RuleSet):
        rules = rules.rules
    out: dict[str, list[dict[str, Any]]] = {}
    with opened(db) as store:
        cols = [*EVENT_COLUMNS, clusters.c.n_articles, clusters.c.n_sources]
        with store.engine.connect() as conn:
            for rule in rules:
                stmt = (select(*cols).select_from(_from()).where(*rule_conditions(rule, store.backend))
                        .order_by(ev.c.day, ev.c.id))
                if limit is not None:
                    stmt = stmt.limit(limit)
                out[rule.id] = [dict(r._mapping) for r in conn.execute(stmt)]
    return out


test_rules.__test__ = False     # type: ignore[attr-defined]  # a library function, not a pytest test
