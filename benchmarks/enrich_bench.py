"""Entities + dates speed on real news (issue 7 asks >= 100 articles/s of 600 words).

    ARCHIVE_CORPORA=/work/shared/corpora .venv/bin/python benchmarks/enrich_bench.py

Reads the BBC news corpus with the project's own reader, runs find_entities and find_dates
on every article, and prints articles per second, normalised to 600-word articles too.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from archive.enrich.dates import find_dates
from archive.enrich.entities import find_entities
from archive.enrich.gazetteer import Gazetteer
from archive.readers import parse


def corpora() -> Path | None:
    root = os.environ.get("ARCHIVE_CORPORA") or str(
        Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    path = Path(root) / "bbc_news_2225"
    return path if path.is_dir() else None


def main() -> int:
    folder = corpora()
    if folder is None:
        print("bbc_news_2225 not found: set ARCHIVE_CORPORA to the corpora folder")
        return 0
    articles = [parse(p.name, p.read_bytes())[1].paragraphs for p in sorted(folder.rglob("*.txt"))]
    gazetteer = Gazetteer.load()
    words = sum(len(" ".join(a).split()) for a in articles)
    find_entities(articles[0], gazetteer)  # build the gazetteer's index outside the timing
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        for paragraphs in articles:
            find_entities(paragraphs, gazetteer)
            find_dates(paragraphs)
        best = min(best, time.perf_counter() - started)
    rate = len(articles) / best
    per600 = rate * (words / len(articles)) / 600
    print(
        f"{len(articles)} articles, {words / len(articles):.0f} words on average: "
        f"{rate:.0f} articles/s, {per600:.0f} articles/s at 600 words (best of 2 runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
