"""Reading a batch on several cores changes nothing but the time it takes.

Worker processes read and parse; the main process alone writes, in the files' order. So a
parallel ingest of a folder must leave exactly the store a serial one does (same ids,
versions, rows, originals, outcomes in the same order), a bad file must be rejected with
the same reason, and a worker that dies must not lose a file of the batch.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from archive.home import Home
from archive.parallel_read import FALLBACK_WARNING, PARALLEL_MIN_FILES, read_in_order
from archive.records import Metadata
from tests.conftest import write_article
from tests.test_feed_reader import RSS
from webapp.service import ingest_and_index

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Letters from Urumqi</title><link rel="canonical" href="https://letters.example.org/urumqi">
</head><body><article><h1>Letters from Urumqi</h1>
<p>The letters arrived in a bundle of eleven, each one opened and resealed with tape before it
reached the family's address in Almaty in the autumn of 2019.</p>
<p>Two of them were written in a hand the family did not recognise, and one of them asked for
money to be sent to an account in a name none of them knew.</p></article></body></html>"""


def batch_folder(root: Path) -> Path:
    """Over PARALLEL_MIN_FILES files: several languages and scripts, dated and undated,
    several sources, restricted beside public, a duplicate, a page, a feed, bad files."""
    folder = root / "batch"
    texts = {
        "en": "Witness statement {n}\nby Aruzhan Seitkali\nShe was held for {n} months in a facility "
        "near Ghulja and released without charge in the spring, her family in Almaty said.\n"
        "“We were hungry every day,” said Gulnara Tursun, who was held with her.",
        "ru": "Свидетельство {n}\nОна провела в лагере {n} месяцев и вернулась домой только весной, "
        "рассказали её родственники нашему корреспонденту в Алматы.",
        "zh": "证词{n}\n她说她在伊宁附近的设施里被关押了{n}个月，春天才被释放回家，家人证实了这一点。",
    }
    for n in range(PARALLEL_MIN_FILES + 4):
        language = ("en", "ru", "zh")[n % 3]
        sidecar = None
        if n % 4 == 0:
            sidecar = {"source": f"Source {n % 3}", "date": f"2019-0{1 + n % 9}"}
        if n % 7 == 0:
            sidecar = {**(sidecar or {}), "visibility": "restricted"}
        write_article(folder, f"{n:03}_{language}.txt", texts[language].format(n=n + 1), sidecar)
    write_article(folder, "100_copy.txt", texts["ru"].format(n=2))  # same bytes as 001_ru.txt
    (folder / "101_page.html").write_text(PAGE, encoding="utf-8")
    (folder / "102_feed.xml").write_bytes(RSS)
    (folder / "103_empty.txt").write_bytes(b"")
    (folder / "104_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write_article(folder, "105_bad_sidecar.txt", "Title\nA body long enough to be an article.")
    (folder / "105_bad_sidecar.json").write_text('{"date": "2020-02-30"}', encoding="utf-8")
    return folder


def store_contents(database: Path) -> dict[str, list[tuple]]:
    """Every row of the tables ingest and enrichment write, without the clock's columns."""
    clock = {"created_at", "updated_at", "ingested_at", "enriched_at"}
    contents = {}
    tables = ("articles", "versions", "version_sources", "enrichments", "quotes", "entities", "date_mentions")
    with sqlite3.connect(database) as conn:
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in clock]
            listed = ", ".join(f'"{c}"' for c in columns)
            contents[table] = conn.execute(f"SELECT {listed} FROM {table} ORDER BY 1, 2, 3").fetchall()
    return contents


def ingest_with(folder: Path, home: Path, workers: int):
    """Ingest and enrich as `archive ingest --workers N --source "Batch desk"` does."""
    batch = Metadata(source="Batch desk")
    report = ingest_and_index(Home(home), [folder], update_index=False, batch=batch, workers=workers).report
    originals = sorted(p.relative_to(home).as_posix() for p in (home / "originals").rglob("*") if p.is_file())
    return report, store_contents(home / "archive.sqlite3"), originals


def test_a_parallel_ingest_leaves_exactly_the_store_a_serial_one_does(tmp_path):
    folder = batch_folder(tmp_path)
    serial, serial_rows, serial_blobs = ingest_with(folder, tmp_path / "serial", workers=1)
    parallel, parallel_rows, parallel_blobs = ingest_with(folder, tmp_path / "parallel", workers=2)

    assert (serial.processes, parallel.processes) == (1, 2)
    assert parallel.outcomes == serial.outcomes  # same files, statuses, ids, versions, reasons, order
    assert parallel_rows == serial_rows
    assert parallel_blobs == serial_blobs
    # What the batch holds really happened, in both: not two equally empty stores.
    counts = parallel.counts
    files = PARALLEL_MIN_FILES + 4
    assert counts["new"] == files + 1 + 2  # the texts, the page, two feed items
    assert counts["unchanged"] == 1  # the copy of 001_ru.txt
    assert counts["rejected"] == 4  # empty, image, bad sidecar, the feed's empty item
    reasons = {Path(o.path).name: o.reason for o in parallel.outcomes if o.status == "rejected"}
    assert reasons["103_empty.txt"] == "is empty (0 bytes)"
    assert reasons["104_image.txt"].startswith("looks like a binary file")
    assert reasons["105_bad_sidecar.txt"].startswith("105_bad_sidecar.json: ")
    with sqlite3.connect(tmp_path / "parallel" / "archive.sqlite3") as conn:  # batch defaults reached workers
        sources = {row[0] for row in conn.execute("SELECT source FROM versions")}
    assert {"Batch desk", "Source 0", "Source 1", "Source 2", "Camp Watch"} <= sources
    assert len(parallel_rows["enrichments"]) == counts["new"]  # every new version enriched, once
    assert len(parallel_rows["quotes"]) >= 12  # one in each English text


def test_a_small_batch_is_read_in_this_process(tmp_path):
    folder = tmp_path / "few"
    for n in range(3):
        write_article(folder, f"{n}.txt", f"Title {n}\nBody of article {n}, long enough to read.")
    report, _, _ = ingest_with(folder, tmp_path / "home", workers=2)
    assert report.processes == 1
    assert report.counts["new"] == 3


def worker_pid(item: str, options: str) -> tuple[str, int, str]:
    return item, os.getpid(), options


def die_in_a_worker_on(item: str, options: str) -> tuple[str, bool]:
    """Stand-in for reading a file that kills the process reading it, but only a worker."""
    in_worker = multiprocessing.parent_process() is not None
    if item == options and in_worker:
        os.kill(os.getpid(), signal.SIGKILL)
    return item, in_worker


def test_results_come_back_in_order_from_other_processes():
    items = [f"file-{n}" for n in range(PARALLEL_MIN_FILES + 20)]
    results = list(read_in_order(worker_pid, iter(items), "opts", workers=2))
    assert [r[0][0] for r in results] == items
    assert {r[0][2] for r in results} == {"opts"}
    assert os.getpid() not in {r[0][1] for r in results}
    assert [r[1] for r in results] == [""] * len(items)


def test_a_worker_that_dies_loses_nothing_and_the_rest_is_read_here():
    items = [f"file-{n}" for n in range(PARALLEL_MIN_FILES + 40)]
    doomed = items[30]
    results = list(read_in_order(die_in_a_worker_on, items, doomed, workers=2))
    assert [r[0][0] for r in results] == items  # every file once, in order
    warned = [n for n, (_, warning) in enumerate(results) if warning]
    assert len(warned) == 1 and warned[0] <= 30  # the first file not handed back before the crash
    first = warned[0]
    assert results[first][1] == FALLBACK_WARNING
    assert all(in_worker for (_, in_worker), _ in results[:first])
    assert not any(in_worker for (_, in_worker), _ in results[first:])  # read in this process


@pytest.mark.parametrize("workers", ["0", "x"])
def test_workers_flag_is_checked(cli, tmp_path, workers):
    result = cli("ingest", "--home", str(tmp_path / "h"), "--workers", workers, str(tmp_path))
    assert result.exit_code == 2
    assert "--workers" in result.output


def test_the_command_reads_a_batch_with_workers(cli, tmp_path):
    folder = batch_folder(tmp_path)
    result = cli("ingest", "--home", str(tmp_path / "h"), "--workers", "2", "--json", str(folder))
    shown = json.loads(result.output)
    assert (shown["new"], shown["unchanged"], shown["rejected"]) == (PARALLEL_MIN_FILES + 7, 1, 4)
