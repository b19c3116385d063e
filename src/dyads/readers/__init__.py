"""Readers: turn input files, folders and stdin into validated `dyads.model.Document`s.

Supported inputs (each may also be gzip-compressed; gzip is detected by its magic
bytes and decompressed as a stream):

* plain text (``.txt``, ``.text``, no extension): the whole file is one document,
  id = file stem (path relative to the folder, without extension, inside folders);
* HTML (``.html``, ``.htm``, ``.xhtml`` or content sniffed as HTML): main text via
  trafilatura (boilerplate, comments and tables removed; paragraphs separated by
  blank lines), plus title / url / site name / publication date from the page metadata;
* JSON lines (``.jsonl``, ``.ndjson``; ``.json`` and stdin/extension-less input whose
  first non-blank character is ``{``): one ``{"id","text","date","title","url",
  "publisher"}`` object per line. A ``.json`` file holding one pretty-printed object
  or an array of objects is also read;
* folders: recursively, sorted by path, hidden files and folders skipped; files of
  other types are reported as skipped;
* ``"-"``: stdin, with the same sniffing.

Policies (see README / docstrings for details):

* documents longer than ``max_chars`` characters (default 2,000,000) are skipped with
  "document too large ...", never truncated; no input unit larger than
  ``4 * max_chars`` bytes (UTF-8 worst case) is ever held in memory;
* dates are normalised to ``YYYY-MM-DD`` (`normalize_date`); an invalid date is
  dropped with a warning on the document, which is still coded; ``default_date``
  applies only to documents without a (valid) date of their own;
* invalid UTF-8: more than 1 % undecodable characters -> skipped
  ("invalid UTF-8 at byte N"), otherwise replaced by U+FFFD with a warning giving the count
  (passed to `on_warning` as well as kept on the document);
* a truncated gzip: the complete JSON lines / array elements before the cut are read and the cut
  is reported (file:line); a cut text or page is skipped, never coded incomplete;
* binary data (PDF, images, archives, NUL/control bytes) -> "binary file (PDF) — not text";
* texts of 10+ words that are clearly not English -> "not English (looks like Spanish)"
  (stop-word profiles in data/languages.yaml; see `dyads.readers.language`).
"""
from __future__ import annotations

from .core import EXTENSIONS, STDIN, read_documents
from dyads.dates.iso import normalize_date
from .documents import DEFAULT_MAX_CHARS, document_from_dict, document_from_text
from .errors import InputError, ReadReport
from .html import extract_html
from .language import non_english_reason

__all__ = [
    "DEFAULT_MAX_CHARS",
    "EXTENSIONS",
    "STDIN",
    "InputError",
    "ReadReport",
    "document_from_dict",
    "document_from_text",
    "extract_html",
    "non_english_reason",
    "normalize_date",
    "read_documents",
]
