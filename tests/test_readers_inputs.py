"""Input checks of issue 18: truncated gzip, invalid UTF-8, JSON error positions (texts written for these tests)."""
from __future__ import annotations

import gzip
import json

from click.testing import CliRunner

from dyads.readers import InputError, read_documents

STORY = ("The foreign ministers of Chile and Argentina met in Mendoza on Thursday and agreed to reopen a "
         "mountain pass that was closed by snow, officials from both governments said. ")


def read(paths, **kw):
    errors: list[InputError] = []
    warnings: list[str] = []
    docs = list(read_documents(paths, on_error=errors.append, on_warning=warnings.append, **kw))
    return docs, errors, warnings


def records(n: int) -> bytes:
    return "".join(json.dumps({"id": f"r{i}", "text": STORY * 3}) + "\n" for i in range(n)).encode()


def test_a_truncated_jsonl_gz_keeps_the_complete_records_and_names_the_cut(tmp_path):
    data = records(40)
    packed = gzip.compress(data)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 3 // 4])
    docs, errors, _ = read([path])
    assert len(docs) >= 5 and [d.id for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert all(d.text == STORY * 3 for d in docs)                 # complete, not cut records
    (err,) = errors
    assert err.source == f"{path}:{len(docs) + 1}"                # the record the cut falls in
    assert err.reason.startswith("truncated gzip data: the compressed file is cut inside this record (at byte ")


def test_a_gzip_cut_at_a_line_end_keeps_every_line_and_says_so(tmp_path):
    data = records(3)
    path = tmp_path / "cut.jsonl.gz"
    # a stream that ends exactly after line 3, without its trailer: a flush, then nothing
    import zlib

    comp = zlib.compressobj(wbits=31)
    path.write_bytes(comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH))
    docs, errors, _ = read([path])
    assert [d.id for d in docs] == ["r0", "r1", "r2"]
    assert [str(e) for e in errors] == [f"{path}: truncated gzip data: the compressed file is cut after line 3 "
                                        f"(at byte {len(data):,} of the decompressed data); the lines up to it were read"]


def test_a_truncated_json_array_keeps_its_complete_elements(tmp_path):
    arr = json.dumps([{"id": f"a{i}", "text": STORY * 3} for i in range(30)], indent=1).encode()
    packed = gzip.compress(arr)
    path = tmp_path / "cut.json.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    docs, errors, _ = read([path])
    assert len(docs) >= 3 and [d.id for d in docs] == [f"a{i}" for i in range(len(docs))]
    assert [e.source for e in errors] == [f"{path}[{len(docs)}]"]
    assert "truncated gzip data" in errors[0].reason


def test_multi_member_gzip_is_read_whole(tmp_path):
    path = tmp_path / "two.jsonl.gz"
    path.write_bytes(gzip.compress(records(2)) + gzip.compress(records(3)))
    docs, errors, _ = read([path])
    assert errors == [] and len(docs) == 5


def test_a_few_invalid_utf8_bytes_are_a_warning_with_their_count(tmp_path):
    body = (STORY * 8).encode()
    path = tmp_path / "few.txt"
    path.write_bytes(body[:50] + b"\xff" + body[50:300] + b"\xc3\x28\xfe" + body[300:])
    docs, errors, warnings = read([path])
    assert errors == [] and len(docs) == 1
    assert docs[0].warnings == ["invalid UTF-8 at byte 50: 3 bytes replaced by U+FFFD"]
    assert warnings == [f"{path}: invalid UTF-8 at byte 50: 3 bytes replaced by U+FFFD"]


def test_invalid_utf8_in_html_is_a_warning_too(tmp_path):
    page = (f"<html><head><meta charset='utf-8'><title>Pass reopened</title></head><body><article>"
            f"<p>{STORY}</p><p>{STORY}</p></article></body></html>").encode()
    path = tmp_path / "page.html"
    path.write_bytes(page.replace(b"Mendoza", b"Mendoza\xe9", 1))
    docs, errors, warnings = read([path])
    assert errors == [] and len(docs) == 1
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: invalid UTF-8 at byte ")
    assert warnings[0].endswith(": 1 byte replaced by U+FFFD")
    latin = tmp_path / "latin.html"                 # another declared charset is no error
    latin.write_bytes(page.replace(b"utf-8", b"iso-8859-1").replace(b"Mendoza", b"Mendoza\xe9", 1))
    assert read([latin])[2] == []


def test_the_cli_prints_the_utf8_warning(tmp_path):
    from dyads.cli import main

    path = tmp_path / "few.txt"
    path.write_bytes((STORY * 4).encode().replace(b"Thursday", b"Thursday\xff", 1))
    res = CliRunner().invoke(main, ["extract", str(path), "--quiet"])
    assert res.exit_code == 0, res.output
    assert f"warning {path}: invalid UTF-8 at byte " in res.stderr and "1 byte replaced" in res.stderr


def test_a_json_error_at_the_end_of_a_line_is_at_its_true_column(tmp_path):
    line = json.dumps({"id": "x", "text": STORY})[:-1]         # the closing brace is missing
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "ok", "text": STORY}) + "\n")
    docs, errors, _ = read([path])
    assert [d.id for d in docs] == ["ok"]
    assert [str(e) for e in errors] == [
        f"{path}:1: malformed JSON (Expecting ',' delimiter at column {len(line) + 1})"]


def test_a_pretty_printed_json_error_is_one_error_at_its_line_and_column(tmp_path):
    path = tmp_path / "pretty.json"
    path.write_text('{\n  "id": "p",\n  "text": "Talks resume.", "date": 2023-02-25\n}\n')
    docs, errors, _ = read([path])
    col = len('  "text": "Talks resume.", "date": 2023') + 1         # 2023 is a number; "-" is the error
    assert docs == [] and [str(e) for e in errors] == [f"{path}:3: malformed JSON (Expecting ',' delimiter at column {col})"]


def test_ingest_prints_the_utf8_warning_too(tmp_path):
    from dyads.cli import main

    path = tmp_path / "few.txt"
    path.write_bytes((STORY * 4).encode().replace(b"Thursday", b"Thursday\xff", 1))
    res = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert res.exit_code == 0, res.output
    assert f"warning {path}: invalid UTF-8 at byte " in res.stderr and "1 byte replaced" in res.stderr
