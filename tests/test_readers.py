"""Tests for dyads.readers: every input kind, and every kind of bad input."""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyads.model import Document
from dyads.readers import (
    InputError,
    ReadReport,
    document_from_dict,
    document_from_text,
    non_english_reason,
    normalize_date,
    read_documents,
)

FIX = Path(__file__).parent / "fixtures" / "readers"

ENGLISH = (
    "The president of Ghana met the prime minister of Nigeria in Accra on Monday to discuss "
    "security along the coast, and the two leaders agreed that their navies would hold joint "
    "patrols in the gulf from the start of next year, officials said after the meeting. "
)
SPANISH = (
    "El gobierno de Chile anunció el lunes que enviará bomberos y aviones para ayudar a "
    "Argentina a combatir los incendios forestales que desde hace más de una semana afectan a "
    "las provincias del sur del país, según informó el ministerio del interior."
)
TURKISH = (
    "Hükümet sözcüsü salı günü yaptığı açıklamada, sel felaketinden etkilenen köylere yardım "
    "göndermek için yeni bir ekip kurulduğunu söyledi. Sözcü ayrıca, bölgedeki yolların "
    "yeniden açılması için çalışmaların hafta sonuna kadar süreceğini ve ailelere geçici "
    "barınma sağlanacağını belirtti."
)


def read(paths, **kwargs) -> tuple[list[Document], ReadReport, list[InputError]]:
    report = ReadReport()
    errors: list[InputError] = []
    docs = list(read_documents(paths, report=report, on_error=errors.append, **kwargs))
    return docs, report, errors


def one_error(errors: list[InputError]) -> InputError:
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert "\n" not in str(err) and "Traceback" not in str(err)
    return err


class FakeStdin:
    """A binary stdin (sys.stdin with a .buffer)."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BufferedReader(io.BytesIO(data))

    def read(self, n: int = -1) -> str:  # pragma: no cover - readers use .buffer
        raise AssertionError("text read on a binary stdin")


# -- plain text --------------------------------------------------------------


def test_plain_text_file():
    path = FIX / "article.txt"
    docs, report, errors = read([str(path)])
    assert errors == [] and report.read == 1 and report.skipped == 0
    (doc,) = docs
    assert doc.id == "article"
    assert doc.source_name == str(path)
    assert doc.date is None
    assert doc.text.startswith("Ministers from Greece and Turkey met in Ankara")
    assert "\n\nA spokesperson" in doc.text
    assert doc.language == "en" and doc.warnings == []


def test_file_without_extension_and_crlf():
    docs, _, errors = read([FIX / "bulletin"])
    assert errors == []
    (doc,) = docs
    assert doc.id == "bulletin"
    assert "\r" not in doc.text and "building.\nThe interior" in doc.text


def test_default_date_applies_only_when_no_own_date():
    docs, _, _ = read([FIX / "article.txt", FIX / "articles.jsonl"], default_date="2023-01-15")
    by_id = {d.id: d for d in docs}
    assert by_id["article"].date == "2023-01-15"          # text file: no date of its own
    assert by_id["agr-1"].date == "2023-02-25"            # own date wins
    assert by_id["agr-9"].date == "2023-01-15"            # record without a date
    assert by_id["agr-4"].date == "2023-01-15"            # invalid own date dropped -> default
    assert any("date dropped" in w for w in by_id["agr-4"].warnings)


def test_default_date_is_normalised_and_validated():
    docs, _, _ = read([FIX / "article.txt"], default_date="20230115")
    assert docs[0].date == "2023-01-15"
    with pytest.raises(ValueError, match="invalid date"):
        read_documents([FIX / "article.txt"], default_date="15/01/2023")


def test_text_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(ENGLISH.encode("utf-16"))
    docs, _, errors = read([path])
    assert errors == [] and docs[0].text == ENGLISH


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ENGLISH.encode())
    docs, _, _ = read([path])
    assert docs[0].text == ENGLISH


# -- JSON lines --------------------------------------------------------------


def test_jsonl_records_and_per_line_errors():
    path = FIX / "articles.jsonl"
    docs, report, errors = read([path])
    ids = [d.id for d in docs]
    # malformed line 6 does not stop the reader: agr-9 (line 10) is still read
    assert ids == ["agr-1", "articles:2", "agr-3", "agr-4", "agr-9"]
    first = docs[0]
    assert (first.date, first.title, first.url, first.publisher) == (
        "2023-02-25", "Trade deal signed", "https://example.org/a1", "Example Wire")
    assert first.source_name == f"{path}:1"
    assert docs[1].date == "2023-03-01" and docs[1].source_name == f"{path}:2"
    assert docs[2].date == "2023-03-05" and docs[2].source_name == f"{path}:4"
    assert docs[3].date is None
    assert docs[3].warnings == ["invalid date '2023-02-30' (day is out of range for month); date dropped"]
    messages = [str(e) for e in errors]
    assert messages == [
        f"{path}:6: malformed JSON (Expecting ',' delimiter at column 49)",
        f"{path}:7: no 'text' field (fields: id, title)",
        f"{path}:8: empty text (whitespace only)",
        f"{path}:9: 'text' is not a string (got number)",
    ]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (6, 7, 8, 9)]
    assert report.read == 5 and report.skipped == 4 and report.warned == 1


def test_ndjson_and_json_extensions(tmp_path):
    rec = {"id": "x1", "text": ENGLISH}
    (tmp_path / "a.ndjson").write_text(json.dumps(rec) + "\n")
    (tmp_path / "b.json").write_text(json.dumps({**rec, "id": "x2"}) + "\n"
                                     + json.dumps({**rec, "id": "x3"}) + "\n")
    docs, _, errors = read([tmp_path / "a.ndjson", tmp_path / "b.json"])
    assert errors == [] and [d.id for d in docs] == ["x1", "x2", "x3"]


def test_json_file_with_one_pretty_object_or_an_array(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": ENGLISH, "date": "2023-04-01"}, indent=2))
    (tmp_path / "many.json").write_text(json.dumps([{"id": "m1", "text": ENGLISH}, {"text": ""}]))
    docs, _, errors = read([tmp_path / "one.json", tmp_path / "many.json"])
    assert [d.id for d in docs] == ["one", "m1"]
    assert docs[0].date == "2023-04-01"
    assert [str(e) for e in errors] == [f"{tmp_path / 'many.json'}[1]: empty text"]


def test_json_file_with_bad_first_line_still_reads_other_lines(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text('{"id": "bad", "text": \n' + json.dumps({"id": "ok", "text": ENGLISH}) + "\n")
    docs, _, errors = read([path])
    assert [d.id for d in docs] == ["ok"]
    assert str(one_error(errors)).startswith(f"{path}:1: malformed JSON (")


def test_jsonl_non_object_line_and_blank_file(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('["a", "list"]\n' + json.dumps({"id": "fine", "text": ENGLISH}) + "\n")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n\n")
    docs, _, errors = read([path, blank])
    assert [d.id for d in docs] == ["fine"]
    assert [str(e) for e in errors] == [
        f"{path}:1: expected a JSON object, got array",
        f"{blank}: no records (only blank lines)",
    ]


# -- stdin -------------------------------------------------------------------


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(ENGLISH))
    docs, _, errors = read(["-"])
    assert errors == []
    (doc,) = docs
    assert doc.id == "stdin" and doc.source_name == "<stdin>" and doc.text == ENGLISH


def test_stdin_json_lines(monkeypatch):
    lines = "\n  " + json.dumps({"id": "s1", "text": ENGLISH}) + "\n" + '{"text": oops}\n' + \
        json.dumps({"text": ENGLISH, "date": "2023-05-06"}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    docs, _, errors = read(["-"])
    assert [d.id for d in docs] == ["s1", "stdin:4"]
    assert docs[1].date == "2023-05-06"
    assert str(one_error(errors)) == "<stdin>:3: malformed JSON (Expecting value at column 10)"


def test_stdin_binary_buffer_gzip_and_pdf(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(gzip.compress(ENGLISH.encode())))
    docs, _, errors = read(["-"])
    assert errors == [] and docs[0].text == ENGLISH
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))
    docs, _, errors = read(["-"])
    assert docs == [] and str(one_error(errors)) == "<stdin>: binary file (PDF) — not text"


def test_stdin_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    _, _, errors = read(["-"])
    assert str(one_error(errors)) == "<stdin>: empty input"


# -- folders -----------------------------------------------------------------


def test_folder_recursive_sorted_hidden_skipped_unsupported_reported():
    folder = FIX / "folder"
    docs, report, errors = read([str(folder)])
    # sorted by path: the sub-folder "a_sub" comes before the file "b_first.txt"
    assert [d.id for d in docs] == ["a_sub/a_nested:1", "b_first"]
    assert docs[0].source_name == os.path.join(str(folder), "a_sub", "a_nested.jsonl") + ":1"
    assert not any("hidden" in d.text for d in docs)
    err = one_error(errors)
    assert err.source == os.path.join(str(folder), "notes.md")
    assert err.reason.startswith("unsupported file type '.md'")
    assert report.read == 2 and report.skipped == 1


def test_folder_same_names_in_subfolders_get_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(ENGLISH)
    docs, _, _ = read([tmp_path])
    assert [d.id for d in docs] == ["x/story", "y/story"]


def test_empty_folder(tmp_path):
    _, _, errors = read([tmp_path])
    assert str(one_error(errors)) == f"{tmp_path}: folder contains no files"


def test_duplicate_ids_are_made_unique_and_stable(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(ENGLISH)
    paths = [tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"]
    docs, _, _ = read(paths)
    assert [d.id for d in docs] == ["story", "story#2"]
    assert docs[1].warnings == [
        "duplicate id 'story' (already used by an earlier document); renamed to 'story#2'"]
    assert [d.id for d in read(paths)[0]] == ["story", "story#2"]   # stable across runs


# -- gzip --------------------------------------------------------------------


def test_gzip_text_jsonl_and_magic_detection(tmp_path):
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(ENGLISH.encode()))
    rec = json.dumps({"id": "gz1", "text": ENGLISH})
    (tmp_path / "recs.jsonl.gz").write_bytes(gzip.compress((rec + "\n").encode()))
    (tmp_path / "mystery.dat").write_bytes(gzip.compress((rec.replace("gz1", "gz2") + "\n").encode()))
    (tmp_path / "noext.gz").write_bytes(gzip.compress((rec.replace("gz1", "gz3") + "\n").encode()))
    docs, _, errors = read([tmp_path / n for n in ("story.txt.gz", "recs.jsonl.gz", "mystery.dat", "noext.gz")])
    assert errors == []
    assert [d.id for d in docs] == ["story", "gz1", "gz2", "gz3"]
    assert docs[1].source_name == f"{tmp_path / 'recs.jsonl.gz'}:1"


def test_gzip_is_streamed(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": ENGLISH * 8}) for i in range(3000)]
    raw = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(raw))
    tracemalloc.start()
    try:
        count = 0
        for doc in read_documents([path]):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    # constant-size buffers plus the id set (~100 bytes per document), not the data
    assert len(raw) > 6_000_000 and peak < len(raw) / 4


def test_truncated_and_corrupt_gzip(tmp_path):
    data = gzip.compress((ENGLISH * 50).encode())
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"garbage" * 20)
    (tmp_path / "ok.txt").write_text(ENGLISH)
    docs, _, errors = read([tmp_path / "cut.txt.gz", tmp_path / "bad.txt.gz", tmp_path / "ok.txt"])
    assert [d.id for d in docs] == ["ok"]
    assert [e.source for e in errors] == [str(tmp_path / "cut.txt.gz"), str(tmp_path / "bad.txt.gz")]
    assert errors[0].reason.startswith("truncated gzip data")
    assert errors[1].reason.startswith("corrupt gzip data")


# -- HTML --------------------------------------------------------------------


def test_html_main_text_and_metadata():
    docs, _, errors = read([FIX / "page.html"])
    assert errors == []
    (doc,) = docs
    assert doc.id == "page"
    assert "agreed to open a new border crossing" in doc.text
    assert "meet again in Athens in March" in doc.text
    for boilerplate in ("Subscribe today", "cookies", "Copyright", "Privacy policy", "Home"):
        assert boilerplate not in doc.text
    assert doc.title and doc.title.startswith("Ministers agree new border crossing")
    assert doc.url == "https://gazette.example.org/world/border-crossing"
    assert doc.publisher == "The Harbour Gazette"
    assert doc.date == "2023-02-25"
    assert "\n\n" in doc.text                           # paragraphs kept apart


def test_html_date_beats_default_date_with_warning():
    docs, _, _ = read([FIX / "page.html"], default_date="2023-03-01")
    assert docs[0].date == "2023-02-25"
    assert any("from the HTML metadata" in w for w in docs[0].warnings)


def test_html_sniffed_without_extension_and_on_stdin(tmp_path, monkeypatch):
    html = (FIX / "page.html").read_text()
    (tmp_path / "download").write_text(html)
    (tmp_path / "saved.txt").write_text(html)
    monkeypatch.setattr(sys, "stdin", io.StringIO(html))
    docs, _, errors = read([tmp_path / "download", tmp_path / "saved.txt", "-"])
    assert errors == [] and len(docs) == 3
    assert all("<p>" not in d.text and "border crossing" in d.text for d in docs)
    assert docs[2].id == "stdin"


def test_html_without_article_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    _, _, errors = read([path])
    assert str(one_error(errors)) == (
        f"{path}: no article text found in HTML (only 1 word outside the page boilerplate)")


# -- bad input ---------------------------------------------------------------


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n   ")
    (tmp_path / "blank.jsonl").write_text("")
    docs, report, errors = read([tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "blank.jsonl"])
    assert docs == [] and report.skipped == 3
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'empty.txt'}: empty file",
        f"{tmp_path / 'blank.txt'}: empty text (whitespace only)",
        f"{tmp_path / 'blank.jsonl'}: empty file",
    ]


@pytest.mark.parametrize("name, data, kind", [
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n4 0 obj\n<< /Length 5 >>\nstream\n", "PDF"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
    ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), "JPEG"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00" + bytes(50), "GIF"),
    ("doc.txt", b"PK\x03\x04\x14\x00\x06\x00" + bytes(60), "ZIP / Office document"),
    ("blob", b"abc\x00\x00\x00def\x00" * 100, "NUL bytes"),
    ("ctrl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"some text", "control bytes"),
])
def test_binary_files(tmp_path, name, data, kind):
    path = tmp_path / name
    path.write_bytes(data)
    (tmp_path / "after.txt").write_text(ENGLISH)
    docs, _, errors = read([path, tmp_path / "after.txt"])
    assert [d.id for d in docs] == ["after"]                       # continues with the next input
    assert str(one_error(errors)) == f"{path}: binary file ({kind}) — not text"


def test_binary_gzip_content(tmp_path):
    path = tmp_path / "file.pdf.gz"
    path.write_bytes(gzip.compress(b"%PDF-1.5\n" + bytes(200)))
    _, _, errors = read([path])
    assert str(one_error(errors)) == f"{path}: binary file (PDF) — not text"


def test_invalid_utf8_mostly_broken_is_skipped(tmp_path):
    path = tmp_path / "latin1.txt"
    text = "Caf\xe9 na\xefve r\xe9sum\xe9 " * 20          # Latin-1 bytes: ~10 % undecodable
    path.write_bytes(text.encode("latin-1"))
    _, _, errors = read([path])
    err = one_error(errors)
    assert err.source == str(path)
    assert err.reason.startswith("invalid UTF-8 at byte 3 (")


def test_invalid_utf8_rare_is_accepted_with_warning(tmp_path):
    path = tmp_path / "mostly_ok.txt"
    body = (ENGLISH * 3).encode()
    path.write_bytes(body[:100] + b"\xff" + body[100:])
    docs, report, errors = read([path])
    assert errors == []
    assert docs[0].warnings == ["invalid UTF-8 at byte 100: 1 byte replaced by U+FFFD"]
    assert "\ufffd" in docs[0].text and report.warned == 1


def test_invalid_utf8_in_json_line(tmp_path):
    path = tmp_path / "bytes.jsonl"
    good = json.dumps({"id": "ok", "text": ENGLISH}).encode() + b"\n"
    bad = b'{"id": "bad", "text": "' + b"\xe9\xe8" * 40 + b' the"}\n'
    path.write_bytes(good + bad + good.replace(b'"ok"', b'"ok2"'))
    docs, _, errors = read([path])
    assert [d.id for d in docs] == ["ok", "ok2"]
    err = one_error(errors)
    assert err.source == f"{path}:2"
    assert err.reason.startswith(f"invalid UTF-8 at byte {len(good) + 23} (")


def _measure(fn):
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


BIG = 20_000_000


def test_huge_text_file_is_skipped_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        chunk = ENGLISH.encode() * 100
        while fh.tell() < BIG:
            fh.write(chunk)
    size_mb = os.path.getsize(path) / 1e6
    (tmp_path / "small.txt").write_text(ENGLISH)
    (docs, _, errors), peak = _measure(lambda: read([path, tmp_path / "small.txt"]))
    assert [d.id for d in docs] == ["small"]
    assert str(one_error(errors)) == (
        f"{path}: document too large ({size_mb:.1f} MB > 2.0 MB limit; use --max-chars)")
    assert peak < 1_000_000


def test_huge_text_streams_are_bounded(tmp_path, monkeypatch):
    body = ENGLISH.encode() * (BIG // len(ENGLISH) + 1)
    gz = tmp_path / "huge.txt.gz"
    gz.write_bytes(gzip.compress(body, compresslevel=1))
    monkeypatch.setattr(sys, "stdin", FakeStdin(body))
    (docs, _, errors), peak = _measure(lambda: read([gz, "-"]))
    assert docs == []
    expected = "document too large (more than 2,000,000 characters; use --max-chars)"
    assert [str(e) for e in errors] == [f"{gz}: {expected}", f"<stdin>: {expected}"]
    assert peak < BIG / 3


def test_huge_json_line_is_skipped_and_next_line_read(tmp_path):
    path = tmp_path / "giant.jsonl"
    with open(path, "wb") as fh:
        fh.write(json.dumps({"id": "before", "text": ENGLISH}).encode() + b"\n")
        fh.write(b'{"id": "giant", "text": "')
        block = ENGLISH.encode() * 1000
        written = 0
        while written < BIG:
            fh.write(block)
            written += len(block)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "after", "text": ENGLISH}).encode() + b"\n")
    (docs, _, errors), peak = _measure(lambda: read([path]))
    assert [d.id for d in docs] == ["before", "after"]
    err = one_error(errors)
    assert err.source == f"{path}:2"
    assert err.reason.startswith("record too large (20.") and "use --max-chars" in err.reason
    assert peak < BIG / 2


def test_max_chars_is_configurable_and_not_truncating(tmp_path):
    path = tmp_path / "medium.txt"
    path.write_text(ENGLISH * 20)                           # ~5 kB, ASCII
    rec = tmp_path / "medium.jsonl"
    rec.write_text(json.dumps({"id": "m", "text": ENGLISH * 20}) + "\n")
    docs, _, errors = read([path, rec], max_chars=1000)
    assert docs == []
    size_kb = path.stat().st_size / 1000
    assert errors[0].reason == f"document too large ({size_kb:.1f} kB > 1.0 kB limit; use --max-chars)"
    assert errors[1].source == f"{rec}:1"                   # line > 4 x max_chars bytes: not parsed
    line_kb = rec.stat().st_size / 1000
    assert errors[1].reason == f"record too large ({line_kb:.1f} kB line > 4.0 kB limit; use --max-chars)"
    docs, _, errors = read([rec], max_chars=2000)           # parsed, text too long
    assert docs == [] and errors[0].reason == (
        f"document too large ({len(ENGLISH) * 20:,} characters > 2,000 limit; use --max-chars)")
    docs, _, errors = read([path], max_chars=10_000)
    assert errors == [] and docs[0].text == ENGLISH * 20
    with pytest.raises(ValueError):
        read_documents([path], max_chars=0)


def test_non_english_is_skipped(tmp_path):
    (tmp_path / "tr.txt").write_text(TURKISH)
    (tmp_path / "short.txt").write_text("Hola, ¿qué tal? Nos vemos mañana en Madrid.")   # < 30 words
    docs, _, errors = read([FIX / "spanish.txt", tmp_path / "tr.txt", tmp_path / "short.txt"])
    assert [d.id for d in docs] == ["short"]
    assert [str(e) for e in errors] == [
        f"{FIX / 'spanish.txt'}: not English (looks like Spanish)",
        f"{tmp_path / 'tr.txt'}: not English (looks like Turkish)",
    ]
    docs, _, errors = read([FIX / "spanish.txt"], check_language=False)
    assert errors == [] and docs[0].id == "spanish"


def test_language_check_function():
    assert non_english_reason(ENGLISH * 2) is None
    assert non_english_reason(SPANISH) == "Spanish"
    assert non_english_reason(TURKISH) == "Turkish"
    russian = ("Министры иностранных дел двух стран встретились в субботу, чтобы обсудить помощь "
               "районам, пострадавшим от наводнения, и договорились открыть новый пункт пропуска "
               "для колонн с гуманитарной помощью на следующей неделе, сообщили в министерстве.")
    assert non_english_reason(russian) == "Cyrillic script"
    chinese = "两国外交部长星期六在首都会面，讨论向受洪水影响的地区提供援助，并同意下周开放一个新的过境点。"
    assert non_english_reason(chinese) == "Chinese/Japanese (Han) script"
    assert non_english_reason("Министры встретились в субботу.") is None   # too short to judge
    names = " ".join(["Smith Jones Brown Taylor Wilson Davies Evans Thomas Roberts Walker"] * 4)
    assert non_english_reason(names) is None                 # not clearly non-English
    mixed = ENGLISH * 3 + SPANISH                            # an English story quoting Spanish
    assert non_english_reason(mixed) is None


def test_missing_and_unreadable_files(tmp_path, monkeypatch):
    import dyads.readers.core as core

    missing = tmp_path / "nope.txt"
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH)

    def fake_open(path, *args, **kwargs):                    # works even when run as root
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(core, "open", fake_open, raising=False)
    docs, report, errors = read([missing, locked, FIX / "article.txt"])
    assert [d.id for d in docs] == ["article"]
    assert [str(e) for e in errors] == [f"{missing}: no such file or directory",
                                        f"{locked}: permission denied"]
    assert report.skipped == 2


def test_unreadable_folder(tmp_path, monkeypatch):
    import dyads.readers.core as core

    sub = tmp_path / "closed"
    sub.mkdir()
    (sub / "x.txt").write_text(ENGLISH)
    (tmp_path / "open.txt").write_text(ENGLISH)
    real_scandir = os.scandir

    def fake_scandir(path):                                  # works even when run as root
        if str(path) == str(sub):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(core.os, "scandir", fake_scandir)
    docs, _, errors = read([tmp_path])
    assert [d.id for d in docs] == ["open"]
    assert str(one_error(errors)) == f"{sub}: permission denied"


def test_errors_are_logged_when_no_callback(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="dyads.readers"):
        docs = list(read_documents([tmp_path / "gone.txt"]))
    assert docs == []
    assert [r.getMessage() for r in caplog.records] == [f"skipped {tmp_path / 'gone.txt'}: no such file or directory"]


def test_reading_is_lazy(tmp_path):
    (tmp_path / "one.txt").write_text(ENGLISH)
    report = ReadReport()
    it = read_documents([tmp_path / "one.txt", tmp_path / "two.txt"], report=report, on_error=lambda e: None)
    assert isinstance(it, Iterator) and report.read == 0
    assert next(it).id == "one" and report.read == 1 and report.skipped == 0
    (tmp_path / "two.txt").write_text(ENGLISH)                # created after reading began
    assert next(it).id == "two"
    assert list(it) == [] and report.summary() == "read 2 documents"


# -- dates and the document builders ----------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("2023-02-25", "2023-02-25"),
    ("2023-02-25T10:00:00Z", "2023-02-25"),
    ("2023-02-25T23:30:00-05:00", "2023-02-25"),             # date as written, no tz shift
    ("2023-02-25 10:00", "2023-02-25"),
    ("2023-02-25T10:00:00.123+03:00", "2023-02-25"),
    ("20230225", "2023-02-25"),
    (20230225, "2023-02-25"),
    ("20230225103000", "2023-02-25"),
    ("  2023-02-25  ", "2023-02-25"),
    (None, None),
    ("", None),
    ("   ", None),
])
def test_normalize_date_accepts(value, expected):
    assert normalize_date(value) == expected


def test_normalize_date_accepts_date_objects():
    import datetime as dt
    assert normalize_date(dt.date(2023, 2, 25)) == "2023-02-25"
    assert normalize_date(dt.datetime(2023, 2, 25, 10, 0)) == "2023-02-25"


@pytest.mark.parametrize("value, message", [
    ("2023-02-30", "day is out of range"),
    ("2023-13-01", "month must be in 1..12"),
    ("25/02/2023", "expected ISO 8601"),
    ("02/25/2023", "expected ISO 8601"),
    ("yesterday", "expected ISO 8601"),
    ("2023-02", "incomplete date"),
    ("2023", "incomplete date"),
    (True, "invalid date"),
    ([2023, 2, 25], "invalid date"),
])
def test_normalize_date_rejects(value, message):
    with pytest.raises(ValueError, match=message):
        normalize_date(value)


def test_input_error_shape():
    err = InputError("data/x.jsonl:17", "malformed JSON (Expecting value at column 1)")
    assert err.source == "data/x.jsonl:17" and err.reason.startswith("malformed")
    assert str(err) == "data/x.jsonl:17: malformed JSON (Expecting value at column 1)"


def test_document_from_dict():
    doc = document_from_dict(
        {"id": 7, "body": ENGLISH, "published": "2023-02-25T08:00:00Z", "headline": "Navies to patrol",
         "url": "https://example.org/7", "publisher": "Example Wire", "extra": [1, 2]},
        source="in.jsonl:3")
    assert (doc.id, doc.date, doc.title, doc.source_name) == ("7", "2023-02-25", "Navies to patrol", "in.jsonl:3")
    doc = document_from_dict({"text": ENGLISH, "title": ["x"]}, source="in.jsonl:4", default_id="in:4",
                             default_date="2023-01-01")
    assert doc.id == "in:4" and doc.date == "2023-01-01" and doc.title is None
    assert doc.warnings == ["'title' ignored (expected a string, got array)"]
    for bad, reason in [({"id": "a"}, "no 'text' field (fields: id)"),
                        ({"text": None}, "'text' is null"),
                        ({"text": ""}, "empty text"),
                        ({"text": ["a"]}, "'text' is not a string (got array)"),
                        ("just a string", "expected a JSON object, got string")]:
        with pytest.raises(InputError) as info:
            document_from_dict(bad, source="s:1")
        assert info.value.reason == reason and info.value.source == "s:1"


def test_document_from_text():
    doc = document_from_text("\ufeffLine one.\r\nLine two.\r", id="t1", source="mem", date="2023-02-25")
    assert doc.text == "Line one.\nLine two.\n" and doc.date == "2023-02-25" and doc.id == "t1"
    doc = document_from_text(ENGLISH, id="t2", source="mem", date="not a date")
    assert doc.date is None and "date dropped" in doc.warnings[0]
    with pytest.raises(InputError, match="empty text"):
        document_from_text("\n \n", id="t3", source="mem")
    with pytest.raises(InputError, match="binary data"):
        document_from_text("a\x00b\x01c\x02" * 50, id="t4", source="mem")
    with pytest.raises(InputError, match=r"not English \(looks like Spanish\)"):
        document_from_text(SPANISH, id="t5", source="mem")
    with pytest.raises(InputError, match="document too large"):
        document_from_text(ENGLISH, id="t6", source="mem", max_chars=10)
