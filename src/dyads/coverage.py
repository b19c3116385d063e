"""Which characters of a text are taken by spans already found, asked in time independent of
how many spans there are (a list of spans scanned per question makes long documents quadratic).

    >>> taken = Coverage(20, [(0, 5), (10, 12)])
    >>> taken.overlaps(4, 8), taken.overlaps(5, 10), taken.covers(10, 12)
    (True, False, True)
    >>> taken.add(6, 8); taken.overlaps(5, 7)
    True
"""
from __future__ import annotations

from typing import Iterable


class Coverage:
    """A mark per character of a text of `length` characters; offsets outside it are ignored."""

    __slots__ = ("_marks",)

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._marks = bytearray(max(0, length))
        for a, b in spans:
            self.add(a, b)

    def _clip(self, a: int, b: int) -> tuple[int, int]:
        n = len(self._marks)
        return min(max(a, 0), n), min(max(b, 0), n)

    def add(self, a: int, b: int) -> None:
        a, b = self._clip(a, b)
        if b > a:
            self._marks[a:b] = b"\x01" * (b - a)

    def overlaps(self, a: int, b: int) -> bool:
        """Is any character of [a, b) taken?"""
        a, b = self._clip(a, b)
        return b > a and self._marks.find(1, a, b) != -1

    def covers(self, a: int, b: int) -> bool:
        """Is every character of [a, b) taken?"""
        a, b = self._clip(a, b)
        return b > a and self._marks.find(0, a, b) == -1
