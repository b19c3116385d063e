"""Shared by the benchmarks: a timer that wraps methods of one object."""
from __future__ import annotations

import functools
import time


class MethodTimer:
    """Wraps the named methods of `obj`; per-method seconds and calls, nested calls counted once."""

    def __init__(self, obj, names) -> None:
        self.seconds = {n: 0.0 for n in names}
        self.calls = {n: 0 for n in names}
        self._depth = 0
        for n in names:
            setattr(obj, n, self._wrap(n, getattr(obj, n)))

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def _wrap(self, name, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self.calls[name] += 1
            if self._depth:
                return fn(*args, **kwargs)
            self._depth += 1
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - t
                self._depth -= 1
        return timed


class StageTimer:
    """Wraps the pipeline stages of the given classes (dyads.pipeline.Pipeline.stages): seconds per stage."""

    def __init__(self, pipe, classes) -> None:
        self.seconds: dict[str, float] = {}
        for i, stage in enumerate(pipe.stages):
            if isinstance(stage, tuple(classes)):
                self.seconds[type(stage).__name__] = 0.0
                pipe.stages[i] = self._wrap(stage)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def _wrap(self, stage):
        timer, name = self, type(stage).__name__

        class Timed:
            def __init__(self) -> None:
                self.name = getattr(stage, "name", name)

            def __call__(self, state):
                t = time.perf_counter()
                try:
                    return stage(state)
                finally:
                    timer.seconds[name] += time.perf_counter() - t
        return Timed()


def code_stories(pipe, rows: list[dict]) -> tuple[float, int]:
    """Seconds a pipeline takes to code these corpus rows, and the number of events."""
    from dyads.model import Document

    docs = [Document(text=r["text"], id=str(r.get("id", i)), date=r.get("date")) for i, r in enumerate(rows)]
    t = time.perf_counter()
    events = sum(len(d.events) for d in pipe.process(docs))
    return time.perf_counter() - t, events


def median_of_runs(snippet: str, repeats: int, env: dict | None = None) -> dict:
    """Run a Python snippet that prints one JSON object of timings in fresh subprocesses; the median of each."""
    import json
    import statistics
    import subprocess
    import sys

    runs = []
    for _ in range(repeats):
        p = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, check=True, env=env)
        runs.append(json.loads(p.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}
