"""Quotes, speakers and entities against the hand-made gold set (issue 7's measured bar).

    ARCHIVE_CORPORA=/work/shared/corpora .venv/bin/python benchmarks/enrichment_eval.py [--json out]

Why this shape: the gold set stores short fragments, never copies of the articles, so each
article is read again here with the project's own readers (the same paragraphs ingest
stores and enrichment sees) and every quote's span is found from its `first` and `last`
fragments. A fragment that cannot be placed is a gold error, printed and counted, never
dropped in silence: a silently shrinking gold set would flatter the extractor.

Where the texts come from (the `source` of a gold file):
- `corpora`: `path` relative to the corpora folder ($ARCHIVE_CORPORA, else ../shared/corpora
  beside the repository). Files are read with `archive.readers.parse(name, raw)`. A records
  file (`.json`/`.csv`, with `record:` set) is read the way ingest reads it: the records
  reader with `docs/mappings/amnesty-cases.mapping.yaml`, so the body is the record's
  `summary` cell then its `personal_details` cell, a line break in a cell starting a new
  paragraph; the record is the one whose `case_id` equals `record`.
- `seed`: `path` relative to the repository's `seeds/` folder.
- `own`: `path` relative to `benchmarks/gold/texts/` (articles we wrote ourselves).
An optional `paragraphs: [FROM, TO]` (1-based, inclusive) limits a gold file to an excerpt of
a long document: only quotes starting in those paragraphs count, gold or predicted, and only
predicted entities with a mention there.

Scoring (pure functions below, tested in tests/test_enrichment_eval.py):
- quote spans: overlap = |intersection| / |union| of character spans; gold and predicted
  quotes are paired one to one, greedily by highest overlap; P/R/F1 at overlap >= 0.3 and
  >= 0.8, and exact (start and end equal);
- speakers, over the quotes matched at >= 0.3: right when the predicted speakers equal the
  gold speakers as a set, names compared casefolded through the gold people's aliases;
  overall and by the gold `how`; the share of gold-attributed quotes left unresolved;
- people, places, organisations: per article, a predicted entity matches a gold one of the
  same type when its name or any alias equals the gold name or any gold alias (casefolded),
  one to one; P/R/F1 summed over articles;
- per-`kind` recall at >= 0.8; throughput on the gold texts and on the first 300 BBC files.
Exit status: 0 done, 1 gold errors found (scores still printed), 2 the extractors or the
gold set could not be loaded.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "benchmarks" / "gold" / "enrichment"
OWN_TEXTS = REPO / "benchmarks" / "gold" / "texts"
SEEDS = REPO / "seeds"
RECORDS_MAPPING = REPO / "docs" / "mappings" / "amnesty-cases.mapping.yaml"
THRESHOLDS = (0.3, 0.8)
HOWS = ("explicit", "pronoun", "group", "none")
ENTITY_TYPES = (("people", "person"), ("places", "place"), ("orgs", "org"))

# Marks a quotation may open or close with; used only to prefer, among several places a
# fragment occurs, the one that sits at a quotation mark (as `first`/`last` must).
OPENING = "\u201c\u201e\u00ab\"\u2018\u201a'\u300c\u300e"
CLOSING = "\u201d\u201c\u00bb\"\u2019\u2018'\u300d\u300f"


# ---------------------------------------------------------------------------- pure scoring


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two half-open character spans (0.0 when disjoint)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one to one, greedily by highest overlap.

    Greedy on the best pairs first is what the Gender Gap Tracker and PARC figures use; a
    predicted quote covering two gold ones counts for at most one of them.
    """
    candidates = [
        (overlap(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if overlap(g, p) >= threshold and overlap(g, p) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def exact_pairs(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Pairs of identical spans, one to one."""
    where = {span: pi for pi, span in reversed(list(enumerate(predicted)))}
    return [(gi, where[g]) for gi, g in enumerate(gold) if g in where]


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    """Precision, recall and F1; an empty side scores 1.0 only when both are empty."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "gold": n_gold, "pred": n_pred}


def _forms(name: str, aliases: Iterable[str]) -> set[str]:
    return {f.casefold().strip() for f in (name, *aliases) if f and f.strip()}


def entities_match(gold: tuple[str, Sequence[str]], predicted: tuple[str, Sequence[str]]) -> bool:
    """A predicted entity is the gold one when any of its forms equals any gold form (casefolded)."""
    return bool(_forms(*gold) & _forms(*predicted))


def match_entities(
    gold: Sequence[tuple[str, Sequence[str]]], predicted: Sequence[tuple[str, Sequence[str]]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index); an exact name match is taken first."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    matched_g: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in matched_g:
                continue
            for pi, p in enumerate(predicted):
                if pi in used_p:
                    continue
                hit = g[0].casefold() == p[0].casefold() if exact else entities_match(g, p)
                if hit:
                    pairs.append((gi, pi))
                    used_p.add(pi)
                    matched_g.add(gi)
                    break
    return sorted(pairs)


def canonical_speakers(
    speakers: Iterable[str], people: Sequence[tuple[str, Sequence[str]]]
) -> frozenset[str]:
    """Speaker names as the gold people's canonical names (casefolded), through their aliases.

    "Musakhan" and "Kaster Musakhan" are one speaker when the gold lists the alias; a name
    the gold does not know is kept as it is.
    """
    table: dict[str, str] = {}
    for name, aliases in people:
        for form in _forms(name, aliases):
            table.setdefault(form, name.casefold())
    return frozenset(table.get(s.casefold().strip(), s.casefold().strip()) for s in speakers if s.strip())


def speaker_right(
    gold: Sequence[str], predicted: Sequence[str], people: Sequence[tuple[str, Sequence[str]]]
) -> bool:
    return canonical_speakers(gold, people) == canonical_speakers(predicted, people)


@dataclass
class Located:
    """Gold quotes placed in the body: spans in gold order, and the problems met."""

    spans: list[tuple[int, int] | None] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _occurrences(body: str, fragment: str, start: int) -> list[int]:
    found = []
    i = body.find(fragment, start)
    while i != -1:
        found.append(i)
        i = body.find(fragment, i + 1)
    return found


def _opens_at(body: str, i: int) -> bool:
    j = i - 1
    if j >= 0 and body[j] == " ":  # « guillemets » often keep a space inside
        j -= 1
    return j >= 0 and body[j] in OPENING


def _closes_at(body: str, end: int) -> bool:
    j = end
    if j < len(body) and body[j] == " ":
        j += 1
    return j < len(body) and body[j] in CLOSING


def locate(body: str, quotes: Sequence[Mapping[str, str]], start: int = 0) -> Located:
    """Gold spans from the `first`/`last` fragments of quotes listed in text order.

    `first` is looked for from the end of the previous gold quote on (the list is in text
    order), at an opening mark when it occurs there, else anywhere (with a warning);
    `last` from the start of `first` on, ending at or after `first`'s end, at a closing
    mark when it can. A fragment not found is an error; so is a `last` that also closes at
    a mark a second time before the next gold quote begins (the annotator must lengthen
    it), and a `first` that opens at a mark twice inside the quote it starts. `start` is
    where the first quote may begin (an excerpt's first paragraph).
    """
    out = Located()
    cursor = start
    for n, q in enumerate(quotes, 1):
        first, last = str(q.get("first") or ""), str(q.get("last") or "")
        label = f"quote {n} ({first[:40]!r})"
        if not first or not last:
            out.errors.append(f"{label}: `first` and `last` are both required")
            out.spans.append(None)
            continue
        starts = _occurrences(body, first, cursor)
        if not starts:
            where = "anywhere" if first not in body else "after the previous quote (out of order?)"
            out.errors.append(f"{label}: `first` not found {where}")
            out.spans.append(None)
            continue
        marked = [i for i in starts if _opens_at(body, i)]
        if not marked:
            out.warnings.append(f"{label}: `first` does not follow an opening quotation mark")
        s = (marked or starts)[0]
        ends = [i + len(last) for i in _occurrences(body, last, s) if i + len(last) >= s + len(first)]
        if not ends:
            out.errors.append(f"{label}: `last` {last[:40]!r} not found after `first`")
            out.spans.append(None)
            continue
        closing = [e for e in ends if _closes_at(body, e)]
        if not closing:
            out.warnings.append(f"{label}: `last` does not precede a closing quotation mark")
        e = (closing or ends)[0]
        again = [i for i in marked if s < i < e]
        if again:
            out.errors.append(f"{label}: `first` opens at a quotation mark twice inside the quote: ambiguous")
        out.spans.append((s, e))
        cursor = e
    # `last` closing at a mark a second time before the next quote: the span is ambiguous.
    placed = [(i, sp) for i, sp in enumerate(out.spans) if sp is not None]
    for k, (i, (_s, e)) in enumerate(placed):
        limit = placed[k + 1][1][0] if k + 1 < len(placed) else len(body)
        last = str(quotes[i]["last"])
        more = [j + len(last) for j in _occurrences(body, last, e - len(last) + 1) if j + len(last) <= limit]
        if any(_closes_at(body, x) for x in more) and _closes_at(body, e):
            out.errors.append(
                f"quote {i + 1} ({str(quotes[i]['first'])[:40]!r}): `last` {last[:40]!r} closes a quote "
                "again before the next gold quote: ambiguous, lengthen it"
            )
    return out


def paragraph_starts(paragraphs: Sequence[str]) -> list[int]:
    """Offset in the body ("\\n\\n".join(paragraphs)) where each paragraph starts."""
    starts, at = [], 0
    for p in paragraphs:
        starts.append(at)
        at += len(p) + 2
    return starts


def window(paragraphs: Sequence[str], rng: Sequence[int] | None) -> tuple[int, int]:
    """Character range of paragraphs FROM..TO (1-based, inclusive); the whole body without one."""
    starts = paragraph_starts(paragraphs)
    total = starts[-1] + len(paragraphs[-1]) if paragraphs else 0
    if not rng:
        return 0, total
    a, b = int(rng[0]), int(rng[1])
    return starts[a - 1], starts[b - 1] + len(paragraphs[b - 1])


# ---------------------------------------------------------------------------- loading (I/O)


class GoldError(Exception):
    """A gold file that cannot be read at all: its name and the problem, on one line."""


@dataclass
class Article:
    name: str  # gold file stem
    source: str
    paragraphs: tuple[str, ...]
    gold: dict
    spans: list[tuple[int, int] | None]
    scope: tuple[int, int]


def corpora_root() -> Path:
    return Path(os.environ.get("ARCHIVE_CORPORA") or REPO.parent / "shared" / "corpora")


def read_record(path: Path, record_id: str) -> tuple[str, ...]:
    """The record's paragraphs as ingest reads them (records reader + the Amnesty mapping)."""
    from archive.readers import tabular
    from archive.readers.contract import ReadOptions

    mapping = tabular.load_mapping(RECORDS_MAPPING.read_bytes())
    for item in tabular.read_items(path.read_bytes(), ReadOptions(mapping=mapping)):
        if dict(item.details).get("record_id") == record_id:
            if item.parsed is None:
                raise GoldError(f"record {record_id} cannot be read: {item.rejected}")
            return item.parsed.paragraphs
    raise GoldError(f"no record with id {record_id!r} in {path}")


def read_text(gold: Mapping, name: str) -> tuple[str, ...]:
    from archive.readers import parse

    source, rel = gold.get("source"), str(gold.get("path") or "")
    base = {"corpora": corpora_root(), "seed": SEEDS, "own": OWN_TEXTS}.get(str(source))
    if base is None:
        raise GoldError(f"source is {source!r}; expected corpora, seed or own")
    path = base / rel
    if not rel or not path.is_file():
        raise GoldError(f"text not found: {path}")
    if gold.get("record"):
        return read_record(path, str(gold["record"]))
    return parse(path.name, path.read_bytes())[1].paragraphs


def load_gold(folder: Path = GOLD_DIR) -> tuple[list[Article], list[str], list[str], list[str]]:
    """Every gold file with its text and spans; errors, warnings, and files skipped."""
    articles, errors, warnings, skipped = [], [], [], []
    have_corpora = corpora_root().is_dir()
    for file in sorted(folder.glob("*.yaml")):
        try:
            gold = yaml.safe_load(file.read_text(encoding="utf-8"))
            if not isinstance(gold, dict):
                raise GoldError("is not a YAML mapping")
            if gold.get("source") == "corpora" and not have_corpora:
                skipped.append(file.name)
                continue
            paragraphs = read_text(gold, file.stem)
        except (GoldError, yaml.YAMLError, OSError) as exc:
            errors.append(f"{file.name}: {str(exc).splitlines()[0]}")
            continue
        quotes = gold.get("quotes") or []
        body = "\n\n".join(paragraphs)
        scope = window(paragraphs, gold.get("paragraphs"))
        located = locate(body, quotes, scope[0])
        for q, span in zip(quotes, located.spans, strict=True):
            if span is not None and not _inside(span, scope):
                errors.append(
                    f"{file.name}: quote {q.get('first')!r} starts outside paragraphs {gold['paragraphs']}"
                )
        for q in quotes:
            if q.get("how") not in HOWS:
                errors.append(f"{file.name}: quote {q.get('first')!r}: how is {q.get('how')!r}")
        errors += [f"{file.name}: {e}" for e in located.errors]
        warnings += [f"{file.name}: {w}" for w in located.warnings]
        articles.append(Article(file.stem, str(gold["source"]), paragraphs, gold, located.spans, scope))
    return articles, errors, warnings, skipped


# ---------------------------------------------------------------------------- running the extractors


def load_extractors() -> tuple[Callable, Callable, object, Callable]:
    """find_quotes, find_entities, a loaded Gazetteer and alias_map, or exit 2 with why."""
    try:
        from archive.enrich.entities import alias_map, find_entities
        from archive.enrich.gazetteer import Gazetteer
        from archive.enrich.quotes import find_quotes
    except ImportError as exc:
        print(
            f"enrichment_eval: cannot import the extractors ({exc}); archive/enrich/quotes.py and "
            "archive/enrich/entities.py must be in this checkout",
            file=sys.stderr,
        )
        sys.exit(2)
    return find_quotes, find_entities, Gazetteer.load(), alias_map


def run(extractors, paragraphs: Sequence[str]):
    """Entities first, then quotes with the names they give, as the ingest pipeline does."""
    find_quotes, find_entities, gazetteer, alias_map = extractors
    entities = find_entities(paragraphs, gazetteer)
    extra = {}
    accepted = inspect.signature(find_quotes).parameters
    if "mentions" in accepted:
        extra["mentions"] = [(s, e.name) for e in entities if e.type == "person" for s, _ in e.mentions]
    if "not_people" in accepted:
        extra["not_people"] = frozenset(
            f.casefold() for e in entities if e.type != "person" for f in (e.name, *e.aliases)
        )
    quotes = find_quotes(paragraphs, alias_map(entities), **extra)
    return quotes, entities


# ---------------------------------------------------------------------------- scoring the set


def _inside(span: tuple[int, int], scope: tuple[int, int]) -> bool:
    return scope[0] <= span[0] < scope[1]


def evaluate(articles: Sequence[Article], extractors) -> dict:
    counts = {t: Counter() for t in ("0.3", "0.8", "exact")}
    speakers = {"all": Counter(), **{h: Counter() for h in HOWS}}
    unresolved = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    ent = {t: Counter() for _, t in ENTITY_TYPES}
    per_article = []
    misses: list[str] = []
    for art in articles:
        quotes, entities = run(extractors, art.paragraphs)
        gold_q = [
            (q, s)
            for q, s in zip(art.gold.get("quotes") or [], art.spans, strict=True)
            if s is not None and _inside(s, art.scope)
        ]
        pred = [q for q in quotes if _inside((q.start, q.end), art.scope)]
        g_spans = [s for _, s in gold_q]
        p_spans = [(q.start, q.end) for q in pred]
        people = [(p["name"], p.get("aliases") or []) for p in art.gold.get("people") or []]
        row = {"article": art.name, "gold_quotes": len(g_spans), "pred_quotes": len(p_spans)}
        for key, pairs in (
            ("0.3", match_spans(g_spans, p_spans, 0.3)),
            ("0.8", match_spans(g_spans, p_spans, 0.8)),
            ("exact", exact_pairs(g_spans, p_spans)),
        ):
            counts[key].update(tp=len(pairs), gold=len(g_spans), pred=len(p_spans))
            row[f"tp_{key}"] = len(pairs)
            if key == "0.3":
                for gi, pi in pairs:
                    g, p = gold_q[gi][0], pred[pi]
                    right = speaker_right(g.get("speakers") or [], p.speakers, people)
                    if not right:
                        misses.append(
                            f"{art.name}: speaker of {g['first'][:40]!r}: gold {g.get('speakers')} ({g.get('how')}), "
                            f"got {list(p.speakers)} ({p.how})"
                        )
                    for bucket in ("all", g.get("how")):
                        speakers[bucket].update(n=1, right=int(right))
                    if g.get("speakers"):
                        unresolved.update(n=1, unresolved=int(not p.speakers))
            if key == "0.8":
                hit = {gi for gi, _ in pairs}
                hit_p = {pi for _, pi in pairs}
                misses += [
                    f"{art.name}: gold quote not found at 0.8: {g['first'][:50]!r} … {g['last'][-30:]!r}"
                    for gi, (g, _) in enumerate(gold_q)
                    if gi not in hit
                ]
                misses += [
                    f"{art.name}: predicted quote not in gold at 0.8: {p.text[:60]!r}"
                    for pi, p in enumerate(pred)
                    if pi not in hit_p
                ]
                for gi, (g, _) in enumerate(gold_q):
                    for kind in g.get("kind") or []:
                        kinds[kind].update(n=1, found=int(gi in hit))
        for gold_key, etype in ENTITY_TYPES:
            g_ents = [(e["name"], e.get("aliases") or []) for e in art.gold.get(gold_key) or []]
            p_ents = [
                (e.name, e.aliases)
                for e in entities
                if e.type == etype and any(_inside(m, art.scope) for m in e.mentions)
            ]
            pairs = match_entities(g_ents, p_ents)
            ent[etype].update(tp=len(pairs), gold=len(g_ents), pred=len(p_ents))
            row[f"{etype}_f1"] = prf(len(pairs), len(g_ents), len(p_ents))["f1"]
        per_article.append(row)
    return {
        "quotes": {k: prf(c["tp"], c["gold"], c["pred"]) for k, c in counts.items()},
        "speakers": {
            k: {"n": c["n"], "accuracy": round(c["right"] / c["n"], 4) if c["n"] else None}
            for k, c in speakers.items()
        },
        "unresolved_share": round(unresolved["unresolved"] / unresolved["n"], 4) if unresolved["n"] else None,
        "entities": {t: prf(c["tp"], c["gold"], c["pred"]) for t, c in ent.items()},
        "kind_recall_0.8": {
            k: {"n": c["n"], "recall": round(c["found"] / c["n"], 4)} for k, c in sorted(kinds.items())
        },
        "articles": per_article,
        "misses": misses,
    }


def throughput(extractors, texts: Sequence[Sequence[str]]) -> dict:
    """Articles per second for entities + quotes, best of two passes (the index warmed first)."""
    if not texts:
        return {"articles": 0}
    run(extractors, texts[0])
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        for paragraphs in texts:
            run(extractors, paragraphs)
        best = min(best, time.perf_counter() - started)
    words = sum(len(" ".join(t).split()) for t in texts)
    rate = len(texts) / best
    return {
        "articles": len(texts),
        "mean_words": round(words / len(texts)),
        "articles_per_s": round(rate, 1),
        # The bar is for 600-word articles: the same words per second, in such articles.
        "articles_per_s_at_600_words": round(rate * (words / len(texts)) / 600, 1),
    }


def bbc_texts(limit: int = 300) -> list[tuple[str, ...]]:
    from archive.readers import parse

    folder = corpora_root() / "bbc_news_2225"
    files = sorted(folder.rglob("*.txt"))[:limit] if folder.is_dir() else []
    return [parse(p.name, p.read_bytes())[1].paragraphs for p in files]


def gold_counts(articles: Sequence[Article]) -> dict:
    by_source, by_kind, by_how = Counter(), Counter(), Counter()
    quotes = 0
    for a in articles:
        by_source[a.source] += 1
        for q in a.gold.get("quotes") or []:
            quotes += 1
            by_how[q.get("how")] += 1
            by_kind.update(q.get("kind") or [])
    return {
        "articles": len(articles),
        "quotes": quotes,
        "by_source": dict(by_source),
        "by_how": dict(by_how),
        "by_kind": dict(sorted(by_kind.items())),
    }


def report(results: dict) -> str:
    lines = []
    c = results["gold"]
    lines.append(f"gold: {c['articles']} articles, {c['quotes']} quotes; by source {c['by_source']}")
    lines.append(f"  by how {c['by_how']}; by kind {c['by_kind']}")
    for key, label in (("0.3", "overlap >= 0.3"), ("0.8", "overlap >= 0.8"), ("exact", "exact span")):
        q = results["quotes"][key]
        lines.append(
            f"quotes {label:15} P {q['p']:.3f}  R {q['r']:.3f}  F1 {q['f1']:.3f}  ({q['tp']}/{q['gold']} gold, {q['pred']} predicted)"
        )
    for key, s in results["speakers"].items():
        acc = "-" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
        lines.append(f"speaker right, {key:8} {acc}  (n={s['n']})")
    lines.append(f"unresolved share {results['unresolved_share']}")
    for t, e in results["entities"].items():
        lines.append(
            f"{t:6} P {e['p']:.3f}  R {e['r']:.3f}  F1 {e['f1']:.3f}  ({e['tp']}/{e['gold']} gold, {e['pred']} predicted)"
        )
    for k, v in results["kind_recall_0.8"].items():
        lines.append(f"kind {k:16} recall@0.8 {v['recall']:.3f} (n={v['n']})")
    for key, t in results["throughput"].items():
        if t.get("articles"):
            lines.append(
                f"throughput {key}: {t['articles_per_s']} articles/s ({t['articles']} articles, "
                f"{t['mean_words']} words on average; {t['articles_per_s_at_600_words']} articles/s at 600 words)"
            )
        else:
            lines.append(f"throughput {key}: no texts")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="OUT", help="write every figure and the per-article rows as JSON")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput runs")
    parser.add_argument(
        "--details", action="store_true", help="also list every missed quote and wrong speaker"
    )
    args = parser.parse_args(argv)
    if not GOLD_DIR.is_dir():
        print(f"enrichment_eval: no gold folder at {GOLD_DIR}", file=sys.stderr)
        return 2
    articles, errors, warnings, skipped = load_gold()
    if skipped:
        print(
            f"enrichment_eval: {len(skipped)} gold files need the corpora, not found at {corpora_root()} "
            "(set ARCHIVE_CORPORA); they are left out",
            file=sys.stderr,
        )
    for w in warnings:
        print(f"gold warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"gold error: {e}", file=sys.stderr)
    if not articles:
        print("enrichment_eval: no gold article could be read", file=sys.stderr)
        return 2
    extractors = load_extractors()
    results = evaluate(articles, extractors)
    results["gold"] = gold_counts(articles)
    results["gold_errors"] = errors
    results["throughput"] = {}
    if not args.no_speed:
        results["throughput"]["gold texts"] = throughput(extractors, [a.paragraphs for a in articles])
        results["throughput"]["bbc first 300"] = throughput(extractors, bbc_texts())
    print(report(results))
    if args.details:
        print("\n".join(results["misses"]))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
