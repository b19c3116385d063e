"""Byte-stream helpers: sniffing, bounded reading and counted UTF-8 decoding.

Everything here works on binary file objects with ``read(n)`` and never holds more
than the caller's limit (plus one chunk) in memory.
"""
from __future__ import annotations

import codecs
import io
import re
import threading
import zlib
from typing import IO, Callable

CHUNK = 1 << 16                  # 64 KiB
HEAD = 8192                      # bytes inspected for sniffing
GZIP_MAGIC = b"\x1f\x8b"

# (magic prefix, name) of binary formats people pass by mistake
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP / Office document"),
    (b"PK\x05\x06", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\x00\x00\x00\x18ftyp", "MP4"),
    (b"\x00\x00\x00\x20ftyp", "MP4"),
    (GZIP_MAGIC, "gzip inside gzip"),
]

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),   # before UTF-16 LE: shares its first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# control bytes that do not occur in text (everything < 0x20 except \t \n \v \f \r ESC)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I)


def sniff_bom(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def sniff_binary(head: bytes) -> str | None:
    """Name of the binary format of `head` ("PDF", "PNG", ...), or None if it looks like text."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return "bzip2"
    if not head or sniff_bom(head) in ("utf-16", "utf-32"):
        return None
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    if controls / len(head) > 0.05:
        return "control bytes"
    return None


def first_nonblank(head: bytes) -> bytes:
    """First non-whitespace byte of `head` (after a UTF-8 BOM), or b""."""
    stripped = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    stripped = stripped.lstrip()
    return stripped[:1]


def looks_like_html(head: bytes) -> bool:
    return first_nonblank(head) == b"<" and _HTML_SNIFF.search(head[:4096]) is not None


class ChainReader(io.RawIOBase):
    """A raw stream that first returns `head`, then whatever `rest.read` returns."""

    def __init__(self, head: bytes, rest: IO[bytes] | None) -> None:
        self._head = memoryview(head)
        self._pos = 0
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        n = len(buf)
        if self._pos < len(self._head):
            piece = self._head[self._pos:self._pos + n]
            buf[:len(piece)] = piece
            self._pos += len(piece)
            return len(piece)
        if self._rest is None:
            return 0
        data = self._rest.read(n)
        if not data:
            return 0
        buf[:len(data)] = data
        return len(data)


class EncodingReader(io.RawIOBase):
    """Expose a text stream (or a decoded byte stream) as UTF-8 bytes."""

    def __init__(self, read_text: Callable[[int], str]) -> None:
        self._read_text = read_text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        while not self._pending:
            text = self._read_text(CHUNK)
            if not text:
                return 0
            self._pending = text.encode("utf-8", "surrogatepass")
        n = min(len(buf), len(self._pending))
        buf[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class GzipReader(io.RawIOBase):
    """Decompress a gzip stream (several members too) and, unlike `gzip.GzipFile`, keep every
    byte decompressed before a cut: a truncated file reads as a shorter stream and sets
    `truncated` (GzipFile raises EOFError and the bytes of its last buffer are lost).

    Corrupt data (a bad checksum or deflate block) still raises `gzip.BadGzipFile`/`zlib.error`."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._dec: zlib._Decompress | None = None   # None: between two members
        self._pending = b""                          # compressed bytes after a member's end
        self._out = b""
        self._eof = False
        self.truncated = False
        self.decompressed = 0                        # bytes handed out so far

    def readable(self) -> bool:
        return True

    def _fill(self, n: int) -> None:
        want = max(n, CHUNK)
        while not self._out and not self._eof:
            if self._dec is None:
                data, self._pending = self._pending or self._raw.read(CHUNK), b""
                if not data:
                    self._eof = True
                    return
                data = data.lstrip(b"\x00")             # gzip allows zero padding after a member
                if not data:
                    continue
                self._dec = zlib.decompressobj(wbits=31)  # 31: gzip header and trailer (CRC checked)
            else:
                data = self._dec.unconsumed_tail or self._raw.read(CHUNK)
                if not data:
                    self._out = self._dec.flush()         # whatever the cut left decodable
                    self.truncated = self._eof = True
                    return
            self._out = self._dec.decompress(data, want)
            if self._dec.eof:
                self._pending, self._dec = self._dec.unused_data, None

    def readinto(self, buf) -> int:  # type: ignore[override]
        self._fill(len(buf))
        n = min(len(buf), len(self._out))
        buf[:n] = self._out[:n]
        self._out = self._out[n:]
        self.decompressed += n
        return n


def gunzip(raw: IO[bytes]) -> tuple[io.BufferedReader, GzipReader]:
    """A buffered decompressed stream of `raw` and its `GzipReader` (to ask if it was cut)."""
    reader = GzipReader(raw)
    return buffered(reader), reader


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=CHUNK)


def to_utf8(stream: IO[bytes], encoding: str) -> IO[bytes]:
    """Transcode a UTF-16/32 (BOM-marked) byte stream to UTF-8 on the fly."""
    reader = codecs.getreader(encoding)(stream, errors="replace")
    return buffered(EncodingReader(reader.read))


# -- counted UTF-8 decoding ---------------------------------------------------

_local = threading.local()


def _count_errors(exc: UnicodeError) -> tuple[str, int]:
    state = getattr(_local, "decoder", None)
    if not isinstance(exc, UnicodeDecodeError) or state is None:
        raise exc
    state.bad += exc.end - exc.start          # invalid bytes, not sequences: what users can count
    if state.first_bad is None:
        state.first_bad = state.base + exc.start
    return "\ufffd", exc.end


codecs.register_error("dyads-count", _count_errors)


class CountingDecoder:
    """Incremental UTF-8 decoder that replaces invalid bytes with U+FFFD and
    remembers how many bytes were bad and the absolute byte offset of the first."""

    def __init__(self, offset: int = 0) -> None:
        self._dec = codecs.getincrementaldecoder("utf-8")(errors="dyads-count")
        self.fed = offset          # absolute offset of the next byte to feed
        self.base = 0
        self.bad = 0
        self.first_bad: int | None = None

    def decode(self, data: bytes, final: bool = False) -> str:
        pending = len(self._dec.getstate()[0])
        self.base = self.fed - pending
        self.fed += len(data)
        _local.decoder = self
        try:
            return self._dec.decode(data, final)
        finally:
            _local.decoder = None


def read_up_to(stream: IO[bytes], n: int) -> bytes:
    """Read up to `n` bytes, looping over short reads (pipes, decompressors)."""
    parts: list[bytes] = []
    got = 0
    while got < n:
        data = stream.read(n - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def fmt_size(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{int(n)} bytes"
