"""Choose the bench stories annotated as whole articles (annotations/articles.jsonl).

    python scripts/select_annotation_articles.py [--corpus PATH] > annotations/selection.jsonl

150 stories, none of them among stories 3,001-6,000 of the corpus (kept apart for judging
random samples of dyads' output):
- 100 drawn at random (seeded), whatever they are about: most newswire is business;
- 50 chosen as political: drawn at random from stories whose text has at least six cue words
  of political interaction (governments, forces, diplomacy, protest, violence), at most
  5,000 characters long so that a person can code them whole.
Each line: {"id", "selection": "random"|"political", "split": "dev"|"test"}; a fifth of each
selection (seeded) is "test", kept for checking what was tuned on "dev".

    python scripts/select_annotation_articles.py --batch 2 >> annotations/selection.jsonl
    python scripts/select_annotation_articles.py --batch 3 >> annotations/selection.jsonl
    python scripts/select_annotation_articles.py --batch 4 >> annotations/selection.jsonl

Later batches, each drawn after the earlier ones had been studied, held out when drawn
("split": "test", "batch": N; each became "dev" when the next was drawn): 20 at random and 25 political, by the same rules, none among
the earlier batches or stories 3,001-6,000. Batch N's draw is seeded with 37 + N, so drawing
a new batch leaves the earlier ones as they were.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "reuters21578.jsonl.gz"
HELD_FOR_JUDGING = range(3000, 6000)          # 0-based positions of stories 3,001-6,000
POLITICAL_CUES = re.compile(
    r"\b(?:government|minister|ministry|president|parliament|troops|army|military|police|rebels?|guerrillas?|"
    r"talks|summit|treaty|sanctions?|embargo|protest(?:ers|s)?|demonstrat\w+|strike|attack\w*|kill\w*|"
    r"arrest\w*|ambassador|diplomat\w*|opposition|party|election|vote|war|ceasefire|accus\w+|condemn\w*|"
    r"warn\w*|threat\w*|visit\w*|negotiat\w+|aid|refugees?|border|invasion|bomb\w*|shell\w*)\b", re.I)


def split_of_batch(batch: int) -> str:
    """Each batch was held out when drawn; its misses were studied once the next batch was
    drawn: batch 2 from session 40 on, batch 3 from session 41 on, batch 4 from session 42 on,
    when batch 5 was drawn."""
    return "dev" if batch in (2, 3, 4) else "test"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--batch", type=int, choices=(1, 2, 3, 4, 5), default=1)
    args = ap.parse_args()
    rows = [json.loads(x) for x in gzip.open(args.corpus, "rt", encoding="utf-8")]
    pool = [i for i in range(len(rows)) if i not in HELD_FOR_JUDGING and (rows[i]["text"] or "").strip()]
    rng = random.Random(14)
    chosen = rng.sample(pool, 100)
    taken = set(chosen)
    political = [i for i in pool if i not in taken and len(rows[i]["text"]) <= 5000
                 and len(POLITICAL_CUES.findall(rows[i]["text"])) >= 6]
    chosen_pol = rng.sample(political, 50)
    out = [(i, "random") for i in chosen] + [(i, "political") for i in chosen_pol]
    splits = ["test" if rng.random() < 0.2 else "dev" for _ in out]
    if args.batch == 1:
        for (i, sel), split in zip(out, splits):
            print(json.dumps({"id": rows[i]["id"], "selection": sel, "split": split}))
        return
    earlier = {i for i, _ in out}
    for batch in range(2, args.batch + 1):
        rng_batch = random.Random(37 + batch)
        rest = [i for i in pool if i not in earlier]
        drawn = rng_batch.sample(rest, 20)
        taken_now = set(drawn)
        political_now = [i for i in rest if i not in taken_now and len(rows[i]["text"]) <= 5000
                         and len(POLITICAL_CUES.findall(rows[i]["text"])) >= 6]
        batch_rows = [(i, "random") for i in drawn] + [(i, "political") for i in rng_batch.sample(political_now, 25)]
        earlier |= {i for i, _ in batch_rows}
        if batch == args.batch:
            for i, sel in batch_rows:
                print(json.dumps({"id": rows[i]["id"], "selection": sel, "split": split_of_batch(batch), "batch": batch}))

if __name__ == "__main__":
    main()
