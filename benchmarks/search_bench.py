"""Measure ingest, reindex and search (with facets and highlights) on real news text.

Reads the BBC News corpus from ../shared/corpora (skips with a message when absent) and,
to reach the requested size, writes synthetic articles made by recombining its
paragraphs into a temporary folder (never into the repository). Everything goes through
the project's real code paths: ingest_paths, index.rebuild, SearchIndex.search.

    python benchmarks/search_bench.py --articles 10000 [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import index  # noqa: E402
from archive.home import Home  # noqa: E402
from archive.store import Store  # noqa: E402
from webapp.service import ingest_and_index  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "bbc_news_2225"
SOURCES = ["BBC News", "Bitter Winter", "RFA", "Eurasianet", "The Diplomat", "AP", "Reuters", "Haaretz"]
QUERIES = {
    "common word": "said",
    "rare word": "Yukos",
    "two words": "oil prices",
    "phrase": '"chief executive"',
    "prefix": "elect*",
    "field": "title:economy",
    "browse all": "",
}


def write_corpus(target: Path, count: int, seed: int = 7) -> int:
    """Write `count` articles: the real corpus first, then recombinations of its paragraphs."""
    files = sorted(CORPUS.rglob("*.txt"))
    rng = random.Random(seed)
    articles = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        title, _, body = text.partition("\n")
        paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
        articles.append((title.strip(), paragraphs, path.parent.name))
    pool = [p for _, ps, _ in articles for p in ps]
    for n in range(count):
        if n < len(articles):
            title, paragraphs, category = articles[n]
        else:
            title = rng.choice(articles)[0] + f" ({n})"
            paragraphs = rng.sample(pool, rng.randint(6, 14))
            category = rng.choice(articles)[2]
        folder = target / category
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "source": rng.choice(SOURCES),
            "date": f"{rng.randint(2004, 2024)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
            "language": "en",
            "authors": [f"Reporter {rng.randint(1, 300)}"],
            "tags": [category]
            + rng.sample(["Xinjiang", "Kazakhstan", "asylum", "camps", "courts", "economy"], 2),
        }
        (folder / f"{n:06}.txt").write_text(title + "\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        (folder / f"{n:06}.json").write_text(json.dumps(meta), encoding="utf-8")
    return count


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per query")
    parser.add_argument("--json", type=Path, help="write results here too")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_corpus(tmp / "in", args.articles)
        home = Home(tmp / "data")
        results: dict = {"articles": args.articles}
        started = time.perf_counter()
        report = ingest_and_index(home, [tmp / "in"], update_index=False).report
        seconds = time.perf_counter() - started
        with Store.open(home.database) as store:
            results["ingest"] = {
                "seconds": round(seconds, 1),
                "per_second": round(args.articles / seconds),
                "counts": report.counts,
            }
            started = time.perf_counter()
            built = index.rebuild(store, home.index)
            seconds = time.perf_counter() - started
            results["reindex_full"] = {
                "seconds": round(seconds, 1),
                "per_second": round(built.indexed / seconds),
            }
        size = sum(p.stat().st_size for p in home.index.rglob("*") if p.is_file())
        results["index_mb"] = round(size / 2**20, 1)

        searcher = index.SearchIndex(home.index)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        timings = {}
        for label, text in QUERIES.items():
            runs, total = [], 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                result = searcher.search(text, pagelen=20)
                runs.append((time.perf_counter() - started) * 1000)
                total = result.total
            timings[label] = {
                "query": text,
                "matches": total,
                "p50_ms": round(statistics.median(runs), 1),
                "p95_ms": round(percentile(runs, 0.95), 1),
            }
        filtered = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            searcher.search("said", filters={"source": ["Reuters"], "tag": ["Xinjiang"]})
            filtered.append((time.perf_counter() - started) * 1000)
        timings["common word + 2 facet filters"] = {
            "p50_ms": round(statistics.median(filtered), 1),
            "p95_ms": round(percentile(filtered, 0.95), 1),
        }
        results["search"] = timings
        all_runs = [t["p50_ms"] for t in timings.values()]
        results["search_p50_of_p50s_ms"] = round(statistics.median(all_runs), 1)
        results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        results["rss_growth_during_search_mb"] = round(
            (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024, 1
        )

    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
