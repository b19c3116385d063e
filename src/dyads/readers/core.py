"""`read_documents`: paths, folders and stdin in; validated Documents out.

Every input is opened, sniffed and read as a stream. Whatever cannot be used is
reported once (an `InputError` naming the file, or file:line for JSON lines) and
reading moves on to the next input; nothing is dropped silently.
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from typing import IO, Callable, Iterable, Iterator, NamedTuple

from ..model import Document
from dyads.dates.iso import normalize_date
from .documents import (
    DEFAULT_MAX_CHARS,
    document_from_dict,
    document_from_text,
    too_large_reason,
)
from .errors import InputError, ReadReport
from .html import extract_html
from .streams import (
    CHUNK,
    GZIP_MAGIC,
    HEAD,
    ChainReader,
    CountingDecoder,
    GzipReader,
    EncodingReader,
    buffered,
    first_nonblank,
    fmt_size,
    gunzip,
    looks_like_html,
    read_up_to,
    sniff_binary,
    sniff_bom,
    to_utf8,
)

log = logging.getLogger("dyads.readers")

STDIN = "-"
STDIN_NAME = "<stdin>"

# extension (after removing a trailing .gz) -> kind; "" is a file without extension
EXTENSIONS = {
    "": "auto",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

BYTES_PER_CHAR = 4        # UTF-8 worst case: a file of more than 4*max_chars bytes is too large
MAX_INVALID_UTF8 = 0.01   # share of undecodable characters above which a text is rejected


def split_name(path: str) -> tuple[str, str | None, str]:
    """(stem, kind or None if unsupported, extension) of a file name; `.gz` is looked through."""
    name = os.path.basename(path)
    if name.lower().endswith(".gz") and len(name) > 3:
        name = name[:-3]
    stem, ext = os.path.splitext(name)
    if not stem:                       # ".txt" alone: no stem, the whole name is the stem
        stem, ext = name, ""
    return stem, EXTENSIONS.get(ext.lower()), ext


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, gzip.BadGzipFile):
        return f"corrupt gzip data ({exc})"
    if isinstance(exc, EOFError):
        return "truncated gzip data (compressed stream ended early)"
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


_STREAM_ERRORS = (OSError, EOFError, zlib.error)


def read_documents(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    default_date: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    report: ReadReport | None = None,
    on_error: Callable[[InputError], None] | None = None,
    check_language: bool = True,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Lazily yield a Document for every usable input in `paths` (``"-"`` = stdin).

    Folders are read recursively in sorted order (hidden entries skipped). Inputs
    that cannot be used are skipped: each becomes one `InputError` passed to
    `on_error` and recorded in `report`; with no `on_error` it is logged as a warning
    on the ``dyads.readers`` logger, so it is never lost silently.

    `default_date` (validated here, ValueError if invalid) is the publication date
    of documents that have none of their own. Documents longer than `max_chars`
    characters are skipped, never truncated. `on_warning` gets a line ("source: warning") for each
    warning of a document that is read (invalid UTF-8 replaced, date dropped, ...); the warnings
    are on the documents in any case.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    default = normalize_date(default_date)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
        raise ValueError(f"max_chars must be a positive integer, got {max_chars!r}")
    reader = _Reader(default, max_chars, report if report is not None else ReadReport(),
                     on_error, check_language, on_warning)
    return reader.run(paths)


class Piece(NamedTuple):
    """A part of the input that one `dyads batch` task reads: a whole file, or lines
    `first_line`..`last_line` of a JSON-lines file (kind "lines"), which begin `offset` bytes
    into its decompressed stream."""

    path: str
    display: str
    stem: str
    kind: str
    first_line: int = 1
    last_line: int | None = None
    offset: int = 0


def list_files(paths: Iterable[str | os.PathLike] | str | os.PathLike,
               on_error: Callable[[InputError], None]) -> Iterator[tuple[str, str, str, int | None]]:
    """(path, document id stem, kind, size) of every file `read_documents(paths)` would read,
    in the same order; what it would skip goes to `on_error`. Stdin is not a file here."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    reader = _Reader(None, DEFAULT_MAX_CHARS, ReadReport(), on_error, True)
    for path in map(os.fspath, paths):
        if path == STDIN:
            on_error(InputError(STDIN_NAME, "stdin cannot be split into partitions; save it to a file first"))
            continue
        try:
            st = os.stat(path)
        except (OSError, ValueError) as exc:
            on_error(InputError(path, _os_reason(exc) if isinstance(exc, OSError) else str(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from reader.folder_files(path)
        else:
            stem, kind, _ = split_name(path)
            yield path, stem, kind or "auto", st.st_size if stat.S_ISREG(st.st_mode) else None


def read_pieces(pieces: Iterable[Piece], *, default_date: str | None = None,
                max_chars: int = DEFAULT_MAX_CHARS, report: ReadReport | None = None,
                on_error: Callable[[InputError], None] | None = None,
                ids: IdRegistry | None = None) -> Iterator[Document]:
    """The documents of `pieces`, read exactly as `read_documents` reads whole files.

    `ids` keeps ids unique (by default across these pieces only); see `IdRegistry`."""
    reader = _Reader(normalize_date(default_date), max_chars, report if report is not None else ReadReport(),
                     on_error, True)
    if ids is not None:
        reader.ids = ids
    for p in pieces:
        yield from reader.guarded(p.display, reader.piece(p))


class IdRegistry:
    """Keeps document ids unique: a repeated id becomes `id#2`, `id#3`, ... with a warning.

    The ids already used are the only reader state that grows with the number of documents
    (the id strings themselves, ~50-100 bytes per document). `dyads batch` replays the
    registry over the ids its partitions found, so it renames exactly as one reader would."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.counts: dict[str, int] = {}

    def claim(self, doc_id: str) -> tuple[str, str] | None:
        """Record `doc_id`; if it was taken, (the new id, the warning) instead."""
        if doc_id not in self.ids:
            self.ids.add(doc_id)
            return None
        n = self.counts.get(doc_id, 1) + 1
        while f"{doc_id}#{n}" in self.ids:
            n += 1
        self.counts[doc_id] = n
        new = f"{doc_id}#{n}"
        self.ids.add(new)
        return new, f"duplicate id '{doc_id}' (already used by an earlier document); renamed to '{new}'"


class _Reader:
    def __init__(self, default_date: str | None, max_chars: int, report: ReadReport,
                 on_error: Callable[[InputError], None] | None, check_language: bool,
                 on_warning: Callable[[str], None] | None = None) -> None:
        self.default_date = default_date
        self.max_chars = max_chars
        self.max_bytes = BYTES_PER_CHAR * max_chars
        self.report = report
        self.on_error = on_error
        self.check_language = check_language
        self.on_warning = on_warning
        self.ids = IdRegistry()
        self.gz: GzipReader | None = None          # the decompressor of the input being read, if gzip

    # -- bookkeeping ----------------------------------------------------------

    def error(self, error: InputError) -> None:
        self.report.add_error(error)
        if self.on_error is not None:
            self.on_error(error)
        else:
            log.warning("skipped %s", error)

    def emit(self, doc: Document) -> Document:
        renamed = self.ids.claim(doc.id)
        if renamed is not None:
            doc.id, warning = renamed
            doc.warnings.append(warning)
        self.report.read += 1
        if doc.warnings:
            self.report.warned += 1
            if self.on_warning is not None:
                for warning in doc.warnings:
                    self.on_warning(f"{doc.source_name or doc.id}: {warning}")
        return doc

    def refuse_cut(self, display: str, what: str) -> None:
        """A text or page is one record: cut short, it is incomplete and not coded (as documents
        are never truncated); only JSON lines and arrays have complete records before a cut."""
        cut = self.cut()
        if cut:
            raise InputError(display, f"truncated gzip data: the compressed file is cut {cut}; "
                                             f"an incomplete {what} is not coded")

    def cut(self) -> str | None:
        """Where a truncated gzip input ends (its decompressed size), or None if it is whole."""
        if self.gz is None or not self.gz.truncated:
            return None
        return f"at byte {self.gz.decompressed:,} of the decompressed data"

    def guarded(self, source: str, gen: Iterator[Document]) -> Iterator[Document]:
        """Run one input's generator; turn any failure into one reported InputError."""
        try:
            yield from gen
        except InputError as exc:
            self.error(exc)
        except _STREAM_ERRORS as exc:
            self.error(InputError(source, _os_reason(exc)))
        except MemoryError:
            self.error(InputError(source, "out of memory (lower --max-chars)"))
        except Exception as exc:  # a bug must not stop the other inputs
            log.debug("unexpected error reading %s", source, exc_info=True)
            self.error(InputError(source, f"unexpected error ({type(exc).__name__}: {exc})"))

    # -- inputs ---------------------------------------------------------------

    def run(self, paths: Iterable[str | os.PathLike]) -> Iterator[Document]:
        for path in paths:
            path = os.fspath(path)
            if path == STDIN:
                yield from self.guarded(STDIN_NAME, self.stdin())
            else:
                yield from self.guarded(path, self.path(path))

    def stdin(self) -> Iterator[Document]:
        stream = sys.stdin
        if stream is None:
            raise InputError(STDIN_NAME, "stdin is not available")
        raw = getattr(stream, "buffer", None)
        if raw is None:                       # a text-only stream (tests, embedding)
            raw = buffered(EncodingReader(stream.read))
        yield from self.stream(raw, STDIN_NAME, "stdin", "auto", None)

    def path(self, path: str) -> Iterator[Document]:
        try:
            st = os.stat(path)
        except (OSError, ValueError) as exc:
            raise InputError(path, _os_reason(exc) if isinstance(exc, OSError) else str(exc)) from None
        if stat.S_ISDIR(st.st_mode):
            yield from self.folder(path)
            return
        stem, kind, _ = split_name(path)
        size = st.st_size if stat.S_ISREG(st.st_mode) else None
        yield from self.file(path, path, stem, kind or "auto", size)

    def piece(self, p: Piece) -> Iterator[Document]:
        if p.kind != "lines":
            try:
                st = os.stat(p.path)
            except OSError as exc:
                raise InputError(p.display, _os_reason(exc)) from None
            yield from self.file(p.path, p.display, p.stem, p.kind, st.st_size if stat.S_ISREG(st.st_mode) else None)
            return
        try:
            handle = open(p.path, "rb")
        except OSError as exc:
            raise InputError(p.display, _os_reason(exc)) from None
        with handle:
            stream: IO[bytes] = handle
            self.gz = None
            if read_up_to(handle, 2) == GZIP_MAGIC:
                handle.seek(0)
                stream, self.gz = gunzip(handle)
                skip = p.offset                 # decompress up to it: still cheap next to coding
                while skip > 0:
                    got = len(stream.read(min(skip, CHUNK)))
                    if not got:
                        break
                    skip -= got
            else:
                stream.seek(p.offset)
            yield from self.jsonl(buffered(ChainReader(b"", stream)), p.display, p.stem,
                                  first_line=p.first_line, offset=p.offset, last_line=p.last_line)

    def folder(self, top: str) -> Iterator[Document]:
        for path, doc_stem, kind, size in self.folder_files(top):
            yield from self.guarded(path, self.file(path, path, doc_stem, kind, size))

    def folder_files(self, top: str) -> Iterator[tuple[str, str, str, int | None]]:
        """(path, document id stem, kind, size) of the usable files under `top`, in order."""
        seen_files = 0
        for path, rel in self.walk(top, "", set()):
            seen_files += 1
            stem, kind, ext = split_name(rel)
            rel_dir = os.path.dirname(rel)
            doc_stem = f"{rel_dir.replace(os.sep, '/')}/{stem}" if rel_dir else stem
            if kind is None:
                self.error(InputError(path, f"unsupported file type '{ext}' (supported: .txt, "
                                            ".html, .htm, .jsonl, .ndjson, .json, no extension, "
                                            "and .gz of these)"))
                continue
            try:
                st = os.stat(path)
            except OSError as exc:
                self.error(InputError(path, _os_reason(exc)))
                continue
            yield path, doc_stem, kind, st.st_size if stat.S_ISREG(st.st_mode) else None
        if not seen_files:
            self.error(InputError(top, "folder contains no files"))

    def walk(self, folder: str, rel: str, visited: set) -> Iterator[tuple[str, str]]:
        """(path, path relative to the top folder) of non-hidden files, sorted by path."""
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in visited:                     # symlink loop
                return
            visited.add(key)
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.error(InputError(folder, _os_reason(exc)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_rel = os.path.join(rel, entry.name) if rel else entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.walk(entry.path, entry_rel, visited)
            else:
                yield entry.path, entry_rel

    def file(self, path: str, display: str, stem: str, kind: str,
             size: int | None) -> Iterator[Document]:
        try:
            handle = open(path, "rb")
        except OSError as exc:
            raise InputError(display, _os_reason(exc)) from None
        with handle:
            yield from self.stream(handle, display, stem, kind, size)

    # -- one opened byte stream ----------------------------------------------

    def stream(self, raw: IO[bytes], display: str, stem: str, kind: str,
               size: int | None) -> Iterator[Document]:
        head = read_up_to(raw, HEAD)
        if not head:
            raise InputError(display, "empty file" if display != STDIN_NAME else "empty input")
        stream: IO[bytes] = buffered(ChainReader(head, raw))
        self.gz = None
        if head.startswith(GZIP_MAGIC):
            stream, self.gz = gunzip(stream)
            head = read_up_to(stream, HEAD)
            if not head:
                if self.gz.truncated:
                    raise InputError(display, "truncated gzip data (the file ends before any decompressed byte)")
                raise InputError(display, "empty file (empty gzip data)")
            stream = buffered(ChainReader(head, stream))
            size = None                         # the compressed size says nothing
        bom = sniff_bom(head)
        if bom in ("utf-16", "utf-32"):
            stream = to_utf8(stream, bom)
            head = read_up_to(stream, HEAD)
            stream = buffered(ChainReader(head, stream))
            size = None
        binary = sniff_binary(head)
        if binary:
            raise InputError(display, f"binary file ({binary}) — not text")

        first = first_nonblank(head)
        if kind in ("auto", "text") and looks_like_html(head):
            kind = "html"
        elif kind == "auto":
            kind = "json" if first == b"{" else "text"
        elif kind == "json" and first not in (b"{", b"["):
            raise InputError(display, "not JSON (expected one object per line, or an array)"
                             if first else "empty text (whitespace only)")

        if kind == "text":
            yield self.text(stream, display, stem, size)
        elif kind == "html":
            yield self.html(stream, display, stem, size)
        elif kind == "jsonl":
            yield from self.jsonl(stream, display, stem)
        else:
            yield from self.json(stream, display, stem, first)

    def too_large(self, size: int | None) -> str:
        if size is not None and size > self.max_chars:
            return too_large_reason(size, self.max_chars)
        return f"document too large (more than {self.max_chars:,} characters; use --max-chars)"

    def decode_all(self, stream: IO[bytes], display: str, size: int | None,
                   warnings: list[str]) -> str:
        """Decode the whole stream as UTF-8, bounded by max_chars, checking validity."""
        if size is not None and size > self.max_bytes:
            raise InputError(display, self.too_large(size))
        dec = CountingDecoder()
        parts: list[str] = []
        count = 0
        while True:
            chunk = stream.read(CHUNK)
            piece = dec.decode(chunk, final=not chunk)
            parts.append(piece)
            count += len(piece)
            if count > self.max_chars:
                raise InputError(display, self.too_large(size))
            if not chunk:
                break
        text = "".join(parts)
        del parts
        self.check_utf8(dec, len(text), display, warnings)
        return text

    def check_utf8(self, dec: CountingDecoder, length: int, source: str,
                   warnings: list[str]) -> None:
        if not dec.bad:
            return
        share = dec.bad / max(length, 1)
        if share > MAX_INVALID_UTF8:
            raise InputError(source, f"invalid UTF-8 at byte {dec.first_bad} "
                                     f"({share:.0%} of characters undecodable; convert to UTF-8)")
        warnings.append(f"invalid UTF-8 at byte {dec.first_bad}: {dec.bad} byte"
                        f"{'s' if dec.bad != 1 else ''} replaced by U+FFFD")

    def text(self, stream: IO[bytes], display: str, stem: str, size: int | None) -> Document:
        warnings: list[str] = []
        text = self.decode_all(stream, display, size, warnings)
        self.refuse_cut(display, "text")
        return self.emit(document_from_text(
            text, id=stem, source=display, default_date=self.default_date,
            max_chars=self.max_chars, check_language=self.check_language, warnings=warnings))

    def html(self, stream: IO[bytes], display: str, stem: str, size: int | None) -> Document:
        if size is not None and size > self.max_bytes:
            raise InputError(display, f"HTML file too large ({fmt_size(size)} > "
                                      f"{fmt_size(self.max_bytes)} limit; use --max-chars)")
        data = read_up_to(stream, self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise InputError(display, f"HTML file too large (more than {fmt_size(self.max_bytes)}; "
                                      f"use --max-chars)")
        self.refuse_cut(display, "page")
        warnings: list[str] = []
        bad = _html_utf8_errors(data)
        if bad:
            warnings.append(f"invalid UTF-8 at byte {bad[1]}: {bad[0]} byte{'s' if bad[0] != 1 else ''} "
                            f"replaced by U+FFFD")
        page = extract_html(data, display)
        del data
        if page["date"] and self.default_date:
            try:
                page_date = normalize_date(page["date"])
            except ValueError:
                page_date = None
            if page_date and page_date != self.default_date:
                warnings.append(f"publication date {page_date} from the HTML metadata used "
                                f"instead of the default date {self.default_date}")
        return self.emit(document_from_text(
            page["text"], id=stem, source=display, date=page["date"], title=page["title"],
            url=page["url"], publisher=page["publisher"], default_date=self.default_date,
            max_chars=self.max_chars, check_language=self.check_language, warnings=warnings))

    # -- JSON -----------------------------------------------------------------

    def json(self, stream: IO[bytes], display: str, stem: str, first: bytes) -> Iterator[Document]:
        """A `.json` file (or sniffed `{` input): JSON lines if the first line is a complete
        JSON value; otherwise one JSON value (an object or an array of objects) for the
        whole input, if it fits in memory limits; otherwise JSON lines after all."""
        if first == b"{":
            head = stream.peek(HEAD)[:HEAD] if hasattr(stream, "peek") else b""
            line, newline, _ = head.partition(b"\n")
            if not newline or _parses(line):
                yield from self.jsonl(stream, display, stem)
                return
        data = read_up_to(stream, self.max_bytes + 1)
        if len(data) > self.max_bytes:
            if first == b"[":
                raise InputError(display, f"JSON array too large (more than "
                                          f"{fmt_size(self.max_bytes)}); use JSON lines")
            yield from self.jsonl(buffered(ChainReader(data, stream)), display, stem)
            return
        dec = CountingDecoder()
        text = dec.decode(data, final=True)
        if text.startswith("\ufeff"):
            text = text[1:]
        cut = self.cut()
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if first == b"{" and _has_json_line(text):   # JSON lines with a bad first line
                yield from self.jsonl(io.BufferedReader(io.BytesIO(data)), display, stem)
                return
            if cut is None:
                # one (pretty-printed) value: its error is at this line and column of the file
                raise InputError(f"{display}:{exc.lineno}",
                                 f"malformed JSON ({exc.msg} at column {exc.colno})") from None
            if first != b"[":
                raise InputError(display, f"truncated gzip data: the compressed file is cut {cut}, inside "
                                          f"the JSON value") from None
            value = _array_prefix(text)         # the elements complete before the cut
            value.append(InputError(f"{display}[{len(value)}]", f"truncated gzip data: the compressed "
                                    f"file is cut inside this element ({cut}); the elements before it were read"))
        except RecursionError:
            raise InputError(display, "malformed JSON (nested too deeply)") from None
        del data
        warnings: list[str] = []
        self.check_utf8(dec, len(text), display, warnings)
        del text
        if isinstance(value, list):
            for i, obj in enumerate(value):
                source = f"{display}[{i}]"
                if isinstance(obj, InputError):     # the cut of a truncated array
                    self.error(obj)
                    return
                try:
                    doc = document_from_dict(
                        obj, source=source, default_id=f"{stem}:{i + 1}",
                        default_date=self.default_date, max_chars=self.max_chars,
                        check_language=self.check_language, warnings=warnings)
                except InputError as exc:
                    self.error(exc)
                    continue
                yield self.emit(doc)
            if not value:
                raise InputError(display, "no records (empty JSON array)")
            return
        yield self.emit(document_from_dict(
            value, source=display, default_id=stem, default_date=self.default_date,
            max_chars=self.max_chars, check_language=self.check_language, warnings=warnings))

    def jsonl(self, stream: IO[bytes], display: str, stem: str, *, first_line: int = 1,
              offset: int = 0, last_line: int | None = None) -> Iterator[Document]:
        """One JSON object per line, read line by line; each line bounded in memory.

        A part of a file (`dyads batch`) starts at line `first_line`, `offset` bytes into the
        decompressed stream (where `stream` is positioned), and ends after `last_line`."""
        lineno = first_line - 1
        records = 0
        cut_reported = False
        whole = first_line == 1 and last_line is None
        while last_line is None or lineno < last_line:
            parts: list[bytes] = []
            total = 0
            try:
                while True:
                    piece = stream.readline(CHUNK)
                    if not piece:
                        break
                    total += len(piece)
                    if total <= self.max_bytes:
                        parts.append(piece)
                    elif parts:
                        parts = []                  # too long: drop it, keep counting
                    if piece.endswith(b"\n"):
                        break
            except _STREAM_ERRORS as exc:
                where = f" after line {lineno}" if lineno else ""
                raise InputError(display, _os_reason(exc) + where) from None
            if not total:
                cut = self.cut()
                if cut and not cut_reported:
                    raise InputError(display, f"truncated gzip data: the compressed file is cut after line "
                                              f"{lineno} ({cut}); the lines up to it were read")
                break
            lineno += 1
            start = offset
            offset += total
            source = f"{display}:{lineno}"
            if total > self.max_bytes:
                records += 1
                self.error(InputError(source, f"record too large ({fmt_size(total)} line > "
                                              f"{fmt_size(self.max_bytes)} limit; use --max-chars)"))
                continue
            data = b"".join(parts)
            del parts
            parts_end_newline = data.endswith(b"\n")
            if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
                start += 3
            if not data.strip():
                continue
            records += 1
            dec = CountingDecoder(start)
            line = dec.decode(data, final=True)
            del data
            warnings: list[str] = []
            try:
                self.check_utf8(dec, len(line), source, warnings)
                line = line.rstrip("\r\n")      # so that an error at the line's end is at its true column
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    cut = self.cut()
                    if cut and not parts_end_newline:
                        cut_reported = True
                        raise InputError(source, f"truncated gzip data: the compressed file is cut inside this "
                                                 f"record ({cut}); the lines before it were read") from None
                    raise InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
                except RecursionError:
                    raise InputError(source, "malformed JSON (nested too deeply)") from None
                del line
                doc = document_from_dict(
                    obj, source=source, default_id=f"{stem}:{lineno}",
                    default_date=self.default_date, max_chars=self.max_chars,
                    check_language=self.check_language, warnings=warnings)
            except InputError as exc:
                self.error(exc)
                continue
            yield self.emit(doc)
        if not records and whole:
            raise InputError(display, "no records (empty file)" if not lineno
                             else "no records (only blank lines)")


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _html_utf8_errors(data: bytes) -> tuple[int, int] | None:
    """(invalid bytes, offset of the first) of a page read as UTF-8, or None when it is valid
    UTF-8 or declares another charset (trafilatura decodes those by their declaration)."""
    m = _CHARSET.search(data[:HEAD])
    if m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return None
    dec = CountingDecoder()
    dec.decode(data, final=True)
    return (dec.bad, dec.first_bad or 0) if dec.bad else None


def _has_json_line(text: str, lines: int = 3) -> bool:
    """Whether one of the first non-blank `lines` of `text` is a JSON object of its own: JSON
    lines, rather than one value spread over lines (whose lines never parse alone)."""
    for n, line in enumerate(ln for ln in text.splitlines() if ln.strip()):
        if n >= lines:
            return False
        if line.lstrip().startswith("{") and _parses(line.encode("utf-8")):
            return True
    return False


def _array_prefix(text: str) -> list:
    """The complete elements at the start of a JSON array that is cut short."""
    decoder = json.JSONDecoder()
    items: list = []
    i = text.find("[") + 1
    try:
        while True:
            while text[i].isspace():
                i += 1
            if text[i] == "]":
                return items
            obj, i = decoder.raw_decode(text, i)
            items.append(obj)
            while text[i].isspace():
                i += 1
            if text[i] != ",":
                return items
            i += 1
    except (ValueError, IndexError, RecursionError):
        return items


def _parses(line: bytes) -> bool:
    try:
        json.loads(line.decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError):
        return False
    return True
