"""Ingest, then bring the index up to date: the one way files enter the archive.

The command line, the tests and the benchmarks all call this, so what a user runs is
what is tested and measured. It lives in the wiring layer because `archive/` may not
know the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import index
from archive.blobs import BlobStore
from archive.enriching import enrich_versions, load_gazetteer
from archive.errors import ArchiveError
from archive.home import Home
from archive.ingest import DEFAULT_MAX_BYTES, IngestReport, ingest_paths
from archive.progress import Progress, silent
from archive.records import Metadata
from archive.store import Store


@dataclass(frozen=True)
class Ingested:
    report: IngestReport
    index_note: str = ""  # what happened to the index, for the user
    index_failed: bool = False

    def to_json(self) -> dict:
        return {**self.report.to_json(), "index": self.index_note}


def ingest_and_index(
    home: Home,
    paths: list[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    update_index: bool = True,
    batch: Metadata | None = None,
    progress: Progress = silent,
    mapping: dict[str, str] | None = None,
    workers: int = 1,
) -> Ingested:
    """Archive files (each in its own transaction), then update the index once.

    `workers` processes read and parse the files of a large batch; this one writes them.

    An index that cannot be updated leaves the articles archived and says so: the
    archive is the truth, and `archive reindex` catches up later.
    """
    with Store.open(home.database, create=True) as store:
        report = ingest_paths(
            paths,
            store,
            BlobStore(home.originals),
            max_bytes=max_bytes,
            batch=batch,
            progress=progress,
            mapping=mapping,
            workers=workers,
        )
        changed = [(o.id, o.version) for o in report.outcomes if o.status in ("new", "updated") and o.id]
        if changed:
            enrich_versions(store, changed, load_gazetteer(home), workers=workers)
        if not update_index:
            return Ingested(report)
        try:
            note = index.update(store, home.index, progress).summary()
        except ArchiveError as exc:
            return Ingested(report, f"articles are archived, but the index was not updated: {exc}", True)
    return Ingested(report, note)
