"""Main-text and metadata extraction from HTML pages (trafilatura, imported lazily)."""
from __future__ import annotations

from typing import Any

from .errors import InputError

# htmldate: only trust explicit metadata (meta tags, JSON-LD, URL), never guess a
# publication date from dates mentioned in the article text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# trafilatura falls back to any text it finds ("Home"); fewer words than this is no article
MIN_WORDS = 10


def extract_html(data: bytes | str, source: str) -> dict[str, Any]:
    """Return ``{"text", "title", "date", "url", "publisher"}`` for an HTML page.

    Boilerplate (navigation, footers, comments, tables) is removed. Paragraphs are
    separated by blank lines. Raises InputError when no article text is found
    (nothing, or fewer than `MIN_WORDS` words, is extracted).
    """
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise InputError(source, f"HTML support unavailable ({exc})") from None

    result = None
    for precision in (True, False):   # precise first; recall fallback for very short pages
        try:
            result = trafilatura.bare_extraction(
                data,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                favor_precision=precision,
                favor_recall=not precision,
                date_extraction_params=_DATE_PARAMS,
            )
        except Exception as exc:  # trafilatura/lxml raise a variety of parser errors
            raise InputError(source, f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
        if result is not None and (getattr(result, "text", None) or "").strip():
            break
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise InputError(source, "no article text found in HTML")
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(source, f"no article text found in HTML (only {words} "
                                 f"word{'s' if words != 1 else ''} outside the page boilerplate)")
    paragraphs = [line.strip() for line in text.split("\n")]
    return {
        "text": "\n\n".join(p for p in paragraphs if p),
        "title": getattr(result, "title", None) or None,
        "date": getattr(result, "date", None) or None,
        "url": getattr(result, "url", None) or None,
        "publisher": getattr(result, "sitename", None) or None,
    }
