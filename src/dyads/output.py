"""Writers for coded documents: PLOVER JSON lines, one line per document, or a readable table."""
from __future__ import annotations

import json
from typing import IO, Iterable

from dyads import formats
from dyads.model import Document

FORMATS = formats.choices("extract")      # the registry's (dyads.formats); kept for old imports


def event_lines(doc: Document) -> Iterable[str]:
    for ev in doc.events:
        yield json.dumps(ev.to_dict(doc), ensure_ascii=False)


def document_line(doc: Document, include_mentions: bool = False) -> str:
    return json.dumps(doc.to_dict(include_mentions=include_mentions), ensure_ascii=False)


def _names(ents) -> str:
    out = []
    for e in ents:
        label = e.name or e.text
        code = "/".join(x for x in (e.code, e.sector) if x)
        out.append(f"{label} [{code}]" if code else label)
    return "; ".join(out)


def write_table(docs: Iterable[Document], stream: IO[str]) -> int:
    """A rich table per document; returns the number of events shown."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=stream, width=160 if not getattr(stream, "isatty", lambda: False)() else None)
    shown = 0
    for doc in docs:
        title = f"{doc.id}  {doc.date or 'no date'}  {doc.title or ''}".strip()
        table = Table(title=title, show_lines=False)
        for col in ("event", "mode", "actor", "recipient", "date", "place", "quad", "cameo", "conf", "mentions"):
            table.add_column(col)
        for ev in doc.events:
            place = (ev.place or {}).get("resolved_place") or (ev.place or {}).get("extracted_place") or ""
            date = f"{ev.date or ''} ({ev.date_source})" if ev.date else ""
            event = ev.event + (f" [{ev.aux_mode}]" if ev.aux_mode else "")
            if ev.nonpolitical:
                event += " [nonpolitical]"
            cells = (event, ev.mode or "", _names(ev.actor), _names(ev.recipient), date, place,
                     str(ev.quad_code or ""), ev.cameo or "", f"{ev.confidence:.2f}", str(len(ev.mentions)))
            # plain text, not rich markup: "[negation]" would otherwise be read as a style and vanish
            table.add_row(*(escape(c) for c in cells))
            shown += 1
        console.print(table)
        if doc.credited:
            console.print(f"  credited: {', '.join(doc.credited)}")
    return shown
