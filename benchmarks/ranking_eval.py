"""Ranking quality against SQLite FTS5's BM25, on judged collections, in one run.

    python benchmarks/ranking_eval.py [--json benchmarks/ranking-results.json] [--only cranfield]

For each collection (Cranfield, CISI, NPL from ../shared/corpora/ir_eval, or
$ARCHIVE_CORPORA/ir_eval) the documents are stored in a real archive (SQLite) and
indexed by the project's own code; every judged query is typed into the archive's
search the way a person would type it (its words, no operators), and the first ten
results are scored. The same documents and queries go through SQLite FTS5 (porter
stemmer, bm25 with the same title weight) as the baseline, in the same process, so a
noisy machine does not favour one side.

Tuning happens on Cranfield and CISI only; NPL is held out and reported separately,
so a gain that only fits the judgments shows up as a gap there.

Metrics: nDCG@10 (graded gains where the collection has grades) and MAP (binary,
over the first 100 results, for both systems), averaged over queries with at least one relevant
document.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.identity import article_id  # noqa: E402
from archive.records import ArticleRecord, Provenance  # noqa: E402
from archive.store import Store  # noqa: E402
from index import SearchIndex, rebuild  # noqa: E402

TUNED_ON = ("cranfield", "cisi")
HELD_OUT = ("npl",)
DEPTH = 100
VARIANTS = os.environ.get("EVAL_VARIANTS", "1") == "1"


@dataclass(frozen=True)
class Collection:
    name: str
    docs: dict[str, tuple[str, str]]  # doc id -> (title, text)
    queries: dict[str, str]  # query id -> text
    qrels: dict[str, dict[str, int]]  # query id -> doc id -> gain (> 0 relevant)


def corpora_root() -> Path | None:
    given = os.environ.get("ARCHIVE_CORPORA")
    root = Path(given) if given else ROOT.parent / "shared" / "corpora"
    return root if (root / "ir_eval").is_dir() else None


# -- reading the collections (each with its own quirks, see corpora/SOURCES.md) -------------------


def _smart_records(text: str) -> Iterator[tuple[str, dict[str, str]]]:
    """SMART-format records: `.I n` then `.X` sections, one field per letter."""
    for block in re.split(r"^\.I\s+", text, flags=re.M)[1:]:
        number, _, rest = block.partition("\n")
        fields: dict[str, str] = {}
        for part in re.split(r"^\.(?=[A-Z]\s*$)", rest, flags=re.M):
            if part.strip():
                letter, _, value = part.partition("\n")
                fields[letter.strip()] = " ".join(value.split())
        yield number.strip(), fields


def read_cranfield(folder: Path) -> Collection:
    docs = {
        n: (f.get("T", ""), f.get("W", ""))
        for n, f in _smart_records((folder / "cran.all.1400").read_text(encoding="latin-1"))
    }
    # Pitfall 1: query ids in cran.qry run 001..365 with gaps; the qrels number them 1..225 in file order.
    queries = {
        str(i): f.get("W", "")
        for i, (_, f) in enumerate(
            _smart_records((folder / "cran.qry").read_text(encoding="latin-1")), start=1
        )
    }
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "cranqrel").read_text().split("\n"):
        parts = line.split()
        if len(parts) >= 3:
            q, d, code = parts[0], parts[1], int(parts[2])
            # Pitfall 2: 1 is "a complete answer" … 4 "of minimum interest", −1 no relevance.
            gain = {1: 4, 2: 3, 3: 2, 4: 1}.get(code, 0)
            if gain:
                qrels.setdefault(q, {})[d] = gain
    return Collection("cranfield", docs, queries, qrels)


def read_cisi(folder: Path) -> Collection:
    docs = {
        n: (f.get("T", ""), f.get("W", ""))
        for n, f in _smart_records((folder / "CISI.ALL").read_text(encoding="latin-1"))
    }
    queries = {
        n: f.get("W", "") for n, f in _smart_records((folder / "CISI.QRY").read_text(encoding="latin-1"))
    }
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "CISI.REL").read_text().split("\n"):
        parts = line.split()
        if len(parts) >= 2:
            qrels.setdefault(parts[0], {})[parts[1]] = 1
    return Collection("cisi", docs, queries, qrels)


def read_npl(folder: Path) -> Collection:
    text = (folder / "corpus" / "doc-text.trec").read_text(encoding="latin-1")
    docs = {
        m.group(1): ("", " ".join(m.group(2).split()))
        for m in re.finditer(r"<DOCNO>\s*(\S+)\s*</DOCNO>(.*?)</DOC>", text, flags=re.S)
    }
    qtext = (folder / "query-text.trec").read_text(encoding="latin-1")
    queries = {
        m.group(1): " ".join(m.group(2).split()).lower()
        for m in re.finditer(r"<num>\s*(\S+)\s*</num>\s*<title>(.*?)</title>", qtext, flags=re.S)
    }
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "qrels").read_text().split("\n"):
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) > 0:
            qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return Collection("npl", docs, queries, qrels)


READERS = {
    "cranfield": ("cranfield", read_cranfield),
    "cisi": ("cisi", read_cisi),
    "npl": ("vaswani_npl", read_npl),
}


# -- metrics -----------------------------------------------------------------------------------


def ndcg_at(ranked: list[str], gains: dict[str, int], k: int = 10) -> float:
    """nDCG@k with exponential gains (2^g − 1), the usual TREC form."""
    dcg = sum((2 ** gains.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def average_precision(ranked: list[str], gains: dict[str, int]) -> float:
    relevant = {d for d, g in gains.items() if g > 0}
    found, total = 0, 0.0
    for i, d in enumerate(ranked, start=1):
        if d in relevant:
            found += 1
            total += found / i
    return total / len(relevant) if relevant else 0.0


def evaluate(run: Callable[[str], list[str]], collection: Collection) -> dict:
    ndcgs, aps, times = [], [], []
    for qid, text in collection.queries.items():
        gains = collection.qrels.get(qid)
        if not gains:
            continue
        started = time.perf_counter()
        ranked = run(text)
        times.append(time.perf_counter() - started)
        ndcgs.append(ndcg_at(ranked, gains))
        aps.append(average_precision(ranked, gains))
    n = len(ndcgs)
    times.sort()
    return {
        "queries": n,
        "ndcg@10": round(sum(ndcgs) / n, 4),
        "map": round(sum(aps) / n, 4),
        "p50_ms": round(1000 * times[n // 2], 1),
    }


# -- the two systems -----------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """What a person types: the query's words, without anything the query language reads."""
    return re.findall(r"[^\W_]+", text)


def build_archive(collection: Collection, home: Path) -> dict[str, str]:
    """Store every document as an article and index it; return article id -> doc id."""
    ids: dict[str, str] = {}
    with Store.open(home / "archive.db", create=True) as store, store.transaction():
        for doc_id, (title, text) in collection.docs.items():
            key = f"{collection.name}:{doc_id}"
            aid = article_id(key, 12)
            ids[aid] = doc_id
            record = ArticleRecord(
                title=title or f"{collection.name} {doc_id}", paragraphs=(text,) if text else ("",)
            )
            prov = Provenance(
                raw_sha256="0" * 64,
                raw_size=0,
                original_name=doc_id,
                ingested_at="2026-01-01T00:00:00Z",
                parser="eval",
                tool_version="eval",
            )
            store.add_version(aid, key, "d", record, prov)
    with Store.open(home / "archive.db") as store:
        rebuild(store, home / "index")
    return ids


def ours(collection: Collection, home: Path) -> Callable[[str], list[str]]:
    ids = build_archive(collection, home)
    index = SearchIndex(home / "index")

    def run(text: str) -> list[str]:
        query = " ".join(words_of(text))
        result = index.search(query, pagelen=DEPTH, variants=VARIANTS)
        return [ids[h.id] for h in result.hits]

    return run


def fts5(collection: Collection, path: Path) -> Callable[[str], list[str]]:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(doc, title, body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs VALUES (?,?,?)", [(d, t, b) for d, (t, b) in collection.docs.items()])
    db.commit()

    def run(text: str) -> list[str]:
        typed = words_of(text)
        terms = " OR ".join(f'"{w}"' for w in (dict.fromkeys(typed) if os.environ.get("DEDUPE") else typed))
        if not terms:
            return []
        rows = db.execute(
            # Title words count three times, as the archive's default field weights do.
            f"SELECT doc FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 3.0, 1.0) LIMIT {DEPTH}",
            (f"{{title body}} : ({terms})",),
        ).fetchall()
        return [r[0] for r in rows]

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--only", choices=sorted(READERS), action="append")
    args = parser.parse_args()
    root = corpora_root()
    if root is None:
        print("ir_eval corpora not found (set ARCHIVE_CORPORA or put them in ../shared/corpora); skipped")
        return 0
    results = {}
    for name in args.only or list(READERS):
        folder, read = READERS[name]
        collection = read(root / "ir_eval" / folder)
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            started = time.perf_counter()
            ours_run = ours(collection, tmp_path / "archive")
            built = time.perf_counter() - started
            base = evaluate(fts5(collection, tmp_path / "fts.db"), collection)
            mine = evaluate(ours_run, collection)
        ratio = {m: round(mine[m] / base[m], 3) if base[m] else None for m in ("ndcg@10", "map")}
        results[name] = {
            "documents": len(collection.docs),
            "held_out": name in HELD_OUT,
            "ours": mine,
            "fts5_bm25": base,
            "ours_over_fts5": ratio,
            "build_s": round(built, 1),
        }
        print(
            f"{name:10} docs={len(collection.docs):6} q={mine['queries']:4}  "
            f"nDCG@10 ours {mine['ndcg@10']:.4f} fts5 {base['ndcg@10']:.4f} ({ratio['ndcg@10']}×)  "
            f"MAP ours {mine['map']:.4f} fts5 {base['map']:.4f} ({ratio['map']}×)"
            + ("  [held out]" if name in HELD_OUT else "")
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
