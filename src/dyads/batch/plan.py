"""Splitting the inputs of `dyads batch` into partitions.

A partition is a list of `Piece`s holding about `size` documents: whole small files packed
together in input order, and large JSON-lines files (gzip included) cut into line ranges.
The cut points are found by one streaming pass that counts newlines; for plain files the
partition remembers its byte offset so a worker seeks straight to it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Iterable

from dyads.readers.core import Piece, list_files
from dyads.readers.errors import InputError
from dyads.readers.streams import GZIP_MAGIC, sniff_binary, sniff_bom

CHUNK = 1 << 20


@dataclass
class Plan:
    """The partitions of a run and what could not be planned (unreadable paths, bad types)."""

    partitions: list[list[Piece]]
    errors: list[InputError] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)      # path, size, mtime: what a resume checks

    def fingerprint(self) -> str:
        """Identifies the inputs and their cutting: a resumed run must see the same one."""
        payload = json.dumps({"inputs": self.inputs, "partitions": self.partitions}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]


def _open(path: str):
    f = open(path, "rb")
    if f.read(2) == GZIP_MAGIC:
        f.seek(0)
        return gzip.GzipFile(fileobj=f, mode="rb")
    f.seek(0)
    return f


def _is_json_lines(path: str, kind: str) -> bool:
    """Whether a file can be cut into line ranges: JSON lines in UTF-8, by name or content."""
    if kind not in ("jsonl", "json", "auto"):
        return False
    with _open(path) as f:
        head = f.read(1 << 16)
    if sniff_bom(head) in ("utf-16", "utf-32") or sniff_binary(head):
        return False
    if kind == "jsonl":
        return True
    first, newline, _ = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    if not first.startswith(b"{") or not newline:
        return False
    try:
        json.loads(first)
    except ValueError:
        return False            # one pretty-printed object: read whole
    return True


def line_starts(path: str, every: int) -> tuple[int, list[int]]:
    """(number of lines, byte offsets of lines 1, every+1, 2*every+1, ...) of a file."""
    offsets = [0]
    lines = 0                   # complete lines seen so far
    pos = 0
    next_cut = every
    last = b"\n"
    with _open(path) as f:
        while chunk := f.read(CHUNK):
            n = chunk.count(b"\n")
            if lines + n < next_cut:
                lines += n
            else:
                start = 0
                while (i := chunk.find(b"\n", start)) != -1:
                    lines += 1
                    start = i + 1
                    if lines == next_cut:
                        offsets.append(pos + start)
                        next_cut += every
            pos += len(chunk)
            last = chunk[-1:]
    if last != b"\n":
        lines += 1              # a last line without a newline
    if offsets[-1] >= pos and len(offsets) > 1:
        offsets.pop()           # a cut exactly at the end of the file starts nothing
    return lines, offsets


def plan(paths: Iterable[str], size: int = 500) -> Plan:
    """Partitions of about `size` documents over `paths` (files and folders), in input order."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    result = Plan([])
    current: list[Piece] = []

    def close() -> None:
        nonlocal current
        if current:
            result.partitions.append(current)
            current = []

    for path, stem, kind, nbytes in list_files(list(paths), result.errors.append):
        try:
            st = os.stat(path)
            result.inputs.append({"path": os.path.abspath(path), "size": st.st_size, "mtime": st.st_mtime_ns})
            splittable = _is_json_lines(path, kind)
            if splittable:
                lines, offsets = line_starts(path, size)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            # unreadable now: a whole-file piece, so the worker reports it the way `extract` does
            splittable = False
            del exc
        if not splittable:
            current.append(Piece(path, path, stem, kind))
            if len(current) >= size:
                close()
            continue
        close()
        for k, offset in enumerate(offsets):
            first = k * size + 1
            last = min(first + size - 1, lines)
            result.partitions.append([Piece(path, path, stem, "lines", first, last if k < len(offsets) - 1 else None, offset)])
    close()
    return result
