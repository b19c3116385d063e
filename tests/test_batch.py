"""`dyads batch`: partitions, determinism against `dyads extract`, crashes, resume, worker loss.

The cluster tests run a real Dask cluster: a LocalCluster of two worker processes shared by
the module, and for the worker-kill test a scheduler and two workers started as separate
processes with Dask's own `dask scheduler` / `dask worker` commands.
"""
from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from dyads.batch import BatchError, batch
from dyads.batch.plan import line_starts, plan
from dyads.batch.worker import about
from dyads.readers.core import read_pieces

REPO = Path(__file__).resolve().parents[1]

SUBJECTS = ["Turkish President Recep Tayyip Erdogan", "Russian troops", "The Indian government",
            "Japanese Prime Minister Fumio Kishida", "Iranian forces", "The European Union"]
ACTIONS = ["met Azerbaijani President Ilham Aliyev in Ankara", "shelled villages near Kharkiv",
           "signed a trade agreement with Bangladesh", "criticized China over its military drills",
           "arrested opposition protesters in Tehran", "sent humanitarian aid to Syria"]


def _article(i: int) -> dict:
    s, a = SUBJECTS[i % len(SUBJECTS)], ACTIONS[(i * 5) % len(ACTIONS)]
    month = "2023-02" if i % 3 else "2023-03"
    text = (f"{s} {a} on Tuesday, officials said. Report number {i} of the series. "
            f"The move came after weeks of talks, according to a statement.")
    return {"id": f"story-{i}", "date": f"{month}-{10 + i % 15:02d}", "title": f"Story {i}", "text": text}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder: a gzip JSON-lines file of 45 stories (one malformed line, two repeated ids),
    a plain JSON-lines file, a text file and an unsupported file."""
    root = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(_article(i)) for i in range(45)]
    lines.insert(20, "{not json")
    lines.append(json.dumps({**_article(3), "text": "Ukraine accused Russia of shelling Kherson."}))  # id again
    with gzip.open(root / "a_wire.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    (root / "b_more.jsonl").write_text("\n".join(json.dumps(_article(i)) for i in range(45, 60)) + "\n"
                                       + json.dumps({"id": "story-7", "text": "Egypt hosted talks on Gaza."}) + "\n",
                                       encoding="utf-8")
    (root / "c_note.txt").write_text("Pakistani police arrested dozens of protesters in Lahore on Friday.",
                                     encoding="utf-8")
    (root / "d_image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def _extract_lines(paths: list[str]) -> list[str]:
    """The sequential reference: `dyads extract --format jsonl`."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-m", "dyads.cli", "extract", *paths, "--format", "jsonl"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.splitlines()


@pytest.fixture(scope="module")
def reference(corpus) -> list[str]:
    return _extract_lines([str(corpus)])


def _batch_lines(out: Path) -> list[str]:
    lines: list[str] = []
    for part in sorted((out / "events").glob("part-*.jsonl")):
        lines += part.read_text(encoding="utf-8").splitlines()
    return lines


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


# -- planning -------------------------------------------------------------------------------

def test_line_starts_finds_the_byte_offset_of_every_cut(tmp_path):
    text = "".join(f'{{"n": {i}}}\n' for i in range(1, 11))
    (tmp_path / "x.jsonl").write_text(text)
    with gzip.open(tmp_path / "y.jsonl.gz", "wt") as f:
        f.write(text.rstrip("\n"))                     # no final newline: still 10 lines
    for name in ("x.jsonl", "y.jsonl.gz"):
        lines, offsets = line_starts(str(tmp_path / name), 4)
        assert lines == 10
        assert offsets == [0, text.index('{"n": 5}'), text.index('{"n": 9}')]


def test_plan_cuts_big_files_and_packs_small_ones_in_input_order(corpus):
    p = plan([str(corpus)], size=10)
    kinds = [[piece.kind for piece in part] for part in p.partitions]
    assert kinds[:5] == [["lines"]] * 5                # 47 lines of a_wire, 10 per partition
    assert [part[0].first_line for part in p.partitions[:5]] == [1, 11, 21, 31, 41]
    assert p.partitions[4][0].last_line is None        # the last range runs to the end of the file
    assert [piece.kind for piece in p.partitions[-1]] == ["text"]
    assert [e.reason.split(" (")[0] for e in p.errors] == ["unsupported file type '.png'"]


def test_the_pieces_of_a_plan_read_the_same_documents_as_the_whole_input(corpus):
    from dyads.readers import read_documents

    p = plan([str(corpus)], size=7)
    pieces = [piece for part in p.partitions for piece in part]
    whole = [(d.id, d.text, d.source_name) for d in read_documents([str(corpus)], on_error=lambda e: None)]
    parts = [(d.id, d.text, d.source_name) for d in read_pieces(pieces, on_error=lambda e: None)]
    assert parts == whole


# -- determinism ----------------------------------------------------------------------------

def test_batch_gives_the_events_and_ids_of_a_sequential_extract(corpus, reference, client, tmp_path):
    report = batch([str(corpus)], str(tmp_path / "out"), scheduler=client, fmt="jsonl", partition_size=8)
    assert report.failed == [] and report.done == report.partitions == 9
    got = _batch_lines(tmp_path / "out")
    assert len(reference) > 40
    assert got == reference                            # same events, same ids, same order
    ids = [json.loads(x)["doc_id"] for x in got]
    assert "story-3#2" in ids and "story-7#2" in ids   # repeated ids renamed as one reader would
    errors = [json.loads(x) for f in (tmp_path / "out" / "errors").glob("part-*.jsonl") for x in f.open()]
    assert [(e["source"].rsplit("/", 1)[1], e["reason"][:14]) for e in errors] == [("a_wire.jsonl.gz:21", "malformed JSON")]
    assert report.plan_errors and "d_image.png" in report.plan_errors[0]


def test_parquet_output_is_partitioned_by_publication_month(corpus, reference, client, tmp_path):
    import pyarrow.dataset as ds

    batch([str(corpus)], str(tmp_path / "out"), scheduler=client, partition_size=20)
    months = sorted(p.name for p in (tmp_path / "out" / "events").iterdir())
    assert months == ["pub_month=2023-02", "pub_month=2023-03", "pub_month=unknown"]
    table = ds.dataset(tmp_path / "out" / "events", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(reference)
    records = {json.loads(x)["id"]: json.loads(x) for x in reference}
    for row in table.to_pylist():
        rec = records[row["event_id"]]
        assert json.loads(row["plover_json"]) == rec
        assert row["event"] == rec["event"] and row["actor_codes"] == [a["code"] or "" for a in rec["actor"]]
        assert row["pub_month"] == (row["pub_date"][:7] if row["pub_date"] else "unknown")


# -- faults ---------------------------------------------------------------------------------

def test_a_document_that_crashes_the_pipeline_is_recorded_and_the_batch_goes_on(corpus, tmp_path, monkeypatch):
    """In-process workers, so the patched pipeline is the one they use."""
    from distributed import Client, LocalCluster

    from dyads.events.finder import EventFinder
    from dyads.nlp import LanguageLayer

    monkeypatch.delenv("DYADS_STRICT")           # failures are recorded, as in production
    real_find, real_pipe = EventFinder.__call__, LanguageLayer.pipe

    def find(self, state):
        if "Report number 12 " in state.text:
            raise RuntimeError("boom in the coder")
        return real_find(self, state)

    def pipe(self, texts, batch_size=32, ner=True, **kw):
        texts = list(texts)
        if any("Lahore" in t for t in texts):     # the language layer fails a whole batch
            if len(texts) > 1:
                raise MemoryError("batch too big")
            raise ValueError("cannot parse this one")
        return real_pipe(self, texts, batch_size=batch_size, ner=ner, **kw)

    monkeypatch.setattr(EventFinder, "__call__", find)
    monkeypatch.setattr(LanguageLayer, "pipe", pipe)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster, Client(cluster) as c:
        report = batch([str(corpus)], str(tmp_path / "out"), scheduler=c, fmt="jsonl", partition_size=100,
                       min_confidence=0.0)
    assert report.failed == [] and report.coded == 63
    errors = [json.loads(x) for f in (tmp_path / "out" / "errors").glob("part-*.jsonl") for x in f.open()]
    reasons = {e["source"].rsplit("/", 1)[1]: e["reason"] for e in errors}
    assert reasons["a_wire.jsonl.gz:13"] == "coding failed in events: RuntimeError: boom in the coder"
    assert reasons["c_note.txt"] == "coding failed in language: ValueError: cannot parse this one"
    assert {e["kind"] for e in errors if e["source"].endswith(("a_wire.jsonl.gz:13", "c_note.txt"))} == {"coding"}
    assert {json.loads(x)["doc_id"] for x in _batch_lines(tmp_path / "out")} >= {"story-11", "story-13", "story-59"}


def test_a_rerun_skips_finished_partitions_and_refuses_another_run(corpus, reference, client, tmp_path):
    out = tmp_path / "out"
    first = batch([str(corpus)], str(out), scheduler=client, fmt="jsonl", partition_size=8)
    # as if the run had been killed before partitions 2 and 5 finished
    for n in (2, 5):
        (out / "_done" / f"part-0000{n}.json").unlink()
        (out / "events" / f"part-0000{n}.jsonl").unlink()
    again = batch([str(corpus)], str(out), scheduler=client, fmt="jsonl", partition_size=8)
    assert (again.done, again.resumed) == (2, first.partitions - 2)
    assert again.coded == sum(json.loads((out / "_done" / f"part-0000{n}.json").read_text())["documents"] for n in (2, 5))
    assert _batch_lines(out) == reference
    with pytest.raises(BatchError, match="holds another batch run"):
        batch([str(corpus)], str(out), scheduler=client, fmt="parquet", partition_size=8)
    with pytest.raises(BatchError, match="not empty"):
        batch([str(corpus)], str(corpus), scheduler=client)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask(*args: str, log: Path) -> subprocess.Popen:
    exe = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")
    assert exe, "the `dask` command (distributed) is not installed"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([exe, *args], stdout=log.open("w"), stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)


@contextlib.contextmanager
def _separate_cluster(tmp_path: Path, workers: int) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """`dask scheduler` and `workers` single-threaded `dask worker`s, each its own command and
    process (as on a real cluster), all killed at the end: (scheduler address, processes)."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [_dask("scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0",
                   log=tmp_path / "scheduler.log")]
    try:
        for n in range(1, workers + 1):
            procs.append(_dask("worker", address, "--nthreads", "1", "--nworkers", "1", "--name", f"w{n}",
                               "--no-dashboard", log=tmp_path / f"worker{n}.log"))
        yield address, procs
    finally:
        for p in procs:
            try:
                os.killpg(os.getpgid(p.pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=30)


def test_a_worker_killed_mid_run_has_its_partitions_retried(corpus, reference, tmp_path):
    """`dask scheduler` and two `dask worker`s as separate processes; one is killed mid-run."""
    with _separate_cluster(tmp_path, 2) as (address, procs):
        from distributed import Client

        with Client(address, timeout="60s") as c:
            c.wait_for_workers(2, timeout=120)
            worker_pids = list(c.run(os.getpid).values())
            killed: list[int] = []

            def progress(report, part) -> None:
                # when the first partition is done the other worker is busy with one: kill it
                if part is not None and not killed:
                    victim = next(pid for pid in worker_pids if pid != part["worker_pid"])
                    os.killpg(os.getpgid(next(p.pid for p in procs[1:] if _owns(p.pid, victim))), signal.SIGKILL)
                    killed.append(victim)

            report = batch([str(corpus)], str(tmp_path / "out"), scheduler=c, fmt="jsonl", partition_size=4,
                           progress=progress)
        assert killed, "no partition finished, so no worker was killed"
        assert "Remove worker" in (tmp_path / "scheduler.log").read_text()   # the scheduler saw it go
        survivors = {json.loads(f.read_text())["worker_pid"] for f in (tmp_path / "out" / "_done").glob("*.json")}
        assert len(survivors - set(killed)) == 1           # the rest ran on the other worker
        assert report.failed == [] and report.done == report.partitions
        assert _batch_lines(tmp_path / "out") == reference


def test_cli_batch_on_a_scheduler_address_with_two_separate_worker_processes(corpus, reference, tmp_path):
    """What a cluster user types: `dyads batch ... --scheduler tcp://...` against workers started
    with `dask worker`. Each worker process loads the models once, for its first partition only;
    unreadable inputs are reported and skipped, every other document is coded."""
    with _separate_cluster(tmp_path, 2) as (address, procs):
        from distributed import Client

        with Client(address, timeout="60s") as c:
            c.wait_for_workers(2, timeout=120)
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        proc = subprocess.run([sys.executable, "-m", "dyads.cli", "batch", str(corpus), "--out", str(tmp_path / "out"),
                               "--scheduler", address, "--format", "jsonl", "--partition-size", "6"],
                              capture_output=True, text=True, env=env, timeout=600)
        alive = [p.poll() is None for p in procs]
    assert proc.returncode == 1, proc.stderr           # the .png and the malformed line were skipped
    assert all(alive), "a scheduler or worker process died during the run"
    assert "2 worker(s)" in proc.stderr and "0 failed; 63 document(s)" in proc.stderr
    # workers started without the slower tick are named, with the variable that fixes them
    assert "warning: 2 worker(s) of" in proc.stderr and "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=500ms" in proc.stderr
    assert _batch_lines(tmp_path / "out") == reference
    done = [json.loads(f.read_text()) for f in (tmp_path / "out" / "_done").glob("*.json")]
    assert len(done) == 12 and sum(d["documents"] for d in done) == 63   # 47 + 16 lines by 6, one text
    loads: dict[int, list[float]] = {}
    for d in done:
        loads.setdefault(d["worker_pid"], []).append(d["model_load_seconds"])
    assert len(loads) == 2, "the partitions did not run on both worker processes"
    for pid, seconds in loads.items():
        assert sum(s > 0 for s in seconds) == 1, f"worker {pid} loaded the models {sum(s > 0 for s in seconds)} times"
    errors = [json.loads(x) for f in (tmp_path / "out" / "errors").glob("part-*.jsonl") for x in f.open()]
    assert [(e["kind"], e["source"].rsplit("/", 1)[1]) for e in errors] == [("input", "a_wire.jsonl.gz:21")]
    assert "d_image.png" in proc.stderr


def test_the_local_cluster_workers_wake_every_500_ms():
    """Dask's 20 ms event-loop tick takes the GIL from the coding thread when every core is busy
    (docs/batch.md): the local cluster dyads starts uses 500 ms, and says so when asked."""
    import dyads.batch.run as run

    client, own, cluster = run._client(None, 1)
    try:
        assert [v["tick_ms"] for v in client.run(about).values()] == [500]
    finally:
        client.close()
        cluster.close()


def _other_dyads() -> dict:
    return {"dyads": "0.0.0-other", "pid": os.getpid()}


def _no_dyads() -> dict:
    raise ModuleNotFoundError("No module named 'dyads'")


@pytest.mark.parametrize("about, message", [(_other_dyads, r"run another dyads than this one .*0\.0\.0-other"),
                                            (_no_dyads, r"cannot run dyads .*No module named 'dyads'")])
def test_a_scheduler_whose_workers_run_another_dyads_is_refused(corpus, tmp_path, monkeypatch, about, message):
    """In-process workers, so that they answer with the patched `about`."""
    from distributed import LocalCluster

    import dyads.batch.run as run

    monkeypatch.setattr(run, "about", about)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster:
        with pytest.raises(BatchError, match=message):
            batch([str(corpus)], str(tmp_path / "out"), scheduler=cluster.scheduler_address, fmt="jsonl")
    assert not (tmp_path / "out" / "_done").exists()


def test_threads_of_one_worker_share_the_models_but_no_document(corpus, reference, tmp_path):
    """A worker started without --nthreads 1 codes partitions in several threads of one process:
    the same events and ids as a sequential extract, and the models loaded at most once."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=3, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        report = batch([str(corpus)], str(tmp_path / "out"), scheduler=c, fmt="jsonl", partition_size=3)
    assert report.failed == [] and report.coded == 63
    assert _batch_lines(tmp_path / "out") == reference
    done = [json.loads(f.read_text()) for f in (tmp_path / "out" / "_done").glob("*.json")]
    assert sum(d["model_load_seconds"] > 0 for d in done) <= 1


def _owns(parent: int, pid: int) -> bool:
    """Whether `pid` is `parent` or runs under it (a `dask worker` runs its worker under a nanny)."""
    import psutil

    try:
        return pid == parent or any(child.pid == pid for child in psutil.Process(parent).children(recursive=True))
    except psutil.NoSuchProcess:
        return False


# -- the command and its store merge -------------------------------------------------------

def test_cli_batch_ingests_into_a_store_and_names_what_it_skipped(corpus, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    db = tmp_path / "events.db"
    proc = subprocess.run([sys.executable, "-m", "dyads.cli", "batch", str(corpus), str(tmp_path / "missing.jsonl"),
                           "--out", str(tmp_path / "out"), "--workers", "2", "--ingest", str(db),
                           "--partition-size", "30"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr           # some inputs were skipped
    err = proc.stderr
    assert "Dask dashboard: http" in err
    assert f"skipped {tmp_path / 'missing.jsonl'}: no such file or directory" in err
    assert "4 partition(s) coded, 0 resumed, 0 failed; 63 document(s)" in err
    from dyads.store.query import EventFilter, events

    stored = list(events(str(db), EventFilter(actor="TUR")))
    assert stored and all("TUR" in r["actor_codes"] for r in stored)
    import sqlite3

    reasons = [r[0] for r in sqlite3.connect(db).execute("select input from errors order by input")]
    assert any(r.endswith("a_wire.jsonl.gz:21") for r in reasons) and any(r.endswith("missing.jsonl") for r in reasons)


@pytest.mark.parametrize("args, message", [
    (["--format", "csv"], "Invalid value for '--format'"),
    (["--workers", "0"], "Invalid value for '--workers'"),
    (["--date", "2023-13-45"], "invalid"),
    (["--ingest", "mysql://x/y"], "unsupported store URL"),
])
def test_cli_batch_rejects_bad_options_in_one_line(corpus, tmp_path, args, message):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-m", "dyads.cli", "batch", str(corpus), "--out", str(tmp_path / "o"), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert message.lower() in proc.stderr.lower()
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()


def test_every_partition_is_coded_once_even_with_many_small_files(tmp_path, client):
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(9):
        (folder / f"{i:02d}.txt").write_text(f"{SUBJECTS[i % 6]} {ACTIONS[i % 6]} on Monday.", encoding="utf-8")
    report = batch([str(folder)], str(tmp_path / "out"), scheduler=client, fmt="jsonl", partition_size=4)
    assert report.partitions == 3 and report.coded == 9
    docs = [json.loads(x)["doc_id"] for x in _batch_lines(tmp_path / "out")]
    assert docs == sorted(docs) and len(set(docs)) == len(list(itertools.groupby(docs)))
