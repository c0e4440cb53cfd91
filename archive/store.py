"""The database: the one module that speaks SQL.

SQLite is the source of truth. Every article has an identity row and one row per
version; nothing is ever updated in place except the pointer to the current version, so
older versions stay readable. Writes happen inside `transaction()`, which either commits
everything or nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from archive.enrich.dates import DateMention
from archive.enrich.entities import Entity
from archive.enrich.quotes import Quote
from archive.errors import NoArchive, StoreError
from archive.records import ArticleRecord, Enrichment, Provenance, Source, StoredArticle, VersionInfo
from archive.visibility import PUBLIC, Viewer

# The schema as numbered migrations: an archive written by any earlier version is
# brought forward in order, each step in one transaction with PRAGMA user_version, so
# tables the next features need (quotes, entities) reach archives that already exist.
_V1_ARTICLES_AND_VERSIONS = """
CREATE TABLE IF NOT EXISTS articles (
    id              TEXT PRIMARY KEY,
    ident_key       TEXT NOT NULL UNIQUE,
    slug            TEXT NOT NULL,
    visibility      TEXT NOT NULL DEFAULT 'public',
    current_version INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id     TEXT NOT NULL REFERENCES articles(id),
    version        INTEGER NOT NULL,
    title          TEXT NOT NULL,
    standfirst     TEXT NOT NULL,
    authors        TEXT NOT NULL,
    paragraphs     TEXT NOT NULL,
    source         TEXT NOT NULL,
    url            TEXT NOT NULL,
    date           TEXT NOT NULL,
    language       TEXT NOT NULL,
    tags           TEXT NOT NULL,
    visibility     TEXT NOT NULL,
    raw_sha256     TEXT NOT NULL,
    raw_size       INTEGER NOT NULL,
    original_name  TEXT NOT NULL,
    sidecar_sha256 TEXT NOT NULL,
    sidecar_name   TEXT NOT NULL,
    ingested_at    TEXT NOT NULL,
    parser         TEXT NOT NULL,
    tool_version   TEXT NOT NULL,
    UNIQUE (article_id, version)
);
CREATE INDEX IF NOT EXISTS versions_by_raw ON versions (raw_sha256);
"""

# Containers (a WARC, a feed) hold many articles: each version names its item inside the
# container (locator), the item's own digest and what the container said about it
# (details, a JSON object). The same text may arrive in several originals (a saved page
# and a WARC capture of it): each is a source of the one version. Every version's own
# origin is its first source, so existing archives get theirs here.
_V2_ITEMS_AND_SOURCES = """
ALTER TABLE versions ADD COLUMN item_locator TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN item_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN item_details TEXT NOT NULL DEFAULT '{}';
CREATE TABLE version_sources (
    article_id     TEXT NOT NULL,
    version        INTEGER NOT NULL,
    raw_sha256     TEXT NOT NULL,
    sidecar_sha256 TEXT NOT NULL,
    item_locator   TEXT NOT NULL,
    original_name  TEXT NOT NULL,
    item_digest    TEXT NOT NULL,
    item_details   TEXT NOT NULL,
    parser         TEXT NOT NULL,
    ingested_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, version, raw_sha256, sidecar_sha256, item_locator),
    FOREIGN KEY (article_id, version) REFERENCES versions (article_id, version)
);
CREATE INDEX version_sources_by_raw ON version_sources (raw_sha256, sidecar_sha256, item_locator);
INSERT INTO version_sources (article_id, version, raw_sha256, sidecar_sha256, item_locator,
    original_name, item_digest, item_details, parser, ingested_at)
SELECT article_id, version, raw_sha256, sidecar_sha256, '', original_name, '', '{}', parser, ingested_at
FROM versions;
"""

# Enrichment (archive/enrich) of each version: derived, recomputable, never touching the
# version itself. One row per enriched version carries the stamp of the code and gazetteer
# that made it; quotes, entities and dates mentioned hang off it.
_V3_ENRICHMENT = """
CREATE TABLE IF NOT EXISTS enrichments (
    article_id  TEXT NOT NULL,
    version     INTEGER NOT NULL,
    stamp       TEXT NOT NULL,
    enriched_at TEXT NOT NULL,
    PRIMARY KEY (article_id, version),
    FOREIGN KEY (article_id, version) REFERENCES versions (article_id, version)
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    anchor     TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    text       TEXT NOT NULL,
    speakers   TEXT NOT NULL,
    how        TEXT NOT NULL,
    PRIMARY KEY (article_id, version, anchor)
);
CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL,
    mentions   TEXT NOT NULL,
    PRIMARY KEY (article_id, version, seq)
);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities (type, name);
CREATE TABLE IF NOT EXISTS date_mentions (
    article_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT NOT NULL,
    precision  TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (article_id, version, seq)
);
"""

# Whether a version's language was guessed (archive/language.py) rather than given.
# Every language stored before this column existed was given, hence the default.
_V4_LANGUAGE_DETECTED = """
ALTER TABLE versions ADD COLUMN language_detected INTEGER NOT NULL DEFAULT 0;
"""

MIGRATIONS: tuple[str, ...] = (
    _V1_ARTICLES_AND_VERSIONS,
    _V2_ITEMS_AND_SOURCES,
    _V3_ENRICHMENT,
    _V4_LANGUAGE_DETECTED,
)

_VERSION_COLUMNS = (
    "v.seq, v.version, v.title, v.standfirst, v.authors, v.paragraphs, v.source, v.url, v.date, "
    "v.language, v.tags, v.visibility, v.raw_sha256, v.raw_size, v.original_name, "
    "v.sidecar_sha256, v.sidecar_name, v.ingested_at, v.parser, v.tool_version, "
    "v.item_locator, v.item_digest, v.item_details, v.language_detected"
)
_CURRENT = (
    f"SELECT a.id, a.slug, a.created_at, {_VERSION_COLUMNS} "
    "FROM articles a JOIN versions v ON v.article_id = a.id AND v.version = a.current_version"
)


def _check_version(conn: sqlite3.Connection, path: Path, *, writable: bool) -> int:
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    known = len(MIGRATIONS)
    if found > known:
        raise StoreError(
            f"{path} was written by a newer version of the archive (schema {found}; this version "
            f"knows schemas up to {known}). Use the newer version; nothing was changed."
        )
    if found < known and not writable:
        raise StoreError(
            f"{path} is at schema {found} and this version needs {known}. Run 'archive reindex' "
            "once: commands that write bring the database forward."
        )
    return found


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations this database has not had, each in its own transaction."""
    found = _check_version(conn, path, writable=True)
    for number in range(found + 1, len(MIGRATIONS) + 1):
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"{path} could not be brought to schema {number} ({exc}); it was left at schema {number - 1}"
            ) from None


class Store:
    """A connection to the archive database with the queries the archive needs."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path, *, create: bool = False, readonly: bool = False) -> "Store":
        """Open the database; without create=True a missing file is a NoArchive error."""
        if not path.is_file():
            if not create:
                raise NoArchive(path.parent)
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                conn.execute("SELECT 1 FROM articles LIMIT 1")
                _check_version(conn, path, writable=False)
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                _migrate(conn, path)
        except sqlite3.Error as exc:
            raise StoreError(f"{path} cannot be opened as an archive database: {exc}") from None
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"the database cannot be written: {exc}") from None
        try:
            yield
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"the database refused the change: {exc}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- lookups used by ingestion ------------------------------------------------

    def find_by_key(self, key: str) -> sqlite3.Row | None:
        """The article with this identity key and its current fingerprint."""
        return self._conn.execute(
            "SELECT a.id, a.current_version, v.raw_sha256, v.sidecar_sha256 FROM articles a "
            "JOIN versions v ON v.article_id = a.id AND v.version = a.current_version "
            "WHERE a.ident_key = ?",
            (key,),
        ).fetchone()

    def find_by_raw(self, raw_sha256: str, sidecar_sha256: str) -> str | None:
        """The article whose current version came from exactly these bytes, if any."""
        row = self._conn.execute(
            "SELECT a.id FROM articles a JOIN versions v ON v.article_id = a.id "
            "AND v.version = a.current_version WHERE v.raw_sha256 = ? AND v.sidecar_sha256 = ?",
            (raw_sha256, sidecar_sha256),
        ).fetchone()
        return row["id"] if row else None

    def find_by_source(self, raw_sha256: str, sidecar_sha256: str, locator: str) -> str | None:
        """The article whose current version was found in exactly this original (and item)."""
        row = self._conn.execute(
            "SELECT a.id FROM articles a JOIN version_sources s ON s.article_id = a.id "
            "AND s.version = a.current_version WHERE s.raw_sha256 = ? AND s.sidecar_sha256 = ? "
            "AND s.item_locator = ?",
            (raw_sha256, sidecar_sha256, locator),
        ).fetchone()
        return row["id"] if row else None

    def has_source(self, article_id: str, raw_sha256: str, sidecar_sha256: str, locator: str) -> bool:
        """Whether any version of the article was found in exactly this original and item."""
        return (
            self._conn.execute(
                "SELECT 1 FROM version_sources WHERE article_id = ? AND raw_sha256 = ? "
                "AND sidecar_sha256 = ? AND item_locator = ? LIMIT 1",
                (article_id, raw_sha256, sidecar_sha256, locator),
            ).fetchone()
            is not None
        )

    def add_source(self, article_id: str, version: int, prov: Provenance) -> None:
        """Record one more original in which this version's text was found."""
        self._conn.execute(
            "INSERT OR IGNORE INTO version_sources (article_id, version, raw_sha256, sidecar_sha256, "
            "item_locator, original_name, item_digest, item_details, parser, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                version,
                prov.raw_sha256,
                prov.sidecar_sha256,
                prov.item_locator,
                prov.original_name,
                prov.item_digest,
                _dump_details(prov.item_details),
                prov.parser,
                prov.ingested_at,
            ),
        )

    def id_taken(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_version(
        self, article_id: str, key: str, slug: str, record: ArticleRecord, prov: Provenance
    ) -> int:
        """Record a new version (creating the article if new); return its version number."""
        row = self._conn.execute(
            "SELECT current_version FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        version = 1 if row is None else row["current_version"] + 1
        if row is None:
            self._conn.execute(
                "INSERT INTO articles (id, ident_key, slug, visibility, current_version, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article_id, key, slug, record.visibility, version, prov.ingested_at, prov.ingested_at),
            )
        self._conn.execute(
            "INSERT INTO versions (article_id, version, title, standfirst, authors, paragraphs, source, url, "
            "date, language, tags, visibility, raw_sha256, raw_size, original_name, sidecar_sha256, "
            "sidecar_name, ingested_at, parser, tool_version, item_locator, item_digest, item_details, "
            "language_detected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                version,
                record.title,
                record.standfirst,
                _dump(record.authors),
                _dump(record.paragraphs),
                record.source,
                record.url,
                record.date,
                record.language,
                _dump(record.tags),
                record.visibility,
                prov.raw_sha256,
                prov.raw_size,
                prov.original_name,
                prov.sidecar_sha256,
                prov.sidecar_name,
                prov.ingested_at,
                prov.parser,
                prov.tool_version,
                prov.item_locator,
                prov.item_digest,
                _dump_details(prov.item_details),
                int(record.language_detected),
            ),
        )
        self.add_source(article_id, version, prov)
        if row is not None:
            self._conn.execute(
                "UPDATE articles SET current_version = ?, slug = ?, visibility = ?, updated_at = ? WHERE id = ?",
                (version, slug, record.visibility, prov.ingested_at, article_id),
            )
        return version

    # -- reading ------------------------------------------------------------------

    def get(self, article_id: str, version: int | None = None) -> StoredArticle | None:
        """One article (its current version unless asked), with its version history."""
        if version is None:
            row = self._conn.execute(f"{_CURRENT} WHERE a.id = ?", (article_id,)).fetchone()
        else:
            row = self._conn.execute(
                f"SELECT a.id, a.slug, a.created_at, {_VERSION_COLUMNS} FROM articles a "
                "JOIN versions v ON v.article_id = a.id WHERE a.id = ? AND v.version = ?",
                (article_id, version),
            ).fetchone()
        if row is None:
            return None
        history = tuple(
            VersionInfo(r["version"], r["title"], r["raw_sha256"], r["ingested_at"], r["visibility"])
            for r in self._conn.execute(
                "SELECT version, title, raw_sha256, ingested_at, visibility FROM versions "
                "WHERE article_id = ? ORDER BY version",
                (article_id,),
            )
        )
        sources = tuple(
            Source(
                raw_sha256=r["raw_sha256"],
                original_name=r["original_name"],
                ingested_at=r["ingested_at"],
                parser=r["parser"],
                sidecar_sha256=r["sidecar_sha256"],
                item_locator=r["item_locator"],
                item_digest=r["item_digest"],
                item_details=_load_details(r["item_details"]),
            )
            for r in self._conn.execute(
                "SELECT * FROM version_sources WHERE article_id = ? AND version = ? "
                "ORDER BY ingested_at, rowid",
                (article_id, row["version"]),
            )
        )
        found = self.enrichment(row["id"], row["version"])
        return replace(_article(row, history), sources=sources, enrichment=found)

    def iter_current(self, *, since_seq: int = 0, batch: int = 500) -> Iterator[StoredArticle]:
        """Current versions of articles changed after `since_seq`, in change order.

        Reads in batches so a reindex of 100,000 articles never holds them all in memory.
        """
        last = since_seq
        while True:
            rows = self._conn.execute(
                f"{_CURRENT} WHERE v.seq > ? ORDER BY v.seq LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            found = self._enrichments([(r["id"], r["version"]) for r in rows])
            for row in rows:
                yield replace(_article(row, ()), enrichment=found.get((row["id"], row["version"])))
            last = rows[-1]["seq"]

    # -- enrichment -----------------------------------------------------------------

    def save_enrichment(self, article_id: str, version: int, found: Enrichment, enriched_at: str) -> None:
        """Replace what enrichment says about one version (inside the caller's transaction)."""
        key = (article_id, version)
        for table in ("quotes", "entities", "date_mentions", "enrichments"):
            self._conn.execute(f"DELETE FROM {table} WHERE article_id = ? AND version = ?", key)  # noqa: S608
        self._conn.execute("INSERT INTO enrichments VALUES (?, ?, ?, ?)", (*key, found.stamp, enriched_at))
        self._conn.executemany(
            'INSERT INTO quotes (article_id, version, anchor, start, "end", paragraph, text, speakers, how) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (*key, q.anchor, q.start, q.end, q.paragraph, q.text, _dump(q.speakers), q.how)
                for q in found.quotes
            ],
        )
        self._conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (*key, n, e.type, e.name, _dump(e.aliases), json.dumps([list(m) for m in e.mentions]))
                for n, e in enumerate(found.entities)
            ],
        )
        self._conn.executemany(
            "INSERT INTO date_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*key, n, d.text, d.value, d.precision, d.start, d.end) for n, d in enumerate(found.dates)],
        )

    def enrichment(self, article_id: str, version: int) -> Enrichment | None:
        """What enrichment found in one version, or None if it was never enriched."""
        return self._enrichments([(article_id, version)]).get((article_id, version))

    def _enrichments(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], Enrichment]:
        if not keys:
            return {}
        ids = sorted({k[0] for k in keys})
        wanted = set(keys)
        marks = ",".join("?" * len(ids))

        def rows(sql: str):
            for row in self._conn.execute(sql.format(marks=marks), ids):
                if (row["article_id"], row["version"]) in wanted:
                    yield (row["article_id"], row["version"]), row

        stamps = {k: r["stamp"] for k, r in rows("SELECT * FROM enrichments WHERE article_id IN ({marks})")}
        quotes: dict = {}
        for k, r in rows("SELECT * FROM quotes WHERE article_id IN ({marks}) ORDER BY start"):
            quotes.setdefault(k, []).append(
                Quote(
                    anchor=r["anchor"],
                    text=r["text"],
                    start=r["start"],
                    end=r["end"],
                    paragraph=r["paragraph"],
                    speakers=tuple(json.loads(r["speakers"])),
                    how=r["how"],
                )
            )
        entities: dict = {}
        for k, r in rows("SELECT * FROM entities WHERE article_id IN ({marks}) ORDER BY seq"):
            entities.setdefault(k, []).append(
                Entity(
                    r["type"],
                    r["name"],
                    tuple(json.loads(r["aliases"])),
                    tuple(tuple(m) for m in json.loads(r["mentions"])),
                )
            )
        dates: dict = {}
        for k, r in rows("SELECT * FROM date_mentions WHERE article_id IN ({marks}) ORDER BY seq"):
            dates.setdefault(k, []).append(
                DateMention(r["text"], r["value"], r["precision"], r["start"], r["end"])
            )
        return {
            k: Enrichment(
                stamp, tuple(quotes.get(k, ())), tuple(entities.get(k, ())), tuple(dates.get(k, ()))
            )
            for k, stamp in stamps.items()
        }

    def stale_enrichment(self, stamp: str, *, everything: bool = False) -> list[tuple[str, int]]:
        """Current versions never enriched, or enriched by other code or another gazetteer."""
        rows = self._conn.execute(
            "SELECT a.id, a.current_version FROM articles a LEFT JOIN enrichments e "
            "ON e.article_id = a.id AND e.version = a.current_version "
            "WHERE ? OR e.stamp IS NULL OR e.stamp != ? ORDER BY a.id",
            (1 if everything else 0, stamp),
        )
        return [(r[0], r[1]) for r in rows]

    def max_seq(self) -> int:
        return self._conn.execute("SELECT COALESCE(MAX(seq), 0) FROM versions").fetchone()[0]

    def counts(self, viewer: Viewer = PUBLIC) -> dict[str, int]:
        """How many articles exist, how many the viewer sees, and how many versions."""
        seen, params = viewer.sql(article="articles", version=None)
        row = self._conn.execute(
            f"SELECT COUNT(*) AS articles, COALESCE(SUM({seen}), 0) AS public, "
            "(SELECT COUNT(*) FROM versions) AS versions FROM articles",
            params,
        ).fetchone()
        return dict(row)

    def blob_references(self) -> Iterator[tuple[str, str, int, str]]:
        """Every original the database relies on, once: (digest, article id, version, file name).

        A container holding 500 articles is one original; it is named with the first
        version that relies on it, so `verify` hashes it once, not 500 times. Originals
        that are only a further source of a version count too.
        """
        seen: set[str] = set()
        for row in self._conn.execute(
            "SELECT raw_sha256, article_id, version, original_name, sidecar_sha256, sidecar_name "
            "FROM versions ORDER BY seq"
        ):
            for digest, name in (
                (row["raw_sha256"], row["original_name"]),
                (row["sidecar_sha256"], row["sidecar_name"]),
            ):
                if digest and digest not in seen:
                    seen.add(digest)
                    yield digest, row["article_id"], row["version"], name
        for row in self._conn.execute(
            "SELECT raw_sha256, article_id, version, original_name, sidecar_sha256 FROM version_sources "
            "ORDER BY ingested_at, rowid"
        ):
            for digest in (row["raw_sha256"], row["sidecar_sha256"]):
                if digest and digest not in seen:
                    seen.add(digest)
                    yield digest, row["article_id"], row["version"], row["original_name"]

    def blob_visible_to(self, digest: str, viewer: Viewer = PUBLIC) -> bool:
        """Whether an original belongs to a version the viewer may see."""
        seen, params = viewer.sql()
        row = self._conn.execute(
            "SELECT 1 FROM versions v JOIN articles a ON a.id = v.article_id "
            "JOIN version_sources s ON s.article_id = v.article_id AND s.version = v.version "
            f"WHERE {seen} AND (s.raw_sha256 = ? OR s.sidecar_sha256 = ?) LIMIT 1",
            (*params, digest, digest),
        ).fetchone()
        return row is not None


def _dump(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _dump_details(details: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(dict(details), ensure_ascii=False)


def _load_details(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in json.loads(text or "{}").items())


def _article(row: sqlite3.Row, history: tuple[VersionInfo, ...]) -> StoredArticle:
    record = ArticleRecord(
        title=row["title"],
        standfirst=row["standfirst"],
        authors=tuple(json.loads(row["authors"])),
        paragraphs=tuple(json.loads(row["paragraphs"])),
        source=row["source"],
        url=row["url"],
        date=row["date"],
        language=row["language"],
        tags=tuple(json.loads(row["tags"])),
        visibility=row["visibility"],
        language_detected=bool(row["language_detected"]),
    )
    provenance = Provenance(
        raw_sha256=row["raw_sha256"],
        raw_size=row["raw_size"],
        original_name=row["original_name"],
        ingested_at=row["ingested_at"],
        parser=row["parser"],
        tool_version=row["tool_version"],
        sidecar_sha256=row["sidecar_sha256"],
        sidecar_name=row["sidecar_name"],
        item_locator=row["item_locator"],
        item_digest=row["item_digest"],
        item_details=_load_details(row["item_details"]),
    )
    return StoredArticle(
        id=row["id"],
        slug=row["slug"],
        version=row["version"],
        seq=row["seq"],
        record=record,
        provenance=provenance,
        created_at=row["created_at"],
        versions=history,
    )
