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
