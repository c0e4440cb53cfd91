"""Running enrichment over stored versions: the I/O edge around archive/enrich.

Enrichment is derived data. It is written in its own tables, one transaction per batch,
and never touches a version; a crash leaves some versions without it (or with an older
stamp), which `archive enrich` finds and completes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from archive.enrich.gazetteer import Gazetteer
from archive.enrich.pipeline import enrich, stamp_of
from archive.home import Home
from archive.parallel_read import processes_for, read_in_order
from archive.records import ArticleRecord, Enrichment
from archive.store import Store

BATCH = 200


@dataclass(frozen=True)
class EnrichReport:
    articles: int
    quotes: int
    entities: int
    seconds: float

    def summary(self) -> str:
        rate = f", {self.articles / self.seconds:.0f}/s" if self.seconds > 0 and self.articles else ""
        return (
            f"{self.articles} enriched ({self.quotes} quotes, {self.entities} people, places and "
            f"organisations) in {self.seconds:.1f} s{rate}"
        )


def load_gazetteer(home: Home) -> Gazetteer:
    """The shipped gazetteer, extended by the files in the home's `gazetteer/` folder."""
    return Gazetteer.load(home.gazetteer) if home.gazetteer.is_dir() else Gazetteer.load()


def enrich_versions(
    store: Store, keys: list[tuple[str, int]], gazetteer: Gazetteer, *, workers: int = 1
) -> EnrichReport:
    """Enrich the given versions (article id, version number), replacing what was there.

    With `workers` above 1 and more than a few dozen versions, worker processes find the
    quotes and entities (archive/parallel_read.py) while this process reads the records
    and writes the results, in the same order and transactions as alone.
    """
    started = time.perf_counter()
    stamp = stamp_of(gazetteer)
    quotes = entities = 0

    def records() -> Iterator[ArticleRecord | None]:
        for article_id, version in keys:
            article = store.get(article_id, version)
            yield article.record if article is not None else None

    found_all = read_in_order(
        enrich_record, records(), (gazetteer, stamp), workers=processes_for(len(keys), workers)
    )
    for at in range(0, len(keys), BATCH):
        with store.transaction():
            for (article_id, version), (found, _) in zip(keys[at : at + BATCH], found_all, strict=False):
                if found is None:
                    continue
                store.save_enrichment(article_id, version, found, _now())
                quotes += len(found.quotes)
                entities += len(found.entities)
    return EnrichReport(len(keys), quotes, entities, time.perf_counter() - started)


# One gazetteer per digest in each process: a worker receives a pickled copy with every
# task, and keeps the first so its compiled index is built once, not once per article.
_GAZETTEERS: dict[str, Gazetteer] = {}


def enrich_record(record: ArticleRecord | None, given: tuple[Gazetteer, str]) -> Enrichment | None:
    """One record's enrichment: the pure part that worker processes run."""
    if record is None:
        return None
    gazetteer, stamp = given
    return enrich(record, _GAZETTEERS.setdefault(gazetteer.digest, gazetteer), stamp)


def enrich_stale(
    store: Store, gazetteer: Gazetteer, *, everything: bool = False, workers: int = 1
) -> EnrichReport:
    """Enrich every current version not yet enriched by this code and gazetteer (or all)."""
    return enrich_versions(
        store, store.stale_enrichment(stamp_of(gazetteer), everything=everything), gazetteer, workers=workers
    )


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
