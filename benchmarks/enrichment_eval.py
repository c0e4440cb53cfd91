"""Quotes, speakers and entities against the hand-annotated gold set, and enrichment speed.

    python benchmarks/enrichment_eval.py [--json benchmarks/enrichment-results.json]

The gold set (benchmarks/gold/enrichment/*.yaml, format in benchmarks/ENRICHMENT.md)
names each quote by short fragments of its first and last words, never by copying the
article; the articles are read from ../shared/corpora (or $ARCHIVE_CORPORA) with the
archive's own readers, exactly as ingest reads them, and the fragments located in the
normalized text to give the gold spans. Texts we wrote ourselves live in
benchmarks/gold/texts/.

Reported, as the published figures are (Gender Gap Tracker: overlap ≥ 0.3 and ≥ 0.8;
Citron on PARC 3.0: exact spans): quote precision, recall and F1 at span overlap
(intersection over union of character spans, one-to-one) ≥ 0.3, ≥ 0.8 and exact;
speaker accuracy over the quotes matched at ≥ 0.3, overall and by how the gold speaker
is given (explicit, pronoun, group); the share of found quotes left unresolved;
person, place and organisation precision, recall and F1 by name with aliases; and
articles per second, scaled to 600-word articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive import readers  # noqa: E402
from archive.enrich.gazetteer import Gazetteer  # noqa: E402
from archive.enrich.pipeline import enrich  # noqa: E402
from archive.ingest import build_record  # noqa: E402
from archive.readers.contract import ReadOptions, is_container  # noqa: E402
from archive.readers.tabular import load_mapping  # noqa: E402
from archive.records import ArticleRecord  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "enrichment"
OWN_TEXTS = ROOT / "benchmarks" / "gold" / "texts"
THRESHOLDS = (("overlap>=0.3", 0.3), ("overlap>=0.8", 0.8), ("exact", 1.0))


def corpora_root() -> Path | None:
    given = os.environ.get("ARCHIVE_CORPORA")
    root = Path(given) if given else ROOT.parent / "shared" / "corpora"
    return root if root.is_dir() else None


# -- the gold set ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speakers: tuple[str, ...]
    how: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class GoldArticle:
    name: str
    record: ArticleRecord
    quotes: tuple[GoldQuote, ...]
    entities: dict[str, list[tuple[str, ...]]]  # type -> [(name, *aliases)]
    aliases: dict[str, tuple[str, ...]]  # person name (casefolded) -> all its forms
    problems: tuple[str, ...]
    window: tuple[int, int] | None = None  # only this stretch of a long text is annotated


def read_article(source: str, path: str, record_id: str, corpora: Path | None) -> ArticleRecord | None:
    if source == "own":
        file = OWN_TEXTS / Path(path).name
    elif source == "seed":
        file = ROOT / "seeds" / Path(path).name if path else next((ROOT / "seeds").glob("*.txt"))
    else:
        if corpora is None:
            return None
        file = corpora / path
    raw = file.read_bytes()
    reader = readers.choose_reader(file.name, raw)
    if is_container(reader):
        mapping = load_mapping((ROOT / "docs" / "mappings" / "amnesty-cases.mapping.yaml").read_bytes())
        for item in reader.read_items(raw, ReadOptions(mapping=mapping)):
            if item.parsed is not None and f"<{record_id}>".casefold() in item.locator.casefold():
                return build_record(item.parsed, item.given, None)
        raise LookupError(f"{path}: no record {record_id!r}")
    parsed = reader.read(raw)
    return build_record(parsed, parsed.embedded, None)


def load_gold(corpora: Path | None) -> tuple[list[GoldArticle], list[str]]:
    articles, skipped = [], []
    for file in sorted(GOLD.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        record = read_article(
            data.get("source", "corpora"), data.get("path", ""), data.get("record") or "", corpora
        )
        if record is None:
            skipped.append(file.name)
            continue
        body = record.body
        quotes, problems, cursor = [], [], 0
        for n, q in enumerate(data.get("quotes") or [], start=1):
            first, last = str(q["first"]), str(q["last"])
            start = body.find(first, cursor)
            if start < 0:
                start = body.find(first)
            end = body.find(last, start) if start >= 0 else -1
            if start < 0 or end < 0:
                problems.append(
                    f"{file.name}: quote {n}: fragment not found ({first[:30]!r} … {last[:30]!r})"
                )
                continue
            quotes.append(
                GoldQuote(
                    start,
                    end + len(last),
                    tuple(q.get("speakers") or ()),
                    q.get("how") or "none",
                    tuple(q.get("kind") or ()),
                )
            )
            cursor = start + 1
        entities: dict[str, list[tuple[str, ...]]] = {}
        aliases: dict[str, tuple[str, ...]] = {}
        for key, kind in (("people", "person"), ("places", "place"), ("orgs", "org")):
            for e in data.get(key) or []:
                forms = (str(e["name"]), *(str(a) for a in e.get("aliases") or ()))
                entities.setdefault(kind, []).append(forms)
                if kind == "person":
                    for form in forms:
                        aliases[form.casefold()] = forms
        window = None
        if data.get("paragraphs"):
            first_p, last_p = data["paragraphs"]
            starts = [0]
            for para in record.paragraphs:
                starts.append(starts[-1] + len(para) + 2)
            window = (starts[first_p - 1], starts[last_p] - 2)
        articles.append(
            GoldArticle(file.stem, record, tuple(quotes), entities, aliases, tuple(problems), window)
        )
    return articles, skipped


# -- scoring (pure) ------------------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two character spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def match_spans(
    gold: list[tuple[int, int]], found: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, found index), best overlaps first, at or above threshold.

    At threshold 1.0 only identical spans pair."""
    candidates = []
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            score = 1.0 if g == f else overlap(g, f)
            if score >= threshold and (threshold < 1.0 or g == f):
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_f, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_f:
            used_g.add(i)
            used_f.add(j)
            pairs.append((i, j))
    return pairs


def same_person(gold: str, found: str, forms: tuple[str, ...] = ()) -> bool:
    """A found name is the gold one when equal, an alias of it, or the same surname with the
    same initial ("Tony Blair" for "Blair" given "Mr Blair")."""
    g, f = gold.casefold().strip(), found.casefold().strip()
    if g == f or f in {x.casefold() for x in forms}:
        return True
    gw, fw = g.split(), f.split()
    return bool(gw and fw) and gw[-1] == fw[-1] and (len(gw) == 1 or len(fw) == 1 or gw[0][0] == fw[0][0])


def speakers_right(gold: tuple[str, ...], found: tuple[str, ...], aliases: dict) -> bool:
    if not gold:
        return not found
    if len(gold) != len(found):
        return False
    return all(any(same_person(g, f, aliases.get(g.casefold(), ())) for f in found) for g in gold)


def prf(tp: int, found: int, gold: int) -> dict:
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "found": found,
        "gold": gold,
    }


def entity_matches(gold: list[tuple[str, ...]], found: list[tuple[str, ...]]) -> int:
    """How many found entities pair one-to-one with gold ones by any shared form."""
    used, tp = set(), 0
    for forms in found:
        mine = {x.casefold() for x in forms}
        for i, gforms in enumerate(gold):
            if i not in used and mine & {x.casefold() for x in gforms}:
                used.add(i)
                tp += 1
                break
    return tp


# -- the run -------------------------------------------------------------------------------------------


def evaluate(articles: list[GoldArticle], gazetteer: Gazetteer) -> dict:
    counts = {name: Counter() for name, _ in THRESHOLDS}
    speaker = Counter()
    by_how = defaultdict(Counter)
    by_kind = defaultdict(Counter)
    unresolved = found_total = 0
    entities = {kind: Counter() for kind in ("person", "place", "org")}
    errors = []
    for article in articles:
        result = enrich(article.record, gazetteer)
        if article.window is not None:
            low, high = article.window
            inside = [q for q in result.quotes if low <= q.start < high]
            named = [e for e in result.entities if any(low <= a < high for a, _ in e.mentions)]
            result = type(result)(result.stamp, tuple(inside), tuple(named), result.dates)
        found = [(q.start, q.end) for q in result.quotes]
        gold = [(q.start, q.end) for q in article.quotes]
        found_total += len(found)
        unresolved += sum(1 for q in result.quotes if not q.speakers)
        for name, threshold in THRESHOLDS:
            pairs = match_spans(gold, found, threshold)
            counts[name].update(tp=len(pairs), found=len(found), gold=len(gold))
            if threshold == 0.3:
                matched = {i: j for i, j in pairs}
                for i, g in enumerate(article.quotes):
                    for kind in g.kinds:
                        by_kind[kind].update(gold=1, found=int(i in matched))
                    if i not in matched:
                        continue
                    q = result.quotes[matched[i]]
                    right = speakers_right(g.speakers, q.speakers, article.aliases)
                    speaker.update(matched=1, right=int(right))
                    by_how[g.how].update(matched=1, right=int(right))
                    if not right and len(errors) < 400:
                        errors.append(
                            f"{article.name}: {g.how} {list(g.speakers)} got {list(q.speakers)} ({q.how}) «{q.text[:50]}»"
                        )
        for kind in entities:
            mine = [(e.name, *e.aliases) for e in result.entities if e.type == kind]
            theirs = article.entities.get(kind, [])
            entities[kind].update(tp=entity_matches(theirs, mine), found=len(mine), gold=len(theirs))
    return {
        "quotes": {name: prf(c["tp"], c["found"], c["gold"]) for name, c in counts.items()},
        "speaker_accuracy": round(speaker["right"] / speaker["matched"], 4) if speaker["matched"] else None,
        "speaker_by_how": {
            how: {"accuracy": round(c["right"] / c["matched"], 4), "quotes": c["matched"]}
            for how, c in sorted(by_how.items())
        },
        "unresolved_share": round(unresolved / found_total, 4) if found_total else None,
        "recall_by_kind": {
            k: {"recall": round(c["found"] / c["gold"], 4), "gold": c["gold"]}
            for k, c in sorted(by_kind.items())
        },
        "entities": {kind: prf(c["tp"], c["found"], c["gold"]) for kind, c in entities.items()},
        "speaker_errors": errors,
    }


def speed(gazetteer: Gazetteer, corpora: Path | None, limit: int = 300) -> dict | None:
    if corpora is None:
        return None
    files = sorted((corpora / "bbc_news_2225").rglob("*.txt"))[:limit]
    records = []
    for file in files:
        parsed = readers.parse(file.name, file.read_bytes())[1]
        records.append(build_record(parsed, parsed.embedded, None))
    words = sum(len(r.body.split()) for r in records)
    started = time.perf_counter()
    for record in records:
        enrich(record, gazetteer)
    seconds = time.perf_counter() - started
    return {
        "articles": len(records),
        "mean_words": round(words / len(records)),
        "articles_per_s": round(len(records) / seconds, 1),
        "articles_per_s_at_600_words": round(words / 600 / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--errors", action="store_true", help="print each wrong speaker")
    args = parser.parse_args()
    corpora = corpora_root()
    if corpora is None:
        print(
            "corpora not found (set ARCHIVE_CORPORA or put them in ../shared/corpora); only our own texts are scored"
        )
    articles, skipped = load_gold(corpora)
    problems = [p for a in articles for p in a.problems]
    gazetteer = Gazetteer.load()
    result = evaluate(articles, gazetteer)
    result["gold"] = {
        "articles": len(articles),
        "quotes": sum(len(a.quotes) for a in articles),
        "by_annotator_source": dict(Counter(a.name.split("-")[0] for a in articles)),
        "skipped_without_corpora": skipped,
        "fragment_problems": problems,
    }
    result["speed"] = speed(gazetteer, corpora)
    errors = result.pop("speaker_errors")
    print(json.dumps({k: v for k, v in result.items()}, indent=2, ensure_ascii=False))
    if args.errors:
        print("\n".join(errors))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
