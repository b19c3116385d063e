"""Error and bookkeeping types shared by all readers."""
from __future__ import annotations

from dataclasses import dataclass, field


class InputError(Exception):
    """One input (a file, a JSON line, stdin) that could not be turned into a document.

    ``source`` names the input (``"data/x.jsonl:17"``, ``"<stdin>"``), ``reason`` says
    why in a few words. ``str(err)`` is the one-line message shown to users.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __repr__(self) -> str:
        return f"InputError({self.source!r}, {self.reason!r})"


@dataclass
class ReadReport:
    """Counts filled in while `read_documents` runs (safe to inspect mid-stream)."""

    read: int = 0                      # documents yielded
    skipped: int = 0                   # inputs (files, records) skipped, one per entry in `errors`
    errors: list[InputError] = field(default_factory=list)
    warned: int = 0                    # yielded documents that carry at least one warning

    def add_error(self, error: InputError) -> None:
        self.skipped += 1
        self.errors.append(error)

    def summary(self) -> str:
        parts = [f"read {self.read} document{'s' if self.read != 1 else ''}"]
        if self.skipped:
            parts.append(f"skipped {self.skipped}")
        if self.warned:
            parts.append(f"{self.warned} with warnings")
        return ", ".join(parts)
