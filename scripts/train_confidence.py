"""Train the event-confidence model (dyads.events.confidence) and report how well it is calibrated.

    pip install -e '.[train]'
    python scripts/train_confidence.py --corpus ../shared/bench/reuters21578.jsonl.gz \
        --gold ../shared/gold/events-dev.jsonl [--out src/dyads/data/models/confidence.json]

What it learns from (our own judgments, and the development gold set; never the GSR half):

* `annotations/judged/*.jsonl`: output events judged right or wrong, the latest judgment of
  each event that is still output. Events of stories 3,001-6,000 (the judged-precision checks
  of issue 14 draw from them) and of the `test` articles are held out, whatever sample judged
  them; the other stories' samples train, the fresh ones too once they have served as fresh
  checks.
* `annotations/articles.jsonl`: every event dyads outputs on an annotated story is right when
  it matches an annotated event at code level (type and countries). `dev` stories train,
  `test` stories are held out.
* `events-dev.jsonl`: an event that finds a gold dyad (the pair, whatever the type: the type is
  the typer's business, not the filter's) is right; events that touch no gold event are left
  out (the set is not complete).

The pipeline runs with the model switched off (every event 0.5) while the features of every
event are recorded, so the features are exactly those the stage computes at run time.
Reported: grouped 5-fold cross-validated figures on the training events, the held-out
figures, and a calibration table (share right per confidence band).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyads.evaluate import _dyad_found_by, _event_correct_for, _norm, load_gold  # noqa: E402
from dyads.evaluate_articles import code_found, load_articles  # noqa: E402
from dyads.events.confidence import (MODEL_FILE, ConfidenceModel, EventConfidence, event_features,  # noqa: E402
                                     story_features, story_words)
from dyads.model import Document  # noqa: E402
from dyads.pipeline import Pipeline  # noqa: E402

HELD_FOR_JUDGING = range(3000, 6000)   # corpus positions of stories 3,001-6,000: never trained on
POLITICAL_TOPICS = {"politics", "conflict", "diplomacy", "economy-policy"}
MIN_STORIES = 3        # a word enters the story model when at least this many training stories have it
GOLD_WEIGHT = 0.0      # gold sentences were chosen for holding one clear event: not news as it comes
SHORT_WEIGHT = 0.5     # weight of the copy of a news event seen without its story


class RecordingConfidence(EventConfidence):
    """The confidence stage with no model, keeping every event's features."""

    def __init__(self) -> None:
        super().__init__(ConfidenceModel({}))
        self.features: dict[tuple[str, str, tuple[int, int]], dict[str, float]] = {}
        self.words: dict[str, set[str]] = {}

    def __call__(self, state) -> None:
        self.words[state.doc.id] = story_words(state.doc.title, state.doc.text)
        story = story_features(state)
        for found in state.found:
            ev = found.event
            self.features[(state.doc.id, ev.event, ev.mentions[0].trigger)] = event_features(state, found, story)
            ev.confidence = 0.5


def code(docs: list[Document]) -> tuple[dict[str, Document], dict, dict[str, set[str]]]:
    pipe = Pipeline(strict=False, min_confidence=0.0)
    rec = RecordingConfidence()
    pipe.stages = [rec if s.name == "confidence" else s for s in pipe.stages]
    out = {d.id: d for d in pipe.process(docs)}
    for d in docs:          # stories with no event candidate still teach the story model
        rec.words.setdefault(d.id, story_words(d.title, d.text))
    return out, rec.features, rec.words


def feats(features: dict, doc_id: str, ev) -> dict[str, float] | None:
    for m in ev.mentions:
        f = features.get((doc_id, ev.event, tuple(m.trigger)))
        if f is not None:
            return f
    return None


def read_corpus(path: str, ids: set[str]) -> dict[str, dict]:
    """The stories of `ids`, each with its 0-based position in the corpus (`position`)."""
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            r = json.loads(line)
            if r["id"] in ids:
                out[r["id"]] = dict(r, position=k)
    return out


def examples(args) -> tuple[list[dict], list[dict], dict[str, set[str]]]:
    """Every labelled event (features, label, weight, group, part, source), every labelled
    story (words, political or not, part), and the words of every document read."""
    judged = []
    for path in sorted((ROOT / "annotations" / "judged").glob("*.jsonl")):   # oldest first
        judged += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    articles = load_articles(ROOT / "annotations" / "articles.jsonl")
    ids = {j["id"] for j in judged} | {a["id"] for a in articles}
    texts = read_corpus(args.corpus, ids)
    test_ids = {a["id"] for a in articles if a.get("split") == "test"}
    for j in judged:
        j["part"] = "held-out" if texts.get(j["id"], {}).get("position") in HELD_FOR_JUDGING \
            or j["id"] in test_ids else "train"
    docs = [Document(text=texts[i]["text"], id=i, title=texts[i].get("title"), date=texts[i].get("date"))
            for i in sorted(ids) if i in texts]
    out_docs, features, words = code(docs)
    rows: list[dict] = []
    # story labels: the judges' "political" flag (majority per story), the articles' topic
    votes: dict[str, list[int]] = defaultdict(list)
    for j in judged:
        if j.get("political") is not None:
            votes[j["id"]].append(int(bool(j["political"])))
    stories = {i: (int(sum(v) * 2 >= len(v)), "held-out" if any(j["part"] == "held-out" for j in judged if j["id"] == i)
                   else "train") for i, v in votes.items()}
    for a in articles:
        stories[a["id"]] = (int(a.get("topic") in POLITICAL_TOPICS), "held-out" if a.get("split") == "test" else "train")
    # judged samples: by event id, else by type, trigger word and sentence (older samples); an
    # event judged again keeps its latest judgment
    missing = 0
    latest: dict[tuple[str, str], dict] = {}
    for j in judged:
        doc = out_docs.get(j["id"])
        match = None
        for ev in doc.events if doc else []:
            m = ev.mentions[0]
            if ev.id == j["event_id"] or (ev.event == j["event"] and m.trigger_text == j["trigger"]
                                          and " ".join(m.sentence.split()) == " ".join(j["sentence"].split())):
                match = ev
                break
        f = feats(features, j["id"], match) if match is not None else None
        if f is None:
            missing += 1
            continue
        latest[(j["id"], match.id)] = {"f": f, "y": int(j["verdict"] == "right"), "w": 1.0, "group": j["id"],
                                       "part": j["part"], "source": "judged"}
    rows.extend(latest.values())
    print(f"judged events: {len(judged)}, no longer output: {missing}, distinct: {len(latest)}", file=sys.stderr)
    for a in articles:
        doc = out_docs.get(a["id"])
        for ev in doc.events if doc else []:
            f = feats(features, a["id"], ev)
            if f is None:
                continue
            y = int(any(code_found(ev, g) for g in a.get("events") or []))
            rows.append({"f": f, "y": y, "w": 1.0, "group": a["id"],
                         "part": "held-out" if a.get("split") == "test" else "train", "source": "articles"})
    gold = load_gold(args.gold)
    gdocs = [Document(text=r.get("text") or "", id=f"gold-{r['id']}", date=r.get("date")) for r in gold]
    gout, gfeatures, _ = code(gdocs)
    for r in gold:
        doc = gout.get(f"gold-{r['id']}")
        for ev in doc.events if doc else []:
            f = feats(gfeatures, doc.id, ev)
            if f is None:
                continue
            if any(_event_correct_for(ev, g) or any(
                    _dyad_found_by(ev, act, rec, _norm(g.get("event")))
                    for act in [p.get("text") for p in g.get("actor") or []]
                    for rec in [p.get("text") for p in g.get("recipient") or []] or [None])
                   for g in r.get("events") or []):
                rows.append({"f": f, "y": 1, "w": args.gold_weight, "group": doc.id, "part": "train",
                             "source": "gold-dev"})
    story_rows = [{"id": i, "words": words[i], "y": y, "part": part} for i, (y, part) in stories.items() if i in words]
    words.update({f"gold-{r['id']}": story_words(None, r.get("text") or "") for r in gold})
    return rows, story_rows, words


def fit_story_model(story_rows: list[dict]) -> tuple[ConfidenceModel, dict[str, float]]:
    """The story model (a `ConfidenceModel` with only story weights), and each story's
    probability: out of fold for the training stories (so the event model learns from honest
    values), from the full model for the held-out ones."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    train = [s for s in story_rows if s["part"] == "train"]
    df: dict[str, int] = defaultdict(int)
    for s in train:
        for w in s["words"]:
            df[w] += 1
    vocab = {w for w, n in df.items() if n >= MIN_STORIES}

    def fit(part):
        vec = DictVectorizer()
        x = vec.fit_transform([{w: 1 for w in s["words"] if w in vocab} for s in part])
        clf = LogisticRegression(C=0.5, max_iter=2000).fit(x, [s["y"] for s in part])
        return vec, clf

    oof: dict[str, float] = {}
    for tr, te in KFold(n_splits=5, shuffle=True, random_state=7).split(train):
        vec, clf = fit([train[i] for i in tr])
        probs = clf.predict_proba(vec.transform([{w: 1 for w in train[i]["words"] if w in vocab} for i in te]))[:, 1]
        oof.update({train[i]["id"]: float(p) for i, p in zip(te, probs)})
    vec, clf = fit(train)
    weights = {w: float(c) for w, c in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(c) > 1e-4}
    bias = float(clf.intercept_[0])
    model = ConfidenceModel({}, story_weights=weights, story_bias=bias)
    for s in story_rows:
        if s["part"] != "train":
            oof[s["id"]] = model.story_probability(s["words"])
    held = [s for s in story_rows if s["part"] != "train"]
    for name, part in (("cross-validated", train), ("held out", held)):
        right = sum(int((oof[s["id"]] >= 0.5) == bool(s["y"])) for s in part)
        print(f"story model, {name}: {len(part)} stories, {sum(s['y'] for s in part)} political, "
              f"accuracy {right / max(1, len(part)):.3f}")
    return model, oof


def calibration(ps, ys, bands=(0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)) -> list[str]:
    lines = [f"{'confidence':<12}{'events':>8}{'right':>8}{'share':>8}   {'at or above':>12}{'share':>8}"]
    for lo, hi in zip(bands, bands[1:]):
        inb = [y for p, y in zip(ps, ys) if lo <= p < hi]
        above = [y for p, y in zip(ps, ys) if p >= lo]
        share = f"{sum(inb) / len(inb):.2f}" if inb else "-"
        ashare = f"{sum(above) / len(above):.2f}" if above else "-"
        lines.append(f"{f'{lo:.1f}-{min(hi, 1.0):.1f}':<12}{len(inb):>8}{sum(inb):>8}{share:>8}   "
                     f"{len(above):>12}{ashare:>8}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="the bench corpus (reuters21578.jsonl.gz)")
    ap.add_argument("--gold", required=True, help="events-dev.jsonl (never the GSR half)")
    ap.add_argument("--out", default=str(MODEL_FILE))
    ap.add_argument("--baseline", default=str(MODEL_FILE), help="the model to compare with on the held-out events")
    ap.add_argument("--c", type=float, default=0.1, help="inverse regularization strength")
    ap.add_argument("--gold-weight", type=float, default=GOLD_WEIGHT, help="weight of an events-dev example")
    args = ap.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows, story_rows, words = examples(args)
    if args.gold_weight <= 0:
        rows = [r for r in rows if r["source"] != "gold-dev"]     # read, but not learnt from
    story_model, story_p = fit_story_model(story_rows)
    for r in rows:
        if "story:short" not in r["f"]:
            p = story_p.get(r["group"])
            r["f"]["story:political"] = p if p is not None else story_model.story_probability(words[r["group"]])
    # each news event once more as if its sentence came alone (no story features), so that the
    # confidence of a short text is calibrated too
    rows += [dict(r, f=dict({k: v for k, v in r["f"].items() if not k.startswith("story:")}, **{"story:short": 1.0}),
                  w=SHORT_WEIGHT, source=r["source"] + " (alone)")
             for r in rows if r["source"] != "gold-dev" and "story:short" not in r["f"]]
    train = [r for r in rows if r["part"] == "train" and r["w"] > 0]
    held = [r for r in rows if r["part"] == "held-out"]
    counts = defaultdict(lambda: [0, 0])
    for r in rows:
        counts[(r["source"], r["part"])][0] += 1
        counts[(r["source"], r["part"])][1] += r["y"]
    for k, (n, y) in sorted(counts.items()):
        print(f"{k[0]:<10} {k[1]:<9} events {n:>5}  right {y:>5}")

    def fit(part):
        vec = DictVectorizer()
        x = vec.fit_transform([r["f"] for r in part])
        clf = LogisticRegression(C=args.c, max_iter=2000, fit_intercept=False)
        clf.fit(x, [r["y"] for r in part], sample_weight=[r["w"] for r in part])
        return vec, clf

    # grouped cross-validation on the training events
    cv_p = [0.0] * len(train)
    for tr, te in GroupKFold(n_splits=5).split(train, groups=[r["group"] for r in train]):
        vec, clf = fit([train[i] for i in tr])
        probs = clf.predict_proba(vec.transform([train[i]["f"] for i in te]))[:, 1]
        for i, p in zip(te, probs):
            cv_p[i] = float(p)
    vec, clf = fit(train)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) > 1e-6}
    story_weights, story_bias = story_model.story_weights, story_model.story_bias
    model = ConfidenceModel(weights, story_weights=story_weights, story_bias=story_bias)
    held_p = [model.probability(r["f"]) for r in held]

    for title, part, ps in (("cross-validated, training events", train, cv_p),
                            ("held out: judged stories 3,001-6,000 and test articles", held, held_p)):
        for source in sorted({r["source"] for r in part}):
            sel = [(p, r["y"]) for p, r in zip(ps, part) if r["source"] == source]
            print(f"\n{title}: {source}")
            print("\n".join(calibration([p for p, _ in sel], [y for _, y in sel])))
    # how well each model ranks the held-out events (the model in use reads them with its own
    # story model): area under the ROC curve
    from sklearn.metrics import roc_auc_score
    base = ConfidenceModel.load(args.baseline) if Path(args.baseline).exists() else None
    for source in sorted({r["source"] for r in held}):
        sel = [r for r in held if r["source"] == source]
        if len({r["y"] for r in sel}) < 2:
            continue
        line = f"held out, {source}: AUC {roc_auc_score([r['y'] for r in sel], [model.probability(r['f']) for r in sel]):.3f}"
        if base is not None:
            bp = [base.probability(dict(r["f"], **({"story:political": base.story_probability(words[r["group"]])}
                                                  if "story:political" in r["f"] else {}))) for r in sel]
            line += f" (model in use {roc_auc_score([r['y'] for r in sel], bp):.3f})"
        print(line)
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]
    print("\nlargest weights:", ", ".join(f"{k} {v:+.2f}" for k, v in top))
    meta = {"trained_on": {f"{k[0]}:{k[1]}": v[0] for k, v in counts.items()}, "c": args.c,
            "script": "scripts/train_confidence.py"}
    data = {"meta": meta, "weights": dict(sorted(weights.items())), "story_bias": round(story_bias, 5),
            "story_weights": {w: round(v, 5) for w, v in sorted(story_weights.items())}}
    Path(args.out).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out} ({len(weights)} event weights, {len(story_weights)} story words)")


if __name__ == "__main__":
    main()
