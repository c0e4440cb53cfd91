"""Writing the index from the archive: full rebuilds into a new generation, and
incremental updates of the current one. Only public articles are ever written."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index

from archive.records import PUBLIC, StoredArticle
from archive.store import Store
from index import _generations
from index._schema import SCHEMA_VERSION, build_schema

COMMIT_EVERY = 5000
LIMIT_MB = 256


@dataclass(frozen=True)
class BuildReport:
    kind: str  # "full", "incremental" or "none"
    indexed: int
    removed: int
    seconds: float
    generation: str

    def summary(self) -> str:
        if self.kind == "none":
            return "index is up to date"
        return f"{self.kind} reindex: {self.indexed} indexed, {self.removed} removed in {self.seconds:.1f} s"


def to_document(article: StoredArticle) -> dict:
    """The index document for an article: a pure function of the stored record."""
    record = article.record
    return {
        "id": article.id,
        "slug": article.slug,
        "title": record.title,
        "standfirst": record.standfirst,
        "body": record.body,
        "byline": " ; ".join(record.authors),
        "source_text": record.source,
        "tags_text": " ; ".join(record.tags),
        "source": record.source,
        "year": record.year,
        "language": record.language,
        "date": record.date,
        "authors": ",".join(a.replace(",", " ") for a in record.authors),
        "tags": ",".join(t.replace(",", " ") for t in record.tags),
        "authors_shown": list(record.authors),
    }


def rebuild(store: Store, root: Path) -> BuildReport:
    """Build a complete new generation from the archive and swap it in atomically."""
    started = time.monotonic()
    with _generations.writer_lock(root):
        folder = _generations.create(root)
        ix = whoosh_index.create_in(str(folder), build_schema())
        indexed, last_seq = 0, 0
        writer = ix.writer(limitmb=LIMIT_MB, compound=False)
        try:
            for article in store.iter_current():
                last_seq = max(last_seq, article.seq)
                if article.record.visibility != PUBLIC:
                    continue
                writer.add_document(**to_document(article))
                indexed += 1
                if indexed % COMMIT_EVERY == 0:
                    writer.commit()
                    writer = ix.writer(limitmb=LIMIT_MB, compound=False)
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            raise
        _generations.write_meta(folder, _meta(last_seq, ix.doc_count()))
        _generations.publish(root, folder)
    return BuildReport("full", indexed, 0, time.monotonic() - started, folder.name)


def update(store: Store, root: Path) -> BuildReport:
    """Bring the current generation up to date with what changed since it was written.

    Falls back to a full rebuild when there is no usable generation or its schema is
    older than this code's.
    """
    folder = _generations.current(root)
    if folder is None or _generations.read_meta(folder).get("schema_version") != SCHEMA_VERSION:
        return rebuild(store, root)
    started = time.monotonic()
    with _generations.writer_lock(root):
        folder = _generations.current(root)
        meta = _generations.read_meta(folder)
        last_seq = meta["last_seq"]
        changed = list(store.iter_current(since_seq=last_seq))
        if not changed:
            return BuildReport("none", 0, 0, 0.0, folder.name)
        ix = whoosh_index.open_dir(str(folder))
        indexed = removed = 0
        with ix.writer(limitmb=LIMIT_MB, compound=False) as writer:
            for article in changed:  # one row per article: no duplicates within the batch
                if article.record.visibility == PUBLIC:
                    writer.update_document(**to_document(article))
                    indexed += 1
                else:
                    writer.delete_by_term("id", article.id)
                    removed += 1
        last_seq = max(a.seq for a in changed)
        _generations.write_meta(folder, _meta(last_seq, ix.doc_count()))
    return BuildReport("incremental", indexed, removed, time.monotonic() - started, folder.name)


def _meta(last_seq: int, documents: int) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "last_seq": last_seq,
        "documents": documents,
        "written_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
