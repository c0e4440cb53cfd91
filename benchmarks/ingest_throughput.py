"""Plain-text ingest throughput, end to end: files in, store and index up to date.

Issue 6 asks for at least 600 plain-text articles/s. This times the real path the
`archive ingest` command takes (webapp.service.ingest_and_index) on the first N BBC News
texts, copied into a temporary folder WITHOUT sidecars, so every article goes through
language detection (nobody gives a language): the worst case for it. The two stages are
timed apart (ingest: read, parse, detect, blobs with fsync, one SQLite transaction a file,
enrichment; then the incremental index update), and the line says both and the total.
`--workers N` reads and enriches on N processes, as `archive ingest --workers N` does.

    make bench-ingest                      # or:
    .venv/bin/python benchmarks/ingest_throughput.py --articles 2000 [--repeat 2]

On a shared machine the fsync of every original dominates and varies with the other
jobs' disk traffic; `--workdir /dev/shm` (memory, where fsync costs nothing) measures
the CPU cost alone, which is what a change to parsing or detection moves.

The corpus is read from $ARCHIVE_CORPORA or ../shared/corpora; absent, it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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


def corpus_dir() -> Path:
    root = os.environ.get("ARCHIVE_CORPORA") or str(REPO.parent / "shared" / "corpora")
    return Path(root) / "bbc_news_2225"


def one_run(files: list[Path], work: Path, batch_language: str = "", workers: int = 1) -> dict:
    """Copy the files in, ingest them into a fresh home, then update its index."""
    source = work / "in"
    for n, path in enumerate(files):
        target = source / path.parent.name / f"{n:05}_{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    home = Home(work / "data")
    started = time.perf_counter()
    extra = {"batch": batch_metadata(language=batch_language)} if batch_language else {}
    load = os.getloadavg()[0]
    report = ingest_and_index(home, [source], update_index=False, workers=workers, **extra).report
    ingested = time.perf_counter()
    with Store.open(home.database) as store:
        index.update(store, home.index)
    done = time.perf_counter()
    count = report.counts["new"]
    return {
        "workers": report.processes,
        "load_average_before": load,
        "articles": count,
        "rejected": report.counts["rejected"],
        "ingest_per_s": round(count / (ingested - started)),
        "index_per_s": round(count / (done - ingested)),
        "end_to_end_per_s": round(count / (done - started)),
        "seconds": round(done - started, 2),
    }


def batch_metadata(language: str):
    from archive.batch import batch_metadata as make  # absent before batch flags existed

    return make(language=language)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="runs, each into a fresh home")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where the temporary home goes (e.g. /dev/shm, where fsync is free: the CPU cost alone)",
    )
    parser.add_argument(
        "--batch-language",
        default="",
        metavar="CODE",
        help="give every file this language (as `archive ingest --language`): no detection",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes reading files and enriching (archive ingest --workers)",
    )
    args = parser.parse_args()
    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"skipped: the BBC News corpus is not at {corpus} (set ARCHIVE_CORPORA)")
        return 0
    files = sorted(corpus.rglob("*.txt"))[: args.articles]
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            runs.append(one_run(files, Path(tmp), args.batch_language, args.workers))
    for run in runs:
        print(json.dumps(run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
