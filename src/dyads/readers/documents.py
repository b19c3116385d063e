"""Turning one text (or one JSON object) into a validated `Document`."""
from __future__ import annotations

import re
from typing import Any

from ..model import Document
from dyads.dates.iso import normalize_date
from .errors import InputError
from .language import non_english_reason
from .streams import fmt_size

DEFAULT_MAX_CHARS = 2_000_000

# Field names read from JSON objects; the first present key wins. Aliases are
# accepted only when the canonical key is absent.
TEXT_KEYS = ("text", "body", "content")
DATE_KEYS = ("date", "publication_date", "published", "pub_date", "date_published", "publish_date")
TITLE_KEYS = ("title", "headline")
ID_KEYS = ("id",)

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def too_large_reason(size: float, max_chars: int, *, unit: str = "bytes") -> str:
    if unit == "chars":
        return (f"document too large ({int(size):,} characters > {max_chars:,} limit; "
                f"use --max-chars)")
    return f"document too large ({fmt_size(size)} > {fmt_size(max_chars)} limit; use --max-chars)"


def clean_text(text: str) -> str:
    """Drop a leading BOM and normalise line ends to \\n (offsets refer to the result)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def document_from_text(
    text: str,
    *,
    id: str,
    source: str,
    date: Any = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    default_date: Any = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    check_language: bool = True,
    warnings: list[str] | None = None,
) -> Document:
    """Validate `text` and build a Document; raise `InputError(source, reason)` if unusable.

    An invalid `date` is not fatal: it is dropped with a warning on the document and
    `default_date` (if any) is used instead. An invalid `default_date` is the caller's
    bug and raises ValueError.
    """
    warns = list(warnings or [])
    if not isinstance(text, str):
        raise InputError(source, f"text is not a string (got {type(text).__name__})")
    if len(text) > max_chars:
        raise InputError(source, too_large_reason(len(text), max_chars, unit="chars"))
    text = clean_text(text)
    if not text.strip():
        raise InputError(source, "empty text" if not text else "empty text (whitespace only)")
    controls = len(_CONTROL_CHARS.findall(text, 0, 100_000))
    if controls > 0.05 * min(len(text), 100_000) or "\x00" in text[:100_000]:
        raise InputError(source, "binary data (control characters) — not text")
    try:
        norm_date = normalize_date(date)
    except ValueError as exc:
        warns.append(f"{exc}; date dropped")
        norm_date = None
    if norm_date is None:
        norm_date = normalize_date(default_date)
    if check_language:
        lang = non_english_reason(text)
        if lang is not None:
            raise InputError(source, f"not English (looks like {lang})")
    return Document(
        text=text,
        id=id,
        date=norm_date,
        title=title,
        url=url,
        publisher=publisher,
        source_name=source,
        language="en",
        warnings=warns,
    )


def _first_key(obj: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in obj:
            return key
    return None


def _optional_str(obj: dict, keys: tuple[str, ...], warns: list[str]) -> str | None:
    key = _first_key(obj, keys)
    if key is None:
        return None
    value = obj[key]
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        warns.append(f"'{key}' ignored (expected a string, got {_json_type(value)})")
        return None
    value = value.strip()
    return value or None


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean",
            int: "number", float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def document_from_dict(
    obj: Any,
    *,
    source: str,
    default_date: Any = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    check_language: bool = True,
    default_id: str | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Build a Document from a JSON object ``{"id","text","date","title","url","publisher"}``.

    Missing id -> `default_id` (readers pass ``<file stem>:<line>``), else `source`.
    Missing / null / non-string / empty text raises `InputError`. An invalid date is
    dropped with a warning and the document is still returned.
    """
    warns = list(warnings or [])
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {_json_type(obj)}")
    text_key = _first_key(obj, TEXT_KEYS)
    if text_key is None:
        fields = ", ".join(sorted(map(str, obj))[:10]) or "none"
        raise InputError(source, f"no 'text' field (fields: {fields})")
    text = obj[text_key]
    if text is None:
        raise InputError(source, f"'{text_key}' is null")
    if not isinstance(text, str):
        raise InputError(source, f"'{text_key}' is not a string (got {_json_type(text)})")

    raw_id = obj.get("id")
    doc_id: str | None = None
    if isinstance(raw_id, (str, int, float)) and not isinstance(raw_id, bool):
        doc_id = str(raw_id).strip() or None
    elif raw_id is not None:
        warns.append(f"'id' ignored (expected a string or number, got {_json_type(raw_id)})")
    if doc_id is None:
        doc_id = default_id or source

    date_key = _first_key(obj, DATE_KEYS)
    date = obj[date_key] if date_key else None
    return document_from_text(
        text,
        id=doc_id,
        source=source,
        date=date,
        title=_optional_str(obj, TITLE_KEYS, warns),
        url=_optional_str(obj, ("url",), warns),
        publisher=_optional_str(obj, ("publisher",), warns),
        default_date=default_date,
        max_chars=max_chars,
        check_language=check_language,
        warnings=warns,
    )
