"""Writing the index from the archive: full rebuilds into a new generation, and
incremental updates of the current one. Only public articles are ever written."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.multiproc import MpWriter

from archive.progress import Progress, silent
from archive.records import Enrichment, StoredArticle
from archive.store import Store
from archive.visibility import PUBLIC
from index import _generations
from index._dates import bounds
from index._highlight import analyzed_words
from index._pairs import document_pairs
from index._pool import tuned_writing
from index._schema import SCHEMA_VERSION, analysis_schema, build_schema
from index._suggest import spelling_words
from index._variants import variant_keys
from index.errors import IndexMissing

COMMIT_EVERY = 5000
LIMIT_MB = 256
MAX_PROCS = 4
# Worker processes pay for themselves from a few thousand articles on; below that one
# process is quicker than starting them.
PARALLEL_FROM = 2000


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


# Indexed text fields that are also stored: their text is stored whatever it holds.
_STORED_TEXT = ("title", "standfirst", "body")
# What Whoosh's SpaceSeparatedTokenizer (the `variants` field's analyzer) takes as a token.
_SPACE_SEPARATED = re.compile(r"[^ \t\r\n]+")


def to_document(article: StoredArticle) -> dict:
    """The index document for an article: a pure function of the stored record.

    Each text is analysed once, here, with the fast per-word analysis (`analyzed_words`,
    held to the index's analyzer by tests/test_highlight.py), and handed to Whoosh as its
    list of terms, which Whoosh indexes as they are: the same words serve the field and
    its adjacent pairs, and Whoosh's token-by-token analyzer chain (a sixth of a rebuild,
    in the worker processes) is skipped. Empty texts are left out.
    """
    record = article.record
    found = article.enrichment
    period = bounds(record.date)
    dates = {"date_start": period[0], "date_end": period[1], "undated": "0"} if period else {"undated": "1"}
    texts = index_texts(article)
    schema = analysis_schema()
    words = {name: analyzed_words(text, schema[name].analyzer) for name, text in texts.items() if text}
    return {
        "id": article.id,
        "slug": article.slug,
        **{name: words.get(name, []) for name in _STORED_TEXT},
        **{f"_stored_{name}": texts[name] for name in _STORED_TEXT},
        **{name: terms for name, terms in words.items() if name not in _STORED_TEXT},
        "pairs": document_pairs(words),
        "variants": _SPACE_SEPARATED.findall(
            " ".join(
                variant_keys(
                    " ".join(
                        (record.title, record.standfirst, record.body, *record.authors, *_aliases(found))
                    )
                )
            )
        ),
        "source": record.source,
        "year": record.year,
        "language": record.language,
        "date": record.date,
        "authors": ",".join(a.replace(",", " ") for a in record.authors),
        "tags": ",".join(t.replace(",", " ") for t in record.tags),
        "authors_shown": list(record.authors),
        "spelling": spelling_words(
            record.title, record.standfirst, record.body, *record.authors, record.source, *record.tags
        ),
        **dates,
        **(_enrichment_fields(found) if found is not None else {}),
    }


def index_texts(article: StoredArticle) -> dict[str, str]:
    """The text of each analysed field of an article's document, before analysis."""
    record = article.record
    texts = {
        "title": record.title,
        "standfirst": record.standfirst,
        "body": record.body,
        "byline": " ; ".join(record.authors),
        "source_text": record.source,
        "tags_text": " ; ".join(record.tags),
    }
    found = article.enrichment
    if found is not None:
        texts.update(
            quotes="\n\n".join(q.text for q in found.quotes),
            speaker_text=" ; ".join(found.speakers),
            person_text=" ; ".join(found.names("person")),
            place_text=" ; ".join(found.names("place")),
            org_text=" ; ".join(found.names("org")),
        )
    return texts


def _aliases(found: Enrichment | None) -> list[str]:
    """Every other spelling the gazetteer knows for the names in an article, so a search
    for any of them (Сайрагүл, Sairagul) finds it: they join the variants field."""
    return [alias for e in found.entities for alias in e.aliases] if found is not None else []


def _enrichment_fields(found: Enrichment) -> dict:
    """The enrichment's facets and stored quotes (its texts are in `index_texts`)."""

    def listed(names) -> str:
        return ",".join(n.replace(",", " ") for n in names)

    return {
        "speakers": listed(found.speakers),
        "people": listed(found.names("person")),
        "places": listed(found.names("place")),
        "orgs": listed(found.names("org")),
        "quotes_shown": [[q.anchor, q.text, " and ".join(q.speakers)] for q in found.quotes],
        "has": "quotes" if found.quotes else "",
    }


def rebuild(store: Store, root: Path, progress: Progress = silent) -> BuildReport:
    """Build a complete new generation from the archive and swap it in atomically."""
    with _generations.writer_lock(root):
        return _rebuild_locked(store, root, progress)


def rebuild_needed(root: Path) -> str:
    """Why the index must be rebuilt before it can serve this version, or '' if it need not."""
    folder = _generations.current(root)
    if folder is None:
        return "there is no index yet"
    try:
        meta = _generations.read_meta(folder)
    except (OSError, ValueError):
        return f"the description of {folder.name} (meta.json) is damaged"
    if meta.get("schema_version") != SCHEMA_VERSION:
        return "it was built with other fields or analysis settings than this version uses"
    return ""


def rollback(root: Path) -> str:
    """Serve the previous generation again (then bring it up to date with `update`)."""
    with _generations.writer_lock(root):
        previous = _generations.previous(root)
        if previous is None:
            raise IndexMissing(
                "there is no previous generation to go back to (one is kept after a full rebuild)"
            )
        if _generations.read_meta(previous).get("schema_version") != SCHEMA_VERSION:
            raise IndexMissing(
                f"the previous generation {previous.name} was built with other analysis settings "
                "than this version uses, so it cannot be served"
            )
        now, before = _generations.swap_back(root)
    return f"{now.name} is in service again; {before.name} is kept as the previous generation"


def update(store: Store, root: Path, progress: Progress = silent) -> BuildReport:
    """Bring the current generation up to date with what changed since it was written.

    Falls back to a full rebuild when there is no usable generation or its schema is
    older than this code's.
    """
    with _generations.writer_lock(root):
        folder = _generations.current(root)
        try:
            meta = _generations.read_meta(folder) if folder is not None else {}
        except (OSError, ValueError):
            meta = {}
        if folder is None or meta.get("schema_version") != SCHEMA_VERSION:
            return _rebuild_locked(store, root, progress)
        started = time.monotonic()
        ix = whoosh_index.open_dir(str(folder))
        changed = progress(store.iter_current(since_seq=meta["last_seq"]), None, "index")
        indexed, removed, last_seq = _write(ix, folder, iter(changed), update=True)
        if last_seq is None:
            return BuildReport("none", 0, 0, 0.0, folder.name)
    return BuildReport("incremental", indexed, removed, time.monotonic() - started, folder.name)


def _rebuild_locked(store: Store, root: Path, progress: Progress = silent) -> BuildReport:
    started = time.monotonic()
    folder = _generations.create(root)
    ix = whoosh_index.create_in(str(folder), build_schema())
    expected = store.counts()["articles"]
    with tuned_writing():
        indexed, last_seq = _write_generation(
            ix, folder, iter(progress(store.iter_current(), expected, "index")), expected=expected
        )
    if last_seq is None:  # an empty archive still gets a valid, empty generation
        _generations.write_meta(folder, _meta(0, 0))
    _generations.publish(root, folder)
    return BuildReport("full", indexed, 0, time.monotonic() - started, folder.name)


def _write_generation(
    ix, folder: Path, articles: Iterator[StoredArticle], *, expected: int = 0
) -> tuple[int, int | None]:
    """Write a whole new generation, analysing in one process per core.

    Whoosh's multiprocess writer merges its workers' segments at commit, serially,
    which is why it measured barely faster than one process; with `multisegment` each
    worker's segment is kept as it is, and the search engine reads segments side by
    side. No intermediate commits: a crash leaves an unpublished folder that the next
    rebuild removes, and the generation in service is never touched.
    """
    procs = max(1, min(os.cpu_count() or 1, MAX_PROCS)) if expected >= PARALLEL_FROM else 1
    if procs > 1:
        writer = MpWriter(
            ix,
            procs=procs,
            batchsize=500,
            multisegment=True,
            limitmb=LIMIT_MB // procs,
            compound=False,
        )
    else:
        writer = ix.writer(limitmb=LIMIT_MB, compound=False)
    indexed, last_seq = 0, None
    try:
        for article in articles:
            last_seq = article.seq
            if PUBLIC.sees(article.record.visibility):  # the index is the public's
                writer.add_document(**to_document(article))
                indexed += 1
        if last_seq is None:
            writer.cancel()
            return 0, None
        writer.commit(optimize=False, merge=False)
    except BaseException:
        writer.cancel()
        raise
    _generations.write_meta(folder, _meta(last_seq, ix.doc_count()))
    return indexed, last_seq


def _write(
    ix, folder: Path, articles: Iterator[StoredArticle], *, update: bool
) -> tuple[int, int, int | None]:
    """Stream articles into the index, committing every COMMIT_EVERY documents.

    After each commit the generation's meta records how far it got, so a crash loses at
    most one batch and the next update resumes there. Restricted articles are never
    added; on update they are deleted in case they were public before. Returns counts
    and the last change number seen (None if there was nothing).
    """
    indexed = removed = pending = 0
    last_seq: int | None = None
    writer = ix.writer(limitmb=LIMIT_MB, compound=False)
    try:
        for article in articles:  # one row per article: no duplicates within a batch
            last_seq = article.seq
            if PUBLIC.sees(article.record.visibility):  # the index is the public's
                (writer.update_document if update else writer.add_document)(**to_document(article))
                indexed += 1
            elif update:
                writer.delete_by_term("id", article.id)
                removed += 1
            pending += 1
            if pending >= COMMIT_EVERY:
                writer.commit()
                _generations.write_meta(folder, _meta(last_seq, ix.doc_count()))
                writer, pending = ix.writer(limitmb=LIMIT_MB, compound=False), 0
        if last_seq is None:
            writer.cancel()
            return 0, 0, None
        writer.commit(optimize=not update)
    except BaseException:
        writer.cancel()
        raise
    _generations.write_meta(folder, _meta(last_seq, ix.doc_count()))
    return indexed, removed, last_seq


def _meta(last_seq: int, documents: int) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "last_seq": last_seq,
        "documents": documents,
        "written_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
