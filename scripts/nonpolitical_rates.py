"""Events per story on quarterly-results and merger stories (issue 14's non-political check).

    dyads extract STORIES.jsonl --format documents > OUT.jsonl
    python scripts/nonpolitical_rates.py STORIES.jsonl OUT.jsonl

A results story is one whose text has the tabular lines of an earnings report: "Shr" and at
least one of "Net", "Qtr", "Revs" or "Oper" at the start of a line. A merger story is one whose
title names an acquisition, merger, takeover, tender offer, stake or buyout (and that is no
results story). Printed: the number of stories of each kind, the events dyads wrote for them,
events per story, and each such event (so it can be looked at).
"""
from __future__ import annotations

import gzip
import json
import re
import sys

RESULTS_LINE = re.compile(r"^\s*(Shr|Net|Qtr|Revs|Oper)\b", re.MULTILINE)
MERGER_TITLE = re.compile(r"\b(ACQUI\w*|MERGE\w*|TAKEOVER|TAKE OVER|TENDER OFFER|STAKE|BUYOUT|BUY-OUT|BUYS|TO BUY|"
                          r"SELLS|TO SELL|SALE OF|BID FOR|BIDS FOR)\b")


def kind(story: dict) -> str | None:
    text, title = story.get("text") or "", (story.get("title") or "").upper()
    lines = set(m.group(1) for m in RESULTS_LINE.finditer(text))
    if "Shr" in lines and len(lines) > 1:
        return "results"
    if MERGER_TITLE.search(title):
        return "merger"
    return None


def main(stories_path: str, out_path: str) -> None:
    opener = gzip.open if stories_path.endswith(".gz") else open
    kinds = {}
    with opener(stories_path, "rt", encoding="utf-8") as f:
        for line in f:
            s = json.loads(line)
            kinds[str(s["id"])] = kind(s)
    counts = {"results": [0, 0], "merger": [0, 0]}
    shown = []
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            k = kinds.get(str(d["id"]))
            if k is None:
                continue
            counts[k][0] += 1
            counts[k][1] += len(d["events"])
            shown += [(k, d["id"], e["event"], e["mentions"][0]["sentence"]) for e in d["events"]]
    for k, (stories, events) in counts.items():
        rate = events / stories if stories else 0.0
        print(f"{k:8} stories {stories:5}  events {events:4}  events per story {rate:.3f}")
    for k, id_, event, sentence in shown:
        print(f"  {k} {id_} {event}: {' '.join(sentence.split())[:160]}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
