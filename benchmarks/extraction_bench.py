"""Measure what the HTML reader gets out of real saved pages, and how fast.

Three measurements, all through the project's real code (archive.readers.parse and
webapp.service.ingest_and_index), on third-party corpora read from ../shared/corpora (or
$ARCHIVE_CORPORA); the benchmark skips with a message when they are absent:

1. html_extraction_scrapinghub/ (181 pages, gold article text): precision, recall and
   F1 of our body text, computed the way that benchmark's evaluate.py does (4-token
   shingles of \\w+ tokens; per-page TP/FP/FN normalised by their sum so long pages do
   not weigh more; precision and recall averaged over pages; F1 from the two averages),
   side by side with trafilatura run raw in the same process, exactly as that
   benchmark's runner calls it (extract(html, include_comments=False)).
2. html_extraction_trafilatura/ (86 WordPress pages): the share of "must contain"
   snippets found in our text and of "must not contain" boilerplate absent, plus titles,
   dates and authors against the annotations where they have them.
3. Throughput: every page of both corpora ingested end to end (read, parse, blob write
   with fsync, SQLite transaction, enrichment, then the index update) into a fresh
   temporary home, as `archive ingest` does, with one process reading and with two
   (`--workers 2`); the median of three runs each, with the load average around each.

    .venv/bin/python benchmarks/extraction_bench.py [--json benchmarks/extraction-results.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

import index  # noqa: E402
from archive.errors import Rejected  # noqa: E402
from archive.home import Home  # noqa: E402
from archive.readers import parse  # noqa: E402
from archive.store import Store  # noqa: E402
from webapp.service import ingest_and_index  # noqa: E402

_TOKEN = re.compile(r"\w+")


def corpora_root() -> Path:
    """$ARCHIVE_CORPORA, else ../shared/corpora beside the repository."""
    return Path(os.environ.get("ARCHIVE_CORPORA") or REPO.parent / "shared" / "corpora")


# --- scoring, as the scrapinghub article-extraction-benchmark defines it ---------------


def shingles(text: str, n: int = 4) -> Counter:
    """Counts of n-token shingles; a text shorter than n tokens is one short shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """TP, FP, FN over shingles for one page, normalised to sum to 1."""
    truth, guess = shingles(gold), shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall_f1(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision and recall over pages, F1 from the two means."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [precision(*c) for c in pages if c[0] + c[1] > 0]
    rs = [recall(*c) for c in pages if c[0] + c[2] > 0]
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# --- 1. scrapinghub: body text ----------------------------------------------------------


def read_ours(name: str, raw: bytes) -> tuple[str, object | None, str]:
    """Body text and parsed record through the archive's reader, or the rejection."""
    try:
        _, parsed = parse(name, raw)
    except Rejected as exc:
        return "", None, str(exc)
    return "\n\n".join(parsed.paragraphs), parsed, ""


def bench_scrapinghub(root: Path) -> dict:
    folder = root / "html_extraction_scrapinghub"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ours, raw_lib, rejected, pages = [], [], {}, {}
    for key in sorted(gold):
        path = folder / "html" / f"{key}.html.gz"
        raw = path.read_bytes()
        body, _, reason = read_ours(path.name, raw)
        if reason:
            rejected[key] = reason
        baseline = trafilatura.extract(gzip.decompress(raw).decode("utf-8"), include_comments=False) or ""
        ours.append(page_counts(gold[key]["articleBody"], body))
        raw_lib.append(page_counts(gold[key]["articleBody"], baseline))
        pages[key] = {"ours": ours[-1], "trafilatura_raw": raw_lib[-1]}
    return {
        "pages": len(gold),
        "ours": precision_recall_f1(ours),
        "trafilatura_raw": precision_recall_f1(raw_lib),
        "rejected": rejected,
        "per_page_tp_fp_fn": pages,
    }


# --- 2. trafilatura's WordPress pages: snippets and metadata ----------------------------


def words(text: str) -> list[str]:
    """Words for comparing titles and names, ignoring case, accents' forms and punctuation."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold())


def snippet_shares(annotations: dict, texts: dict[str, str]) -> dict:
    """Shares of "must contain" snippets found and "must not contain" ones absent."""
    found = missing = absent = leaked = 0
    misses: dict[str, dict[str, int]] = {}  # by file name; no third-party text is written out
    for url, note in annotations.items():
        flat = " ".join(texts[url].split())
        for snippet in note["with"]:
            if " ".join(snippet.split()) in flat:
                found += 1
            else:
                missing += 1
                page = misses.setdefault(note["file"], {"missing": 0, "leaked": 0})
                page["missing"] += 1
        for snippet in note["without"]:
            if " ".join(snippet.split()) in flat:
                leaked += 1
                page = misses.setdefault(note["file"], {"missing": 0, "leaked": 0})
                page["leaked"] += 1
            else:
                absent += 1
    return {
        "must_contain_found": found / (found + missing),
        "must_not_contain_absent": absent / (absent + leaked),
        "snippet_counts": {"found": found, "missing": missing, "absent": absent, "leaked": leaked},
        "pages_with_misses": misses,
    }


def field_accuracy(annotations: dict, got: dict[str, dict]) -> dict:
    """Titles, dates and authors right, counted over the pages annotated with each."""
    right = {"title": 0, "date": 0, "author": 0}
    annotated = {"title": 0, "date": 0, "author": 0}
    wrong: dict[str, list[str]] = {}
    for url, note in annotations.items():
        for field in right:
            if not note.get(field):
                continue
            annotated[field] += 1
            mine = got[url][field]
            if field == "title":
                ok = words(mine) == words(note["title"])
            elif field == "date":
                ok = mine == note["date"]
            else:
                gold_names = sorted(words(n) for n in re.split(r";|,| and ", note["author"]) if n.strip())
                ok = sorted(words(n) for n in mine) == gold_names
            if ok:
                right[field] += 1
            else:
                wrong.setdefault(field, []).append(note["file"])
    return {
        **{f"{field}s_right": right[field] / annotated[field] for field in right},
        "field_counts": {field: {"right": right[field], "annotated": annotated[field]} for field in right},
        "wrong_on_pages": wrong,
    }


def bench_wordpress(root: Path) -> dict:
    folder = root / "html_extraction_trafilatura"
    annotations = json.loads((folder / "evaldata-subset.json").read_text(encoding="utf-8"))
    ours_text, ours_fields, raw_text, raw_fields, rejected = {}, {}, {}, {}, {}
    for url, note in sorted(annotations.items()):
        raw = (folder / "html" / note["file"]).read_bytes()
        body, parsed, reason = read_ours(note["file"], raw)
        if reason:
            rejected[note["file"]] = reason
        # The article text as stored: standfirst and paragraphs (the title is a field of its own).
        ours_text[url] = "\n".join([parsed.standfirst, body]) if parsed else ""
        embedded = parsed.embedded if parsed else None
        ours_fields[url] = {
            "title": parsed.title if parsed else "",
            "date": embedded.date if embedded else "",
            "author": list(parsed.authors) if parsed else [],
        }
        html = raw.decode("utf-8", errors="replace")
        raw_text[url] = trafilatura.extract(html, include_comments=False) or ""
        doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
        raw_fields[url] = {
            "title": (doc.title if doc else "") or "",
            "date": (doc.date if doc else "") or "",
            "author": [a for a in ((doc.author if doc else "") or "").split("; ") if a],
        }
    return {
        "pages": len(annotations),
        "rejected": rejected,
        "ours": {**snippet_shares(annotations, ours_text), **field_accuracy(annotations, ours_fields)},
        "trafilatura_raw": {
            **snippet_shares(annotations, raw_text),
            **field_accuracy(annotations, raw_fields),
        },
    }


# --- 3. throughput ----------------------------------------------------------------------


def bench_throughput(root: Path, runs: int = 3, workers: tuple[int, ...] = (1, 2)) -> dict:
    """Every page of both corpora into a fresh temporary home, end to end, `runs` times per
    worker count: read, parse, store and enrich (webapp.service.ingest_and_index, as
    `archive ingest` runs it), then the index brought up to date; each stage timed."""
    folders = [root / "html_extraction_scrapinghub" / "html", root / "html_extraction_trafilatura" / "html"]
    files = sum(1 for f in folders for p in f.iterdir() if p.is_file())
    results = {}
    for count in workers:
        timings, report = [], None
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                home = Home(Path(tmp))
                load_before = os.getloadavg()[0]
                start, cpu_start = time.perf_counter(), _cpu()
                report = ingest_and_index(home, folders, update_index=False, workers=count).report
                stored, cpu_stored = time.perf_counter(), _cpu()
                with Store.open(home.database) as store:
                    index.update(store, home.index)
                done, cpu_done = time.perf_counter(), _cpu()
                timings.append(
                    {
                        "ingest_and_enrich_s": round(stored - start, 2),
                        "index_s": round(done - stored, 2),
                        "total_s": round(done - start, 2),
                        # CPU of this (the writing) process alone; with one process reading,
                        # all the work: it does not depend on what else the machine runs.
                        "main_cpu_ingest_and_enrich_s": round(cpu_stored - cpu_start, 2),
                        "main_cpu_index_s": round(cpu_done - cpu_stored, 2),
                        "load_average_before": load_before,
                        "load_average_after": os.getloadavg()[0],
                    }
                )
        median = sorted(timings, key=lambda t: t["total_s"])[len(timings) // 2]
        results[f"workers_{count}"] = {
            "processes_reading": report.processes,
            "runs": timings,
            "median": median,
            "pages_per_second": files / median["total_s"],
            "ingest_pages_per_second": files / median["ingest_and_enrich_s"],
        }
    return {
        "files": files,
        **results,
        "counts": report.counts,
        "rejected": {o.path.rsplit("/", 1)[-1]: o.reason for o in report.outcomes if o.status == "rejected"},
    }


def _cpu() -> float:
    """CPU seconds (user + system) this process has used."""
    times = os.times()
    return times.user + times.system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the raw numbers here")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs per worker count")
    parser.add_argument("--only-throughput", action="store_true", help="skip the quality measurements")
    args = parser.parse_args()
    root = corpora_root()
    needed = [root / "html_extraction_scrapinghub", root / "html_extraction_trafilatura"]
    if not all(p.is_dir() for p in needed):
        print(f"Skipped: the extraction corpora are not in {root} (set ARCHIVE_CORPORA to their folder).")
        return 0
    results = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "versions": {p: metadata.version(p) for p in ("trafilatura", "beautifulsoup4", "lxml", "htmldate")},
    }
    if not args.only_throughput:
        results["scrapinghub"] = bench_scrapinghub(root)
        results["trafilatura_wordpress"] = bench_wordpress(root)
    results["throughput"] = bench_throughput(root, runs=args.runs)
    if args.only_throughput:
        print(json.dumps(results["throughput"], indent=1))
        return 0
    sh, wp, tp = results["scrapinghub"], results["trafilatura_wordpress"], results["throughput"]
    for name in ("ours", "trafilatura_raw"):
        m = sh[name]
        print(f"scrapinghub {name:<16} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    print(
        f"scrapinghub rejected pages: {len(sh['rejected'])}; wordpress rejected pages: {len(wp['rejected'])}"
    )
    for name in ("ours", "trafilatura_raw"):
        m, c = wp[name], wp[name]["field_counts"]
        print(
            f"wordpress   {name:<16} must-contain found {m['must_contain_found']:.1%}, "
            f"must-not-contain absent {m['must_not_contain_absent']:.1%}, "
            f"titles {c['title']['right']}/{c['title']['annotated']}, "
            f"dates {c['date']['right']}/{c['date']['annotated']}, "
            f"authors {c['author']['right']}/{c['author']['annotated']}"
        )
    for name, run in tp.items():
        if name.startswith("workers_"):
            m = run["median"]
            print(
                f"throughput  {tp['files']} pages, {run['processes_reading']} process(es) reading: "
                f"{run['pages_per_second']:.1f} pages/s end to end (ingest+enrich {m['ingest_and_enrich_s']} s, "
                f"index {m['index_s']} s; load average {m['load_average_before']:.1f}) {tp['counts']}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
