"""The scale benchmark: the archive against SQLite FTS5 on the same corpus, in one run.

    python benchmarks/scale_bench.py --articles 100000 [--json out.json] [--http-seconds 30]

1. Builds a deterministic corpus of N articles in a temporary folder: the BBC News
   corpus's paragraphs (from ../shared/corpora, or $ARCHIVE_CORPORA) recombined, each
   article with a sentence naming one of 60 people and one of 40 places, 8 sources,
   300 authors, dates over 20 years (a tenth undated), 3 tags from 9. Without the corpus
   it uses a synthetic Zipf vocabulary, and says so.
2. Ingests it and rebuilds the index through the `archive` command (real processes),
   measuring throughput, peak memory (the largest process), index size, disk used during
   the rebuild, and how long one changed article takes to become searchable.
3. Runs a fixed mix of queries (common and rare words, two and three words, phrases,
   fields, facet filters, prefixes, dates, browse-all), each with facets and highlighted
   passages for the first page: p50 / p95 / p99 / max, in-process.
4. Runs the same mix over HTTP against gunicorn with one worker per core and 8
   concurrent keep-alive connections for --http-seconds: requests/s, latencies, errors.
5. Runs the same corpus and queries on SQLite FTS5 (bm25 order, snippet() for the first
   page, GROUP BY facet counts) and prints the ratios, so the comparison holds on a noisy
   machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import index  # noqa: E402
from archive.home import Home  # noqa: E402
from archive.store import Store  # noqa: E402

CORPORA = Path(os.environ.get("ARCHIVE_CORPORA", REPO.parent / "shared" / "corpora"))
BBC = CORPORA / "bbc_news_2225"
ARCHIVE = [str(Path(sys.executable).parent / "archive")]
SOURCES = ["BBC News", "Bitter Winter", "RFA", "Eurasianet", "The Diplomat", "AP", "Reuters", "Azattyq"]
TAGS = ["Xinjiang", "Kazakhstan", "asylum", "camps", "courts", "economy", "business", "politics", "sport"]
PEOPLE = [
    f"{first} {last}"
    for first, last in zip(
        "Sayragul Serikzhan Kaster Abdulla Kaisha Gulbahar Omirbek Zumret Mihrigul Ilham Rahima Erzhan "
        "Murager Bakytzhan Aiman Nurlan Dina Askar Zhanar Yerlan Gulnar Marat Saule Timur Aliya Daniyar "
        "Asel Bolat Aigerim Ruslan Dilnaz Nursultan Madina Arman Kamila Sanzhar Zarina Berik Elmira Ayan "
        "Adil Botagoz Galym Indira Kairat Lyazzat Mukhtar Nazym Olzhas Perizat Rustem Samal Talgat "
        "Ulzhan Yesset Zhansaya Akmaral Baurzhan Dariga Yerzhan".split(),
        "Sauytbay Bilash Musakhan Bakbergen Akan Jalilova Bekali Dawut Tursun Tohti Nur Orazbai Makhmet "
        "Kaliyev Serikova Abenov Ospanova Zhumabek Tulegenova Nurlanov Kassymova Aliyev Ibraeva Sultanov "
        "Bekova Omarov Sarsenova Duisenov Kenzhebek Amanov Ermekova Beisenov Zhakupova Temirov Ainabek "
        "Rakhimov Kulova Myrzakhmet Sadykova Tokayev Baimukhan Zhunusova Karimov Ismailova Nurpeisov "
        "Abdrakhmanova Seitkali Utepova Shaikenov Zhanabayeva Mukanov Yessenova Kudaibergen Altynbek "
        "Serikbay Smagulova Orazova Bekturgan Zhaksylyk".split(),
        strict=False,
    )
]
PLACES = (
    "Almaty Astana Zharkent Khorgos Urumqi Kashgar Ghulja Altay Tacheng Hotan Aksu Korla Turpan Hami "
    "Karamay Bortala Shymkent Taldykorgan Ust-Kamenogorsk Semey Taraz Aktobe Atyrau Oral Kostanay "
    "Pavlodar Karaganda Zaysan Panfilov Tekes Nilka Yining Chapchal Dorbiljin Emin Shihezi Kuytun "
    "Changji Bole Kokterek"
).split()


# -- the corpus -------------------------------------------------------------------------------


def _paragraph_pool(rng: random.Random) -> tuple[list[str], list[str], str]:
    if BBC.is_dir():
        titles, pool = [], []
        for path in sorted(BBC.rglob("*.txt")):
            text = path.read_bytes().decode("utf-8", errors="replace")
            title, _, body = text.partition("\n")
            titles.append(title.strip())
            pool.extend(p.strip() for p in body.split("\n") if len(p.strip()) > 40)
        return titles, pool, f"BBC News paragraphs ({len(pool)}) recombined"
    words = [f"w{n}" for n in range(20000)]
    weights = [1 / (n + 1) for n in range(len(words))]

    def sentence() -> str:
        return " ".join(rng.choices(words, weights, k=rng.randint(8, 25))).capitalize() + "."

    pool = [" ".join(sentence() for _ in range(3)) for _ in range(20000)]
    titles = [sentence()[:60] for _ in range(2000)]
    return titles, pool, "synthetic Zipf vocabulary (the BBC corpus was not found)"


def write_corpus(target: Path, count: int, seed: int = 7) -> str:
    """Write `count` articles with sidecars; deterministic for a seed. Returns a description."""
    rng = random.Random(seed)
    titles, pool, described = _paragraph_pool(rng)
    for n in range(count):
        person, place = rng.choice(PEOPLE), rng.choice(PLACES)
        paragraphs = rng.sample(pool, rng.randint(5, 12))
        paragraphs.insert(
            rng.randint(0, len(paragraphs)),
            f"“We were told nothing,” {person} said of the months in {place}.",
        )
        meta = {
            "source": rng.choice(SOURCES),
            "language": "en",
            "authors": [f"Reporter {rng.randint(1, 300)}"],
            "tags": rng.sample(TAGS, 3),
        }
        if rng.random() > 0.1:
            meta["date"] = f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        folder = target / f"{n // 5000:03}"
        folder.mkdir(parents=True, exist_ok=True)
        title = f"{rng.choice(titles)} — {place}"
        (folder / f"{n:06}.txt").write_text(title + "\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        (folder / f"{n:06}.json").write_text(json.dumps(meta), encoding="utf-8")
    return described


# -- the query mix ----------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z]{3,}")


def query_mix(home: Home, seed: int = 11) -> list[tuple[str, str, dict]]:
    """A fixed mix of (category, query, filters), drawn from the archive's own text."""
    rng = random.Random(seed)
    counts: Counter = Counter()
    bigrams: Counter = Counter()
    with Store.open(home.database, readonly=True) as store:
        for n, article in enumerate(store.iter_current()):
            if n >= 3000:
                break
            words = WORD.findall(article.record.body)
            counts.update(w.lower() for w in words)
            bigrams.update(f"{a} {b}".lower() for a, b in zip(words, words[1:], strict=False))
    ranked = [w for w, _ in counts.most_common()]
    common, middle = ranked[:60], ranked[300:3000]
    rare = sorted(w for w, c in counts.items() if 2 <= c <= 4)
    if len(rare) < 40:  # a repetitive corpus: the least common words seen at least twice
        seen_twice = sorted((c, w) for w, c in counts.items() if c >= 2)
        rare = [w for _, w in seen_twice[:200]]
    phrases = [b for b, c in bigrams.most_common(400) if not {"the", "a", "of"} & set(b.split())]
    mix: list[tuple[str, str, dict]] = []
    mix += [("common word", w, {}) for w in rng.sample(common, 30)]
    mix += [("rare word", w, {}) for w in rng.sample(rare, 40)]
    mix += [("two words", " ".join(rng.sample(middle, 2)), {}) for _ in range(30)]
    mix += [("three words", " ".join(rng.sample(middle, 3)), {}) for _ in range(15)]
    mix += [("phrase", f'"{p}"', {}) for p in rng.sample(phrases[:200], 20)]
    mix += [("person", f'"{p}"', {}) for p in rng.sample(PEOPLE, 10)]
    mix += [("field", f"title:{w}", {}) for w in rng.sample(middle, 10)]
    mix += [("field", f'source:"{s}" {rng.choice(middle)}', {}) for s in rng.sample(SOURCES, 5)]
    mix += [
        ("facet filter", rng.choice(common), {"source": [rng.choice(SOURCES)], "tag": [rng.choice(TAGS)]})
        for _ in range(15)
    ]
    mix += [("prefix", f"{w[:4]}*", {}) for w in rng.sample([w for w in middle if len(w) > 5], 15)]
    mix += [("date", f"{rng.choice(middle)} date:{rng.randint(2005, 2024)}", {}) for _ in range(5)]
    mix += [("date", f"date:{rng.randint(2005, 2024)}-{rng.randint(1, 12):02}", {}) for _ in range(5)]
    mix += [("browse all", "", {}) for _ in range(5)]
    mix += [("browse filtered", "", {"source": [rng.choice(SOURCES)]}) for _ in range(5)]
    return mix


def percentiles(values: list[float]) -> dict:
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)

    return {"p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 1), "n": len(values)}


def time_mix(run, mix, repeat: int) -> dict:
    """Run every query `repeat` times after one warm-up; percentiles overall and per category."""
    for _, text, filters in mix:
        run(text, filters)
    per: dict[str, list[float]] = {}
    every: list[float] = []
    for _ in range(repeat):
        for category, text, filters in mix:
            started = time.perf_counter()
            run(text, filters)
            ms = (time.perf_counter() - started) * 1000
            per.setdefault(category, []).append(ms)
            every.append(ms)
    return {"all": percentiles(every), **{k: percentiles(v) for k, v in per.items()}}


# -- SQLite FTS5, doing the same work ----------------------------------------------------------


def build_fts(home: Home, path: Path) -> float:
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, source_text, tokenize='porter unicode61');"
        "CREATE TABLE meta (rowid INTEGER PRIMARY KEY, source TEXT, year TEXT, language TEXT, date TEXT);"
        "CREATE TABLE authors (rowid INTEGER, value TEXT); CREATE TABLE tags (rowid INTEGER, value TEXT);"
    )
    with Store.open(home.database, readonly=True) as store:
        for n, article in enumerate(store.iter_current(), start=1):
            r = article.record
            db.execute(
                "INSERT INTO docs (rowid, title, body, source_text) VALUES (?,?,?,?)",
                (n, r.title, r.body, r.source),
            )
            db.execute("INSERT INTO meta VALUES (?,?,?,?,?)", (n, r.source, r.year, r.language, r.date))
            db.executemany("INSERT INTO authors VALUES (?,?)", [(n, a) for a in r.authors])
            db.executemany("INSERT INTO tags VALUES (?,?)", [(n, t) for t in r.tags])
    db.executescript(
        "CREATE INDEX meta_date ON meta(date); CREATE INDEX a_row ON authors(rowid); CREATE INDEX t_row ON tags(rowid);"
    )
    db.commit()
    db.close()
    return time.perf_counter() - started


def fts_runner(path: Path):
    db = sqlite3.connect(path, check_same_thread=False)

    def to_match(text: str) -> str | None:
        parts = []
        for token in re.findall(r'title:\w+|source:"[^"]+"|"[^"]+"|date:\S+|\S+', text):
            if token.startswith("title:"):
                parts.append(f"title:{token[6:]}")
            elif token.startswith("source:"):
                parts.append(f"source_text:{token[7:]}")
            elif token.startswith("date:"):
                continue
            elif token.startswith('"'):
                parts.append(token)
            else:
                parts.append(token.replace("*", "") + ("*" if token.endswith("*") else ""))
        return " AND ".join(parts) or None

    def run(text: str, filters: dict) -> int:
        match = to_match(text)
        where, args = [], []
        if match:
            where.append("docs MATCH ?")
            args.append(match)
        date = re.search(r"date:(\S+)", text)
        if date:
            where.append("m.date LIKE ?")
            args.append(date.group(1) + "%")
        for name, values in filters.items():
            if name == "source":
                where.append(f"m.source IN ({','.join('?' * len(values))})")
                args += values
            elif name == "tag":
                where.append(
                    f"d.rowid IN (SELECT rowid FROM tags WHERE value IN ({','.join('?' * len(values))}))"
                )
                args += values
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM docs d JOIN meta m ON m.rowid = d.rowid {clause}"
        order = "ORDER BY bm25(docs)" if match else "ORDER BY m.date DESC"
        snippet = "snippet(docs, 1, '<mark>', '</mark>', '…', 24)" if match else "substr(d.body, 1, 200)"
        db.execute(f"SELECT d.rowid, d.title, {snippet} {base} {order} LIMIT 20", args).fetchall()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS hits (rowid INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM hits")
        db.execute(f"INSERT INTO hits SELECT d.rowid {base}", args)
        for column in ("source", "year", "language"):
            db.execute(
                f"SELECT m.{column}, COUNT(*) FROM hits h JOIN meta m USING (rowid) GROUP BY 1"
            ).fetchall()
        for table in ("authors", "tags"):
            db.execute(f"SELECT value, COUNT(*) FROM hits h JOIN {table} USING (rowid) GROUP BY 1").fetchall()
        return db.execute("SELECT COUNT(*) FROM hits").fetchone()[0]

    return run


# -- HTTP -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_load(home: Home, mix, seconds: float, connections: int = 8) -> dict:
    port = free_port()
    workers = os.cpu_count() or 2
    env = {**os.environ, "ARCHIVE_HOME": str(home.root)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "webapp:create_app()",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    paths = ["/api/search?" + urlencode({"q": text, **filters}, doseq=True) for _, text, filters in mix]
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/api/search?q=")
                break
            except OSError:
                time.sleep(0.2)
        for path in paths[:50]:  # warm both workers' caches a little
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", path)
            c.getresponse().read()
        latencies: list[float] = []
        errors = Counter()
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client(offset: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            n = offset
            while time.monotonic() < stop:
                path = paths[n % len(paths)]
                n += connections
                started = time.perf_counter()
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except OSError as exc:
                    ok = False
                    errors[type(exc).__name__] += 1
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ms = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(ms)
                    if not ok:
                        errors["status"] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        worker_rss = _rss_of_children(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "workers": workers,
        "connections": connections,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "errors": sum(errors.values()),
        "latency_ms": percentiles(latencies),
        "worker_rss_mb": worker_rss,
    }


def _rss_of_children(pid: int) -> list[float]:
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.M):
            rss = re.search(r"^VmRSS:\s+(\d+)", text, re.M)
            sizes.append(round(int(rss.group(1)) / 1024, 1) if rss else 0)
    return sizes


# -- the run ----------------------------------------------------------------------------------


def archive_command(*args: str, home: Home) -> float:
    started = time.perf_counter()
    subprocess.run(
        [*ARCHIVE, *args, "--home", str(home.root)], cwd=REPO, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def disk_watch(folder: Path, stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        try:
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        except OSError:
            size = 0
        peak[0] = max(peak[0], size)
        stop.wait(0.5)


def full_rebuild(home: Home, articles: int) -> dict:
    """`archive reindex --full` in a real process: time, peak memory, index size and disk."""
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=disk_watch, args=(home.index, stop, peak))
    watcher.start()
    seconds = archive_command("reindex", "--full", home=home)
    stop.set()
    watcher.join()
    size = sum(p.stat().st_size for p in home.index.rglob("*") if p.is_file())
    current = sum(
        p.stat().st_size for p in (home.index / (home.index / "CURRENT").read_text().strip()).rglob("*")
    )
    return {
        "seconds": round(seconds, 1),
        "per_second": round(articles / seconds),
        "peak_rss_mb_largest_process": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "index_mb": round(current / 2**20, 1),
        "peak_disk_mb_during_rebuild": round(peak[0] / 2**20, 1),
        "disk_mb_after_with_previous_generation": round(size / 2**20, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the whole mix")
    parser.add_argument("--http-seconds", type=float, default=30)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp folder)")
    parser.add_argument("--json", type=Path, help="write results here too")
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --keep: keep an index already built by this version instead of rebuilding it",
    )
    args = parser.parse_args()

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="scale-bench-"))
    try:
        home = Home(tmp / "data")
        results: dict = {
            "articles": args.articles,
            "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        }
        if not home.exists():
            results["corpus"] = write_corpus(tmp / "in", args.articles)
            seconds = archive_command("ingest", str(tmp / "in"), "--no-index", home=home)
            results["ingest"] = {"seconds": round(seconds, 1), "per_second": round(args.articles / seconds)}
        if args.reuse_index and not index.rebuild_needed(home.index):
            current = sum(
                p.stat().st_size
                for p in (home.index / (home.index / "CURRENT").read_text().strip()).rglob("*")
            )
            results["reindex_full"] = {"skipped": "index reused", "index_mb": round(current / 2**20, 1)}
        else:
            results["reindex_full"] = full_rebuild(home, args.articles)

        # One changed article: ingest it (a real process) and wait until a search finds it.
        changed = tmp / "changed.txt"
        changed.write_text("A corrected testimony\nThe word zqxjkchanged is new.\n", encoding="utf-8")
        searcher = index.SearchIndex(home.index)
        started = time.perf_counter()
        archive_command("ingest", str(changed), home=home)
        while searcher.search("zqxjkchanged").total == 0:
            time.sleep(0.05)
        results["one_change_searchable_seconds"] = round(time.perf_counter() - started, 2)

        mix = query_mix(home)
        results["queries"] = len(mix)
        ours = time_mix(
            lambda text, filters: searcher.search(text, filters=filters, pagelen=20), mix, args.repeat
        )
        results["search_ms"] = ours

        fts_path = tmp / "fts.sqlite3"
        fts_path.unlink(missing_ok=True)
        results["fts5_build_seconds"] = round(build_fts(home, fts_path), 1)
        theirs = time_mix(fts_runner(fts_path), mix, args.repeat)
        results["fts5_search_ms"] = theirs
        results["ratio_ours_to_fts5"] = {
            k: {p: round(ours[k][p] / max(theirs[k][p], 0.01), 1) for p in ("p50", "p95")} for k in ours
        }
        if args.http_seconds > 0:
            results["http"] = http_load(home, mix, args.http_seconds)
        results["bench_process_max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
