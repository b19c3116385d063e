"""CAMEO codes, Goldstein values and the PLOVER ontology, and the mappings between them.

Data files (loaded once, lazily):

* ``dyads/data/cameo.tsv`` -- every CAMEO event code (2-, 3- and 4-digit strings,
  leading zeros kept) with a short name, its Goldstein value and its PLOVER
  event/mode/contexts. The PLOVER columns follow the 2021 CAMEO->PLOVER
  conversion table; the few places where dyads departs from it (modes and
  contexts the manual no longer has, sanctions coded as SANCTION) are listed
  under ``reference_deviations`` in ``plover.yaml``. CAMEO roots 01 and 02 have
  no PLOVER event.
* ``dyads/data/plover.yaml`` -- the 16 PLOVER events with quad class, PLOVER
  score, modes (score, description), contexts, and the inverse table used by
  :func:`cameo_for`. It is loaded and checked by :mod:`dyads.ontology`, which
  owns the event list, quad classes and modes; they are re-exported here.

Example::

    >>> cameo_for("CONSULT", "visit"), goldstein("042")
    ('042', 1.9)
    >>> plover_for_cameo("073")
    ('AID', None, ['human_security'])
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from dyads import ontology
from dyads.ontology import modes, quad_code

__all__ = [
    "PLOVER_EVENTS", "CONTEXTS", "AUXILIARY_MODES", "CameoCode",
    "quad_code", "plover_score", "modes", "validate", "normalize_context",
    "cameo_for", "goldstein", "cameo_root", "cameo_quad", "cameo_name",
    "plover_for_cameo", "normalize_code", "cameo_codes", "cameo_table",
]


_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover_event: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]


def _data_text(name: str) -> str:
    return (_DATA_DIR / name).read_text(encoding="utf-8")


@functools.cache
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes of cameo.tsv, keyed by code string."""
    table: dict[str, CameoCode] = {}
    reader = csv.DictReader(_data_text("cameo.tsv").splitlines(), delimiter="\t")
    for row in reader:
        code = row["code"].strip()
        table[code] = CameoCode(
            code=code,
            name=row["name"].strip(),
            goldstein=float(row["goldstein"]),
            plover_event=row["plover_event"].strip() or None,
            plover_mode=row["plover_mode"].strip() or None,
            plover_context=tuple(c.strip() for c in row["plover_context"].split(";") if c.strip()),
        )
    return table


def _plover() -> dict[str, Any]:
    return ontology.plover_data()


def _events() -> dict[str, Any]:
    return _plover()["events"]


# the 16 events in the manual's order; kept under this name for compatibility
PLOVER_EVENTS: tuple[str, ...] = ontology.EVENTS


def __getattr__(name: str) -> Any:  # lazy module constants that need the data files
    if name == "CONTEXTS":
        return tuple(_plover()["contexts"])
    if name == "AUXILIARY_MODES":
        return tuple(_plover()["auxiliary_modes"])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CONTEXTS: tuple[str, ...]          # resolved by __getattr__ from plover.yaml
AUXILIARY_MODES: tuple[str, ...]   # historical, future, hypothetical, negation


# ---------------------------------------------------------------- PLOVER side

_event = ontology.event_entry


def _norm_mode(mode: str | None) -> str | None:
    if mode is None:
        return None
    m = mode.strip().lower().replace("_", "-").replace(" ", "-")
    return m or None


def _mode_entry(event: str, mode: str | None) -> dict[str, Any] | None:
    m = _norm_mode(mode)
    if m is None:
        return None
    entry = _event(event)["modes"].get(m)
    if entry is None:
        raise ValueError(f"{mode!r} is not a mode of {event.upper()}; allowed: {modes(event)}")
    return entry


def plover_score(event: str, mode: str | None = None) -> float:
    """PLOVER conflict/cooperation score of an event, or of event:mode if a mode is given.

    Modes without a row in the manual's table get the event's score. Raises
    ValueError for an unknown event or a mode the event does not have.
    """
    ev = _event(event)
    entry = _mode_entry(event, mode)
    if entry is not None and entry.get("score") is not None:
        return float(entry["score"])
    return float(ev["score"])


def validate(event: str | None, mode: str | None = None) -> bool:
    """True if `event` is a PLOVER event and `mode` (if any) is one of its modes."""
    if not event or event.strip().upper() not in _events():
        return False
    m = _norm_mode(mode)
    return m is None or m in _event(event)["modes"]


def normalize_context(context: str) -> str | None:
    """Canonical PLOVER context name for `context` (aliases such as 'humanitarian'), or None."""
    c = (context or "").strip().lower().replace("-", "_").replace(" ", "_")
    data = _plover()
    if c in data["contexts"]:
        return c
    alias = data.get("context_aliases", {})
    c2 = alias.get(c) or alias.get(c.replace("_", "-"))
    return c2 if c2 in data["contexts"] else None


def _contexts(context: Sequence[str] | str | None) -> list[str]:
    if not context:
        return []
    if isinstance(context, str):
        context = [context]
    out = []
    for c in context:
        n = normalize_context(c)
        if n and n not in out:
            out.append(n)
    return out


def cameo_for(event: str, mode: str | None = None, context: Sequence[str] = (),
              hint: str | None = None) -> str:
    """The most representative CAMEO code for a PLOVER event (and mode, contexts).

    Order: a `hint` (CAMEO code proposed by a trigger lexicon) that maps to the
    same event and does not contradict `mode`; the mode's context-specific code;
    the mode's code; a hint of the same event; the event's context-specific
    code; the event's default. See the `cameo:` entries in plover.yaml.
    """
    ev_name = event.strip().upper()
    ev = _event(ev_name)
    m = _norm_mode(mode)
    entry = _mode_entry(ev_name, m)
    ctxs = _contexts(context)

    hint_code = None
    if hint is not None:
        try:
            hint_code = normalize_code(hint)
        except ValueError:
            hint_code = None
        if hint_code is not None:
            h_ev, h_mode, _ = plover_for_cameo(hint_code)
            if h_ev != ev_name:
                hint_code = None
            elif m is None or h_mode == m:
                return hint_code

    if entry is not None:
        by_ctx = entry.get("context") or {}
        for c in ctxs:
            if c in by_ctx:
                return by_ctx[c]
        if entry.get("cameo"):
            return entry["cameo"]
    if hint_code is not None:
        return hint_code
    inverse = ev["cameo"]
    by_ctx = inverse.get("context") or {}
    for c in ctxs:
        if c in by_ctx:
            return by_ctx[c]
    return inverse["default"]


# ----------------------------------------------------------------- CAMEO side

def normalize_code(code: str | int) -> str:
    """Canonical CAMEO code string.

    Strings that are known codes are returned as they are (leading zeros matter:
    "10" is the DEMAND root, "010" a statement). Integers, and digit strings
    that lost a leading zero (as in ICEWS exports), are zero-padded: 42 -> "042",
    333 -> "0333", 10 -> "010". Raises ValueError if nothing sensible results.
    """
    table = cameo_table()
    if isinstance(code, bool):
        raise ValueError(f"not a CAMEO code: {code!r}")
    if isinstance(code, int):
        s = str(code)
        if code < 0:
            raise ValueError(f"not a CAMEO code: {code!r}")
        candidates = [s.zfill(3)] if len(s) <= 2 else [s, "0" + s]
    else:
        s = str(code).strip()
        if not s.isdigit():
            raise ValueError(f"not a CAMEO code: {code!r}")
        candidates = [s] + ([s.zfill(3)] if len(s) < 3 else ["0" + s] if len(s) == 3 else [])
    for c in candidates:
        if c in table:
            return c
    # an unknown 3- or 4-digit leaf of a known root (e.g. a newer CAMEO leaf) is kept
    c = candidates[0]
    if len(c) in (3, 4) and c[:2] in table:
        return c
    raise ValueError(f"unknown CAMEO code: {code!r}")


def cameo_codes() -> tuple[str, ...]:
    return tuple(cameo_table())


def cameo_root(cameo: str | int) -> str:
    """The two-digit root: "042" -> "04", "1823" -> "18"."""
    return normalize_code(cameo)[:2]


def cameo_quad(cameo: str | int) -> int:
    """Conventional CAMEO quad class: roots 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    root = int(cameo_root(cameo))
    if 1 <= root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    if root <= 20:
        return 4
    raise ValueError(f"not a CAMEO code: {cameo!r}")


def _lookup(cameo: str | int) -> CameoCode:
    """The table row for a code, else its 3-digit parent, else its root."""
    code = normalize_code(cameo)
    table = cameo_table()
    for c in (code, code[:3], code[:2]):
        if c in table:
            return table[c]
    raise ValueError(f"unknown CAMEO code: {cameo!r}")  # pragma: no cover


def goldstein(cameo: str | int) -> float:
    """Goldstein value of the code; a leaf missing from the table takes its parent's, else its root's."""
    return _lookup(cameo).goldstein


def cameo_name(cameo: str | int) -> str:
    return _lookup(cameo).name


def plover_for_cameo(cameo: str | int) -> tuple[str | None, str | None, list[str]]:
    """(event, mode, contexts) for a CAMEO code; (None, None, []) for roots 01 and 02."""
    row = _lookup(cameo)
    return row.plover_event, row.plover_mode, list(row.plover_context)


def _iter_inverse() -> Iterable[tuple[str, str | None, str | None, str]]:
    """(event, mode, context, cameo) for every entry of the inverse table (used by tests/docs)."""
    for name, ev in _events().items():
        inv = ev["cameo"]
        yield name, None, None, inv["default"]
        for c, code in (inv.get("context") or {}).items():
            yield name, None, c, code
        for m, entry in ev["modes"].items():
            if entry.get("cameo"):
                yield name, m, None, entry["cameo"]
            for c, code in (entry.get("context") or {}).items():
                yield name, m, c, code
