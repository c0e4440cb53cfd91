"""Plain records that cross every boundary: readers produce them, the store keeps them,
the index and the web app read them. No database or search objects leak out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from archive.visibility import Viewer, Visibility

PUBLIC = Visibility.PUBLIC.value  # the default of every record; who sees what is archive/visibility.py


def article_path(article_id: str, slug: str) -> str:
    """The permanent path of an article page: the one URL scheme to cite, defined once."""
    return f"/articles/{article_id}/{slug}"


@dataclass(frozen=True)
class ParsedText:
    """What a format reader found in a file, before any sidecar metadata is applied."""

    title: str
    paragraphs: tuple[str, ...]
    standfirst: str = ""
    authors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    embedded: "Metadata | None" = None  # metadata written inside the file (front matter)


@dataclass(frozen=True)
class Metadata:
    """Metadata given by the archivist (sidecar or front matter); it wins over guesses."""

    key: str = ""
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    language: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    visibility: str = PUBLIC


@dataclass(frozen=True)
class ArticleRecord:
    """The normalized article: what is stored, indexed and shown."""

    title: str
    paragraphs: tuple[str, ...]
    standfirst: str = ""
    authors: tuple[str, ...] = ()
    source: str = ""
    url: str = ""
    date: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    visibility: str = PUBLIC
    # True when nobody gave the language and archive/language.py guessed it: a citation
    # must be able to say "language detected", not pass a guess off as the source's word.
    language_detected: bool = False

    @property
    def year(self) -> str:
        return self.date[:4] if len(self.date) >= 4 else ""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Provenance:
    """Where a version came from: the raw bytes we keep and the tool that read them."""

    raw_sha256: str
    raw_size: int
    original_name: str
    ingested_at: str
    parser: str
    tool_version: str
    sidecar_sha256: str = ""
    sidecar_name: str = ""
    # Inside a container (a WARC, a feed): which item, its own digest and what the
    # container says about it. Empty for a file that is one article.
    item_locator: str = ""
    item_digest: str = ""
    item_details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Source:
    """One original a version was found in: the same text may arrive in several containers
    (a saved page and a WARC capture of it), and each is evidence worth citing."""

    raw_sha256: str
    original_name: str
    ingested_at: str
    parser: str
    sidecar_sha256: str = ""
    item_locator: str = ""
    item_digest: str = ""
    item_details: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        return {
            "sha256": self.raw_sha256,
            "file_name": self.original_name,
            "locator": self.item_locator or None,
            "digest": self.item_digest or None,
            "details": dict(self.item_details),
            "parser": self.parser,
            "sidecar_sha256": self.sidecar_sha256 or None,
            "ingested_at": self.ingested_at,
        }


@dataclass(frozen=True)
class VersionInfo:
    """One line of an article's history."""

    version: int
    title: str
    raw_sha256: str
    ingested_at: str
    visibility: str = PUBLIC


@dataclass(frozen=True)
class Enrichment:
    """What enrichment found in one version (archive/enrich): quotes with their speakers,
    people, places and organisations, and dates mentioned. `stamp` says which code and
    gazetteer made it, so stale results are known."""

    stamp: str
    quotes: tuple = ()  # archive.enrich.quotes.Quote, in text order (anchors q1, q2…)
    entities: tuple = ()  # archive.enrich.entities.Entity, in order of first mention
    dates: tuple = ()  # archive.enrich.dates.DateMention, in text order

    def names(self, kind: str) -> tuple[str, ...]:
        return tuple(e.name for e in self.entities if e.type == kind)

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for q in self.quotes for name in q.speakers))

    def to_json(self) -> dict:
        return {
            "quotes": [
                {
                    "anchor": q.anchor,
                    "text": q.text,
                    "speaker": " and ".join(q.speakers) or None,
                    "speakers": list(q.speakers),
                    "how": q.how,
                    "paragraph": q.paragraph,
                    "start": q.start,
                    "end": q.end,
                }
                for q in self.quotes
            ],
            "entities": [
                {
                    "type": e.type,
                    "name": e.name,
                    "aliases": list(e.aliases),
                    "mentions": [list(m) for m in e.mentions],
                }
                for e in self.entities
            ],
            "dates_mentioned": [
                {"text": d.text, "value": d.value, "precision": d.precision, "start": d.start, "end": d.end}
                for d in self.dates
            ],
            "enrichment": self.stamp,
        }


EMPTY_ENRICHMENT_JSON = {"quotes": [], "entities": [], "dates_mentioned": [], "enrichment": None}


@dataclass(frozen=True)
class StoredArticle:
    """An article as the archive knows it: permanent id, current version, provenance."""

    id: str
    slug: str
    version: int
    seq: int
    record: ArticleRecord
    provenance: Provenance
    created_at: str
    versions: tuple[VersionInfo, ...] = field(default=())
    sources: tuple[Source, ...] = field(default=())  # of this version, first arrival first
    enrichment: Enrichment | None = None  # None until enriched (or when not loaded)

    def view_for(self, viewer: Viewer) -> "StoredArticle | None":
        """This article as a viewer may see it (only the versions it may see), or None."""
        if not viewer.sees(self.record.visibility):
            return None
        history = tuple(v for v in self.versions if viewer.sees_version(self.record.visibility, v.visibility))
        return replace(self, versions=history)

    @property
    def path(self) -> str:
        """The permanent path of the article page; the one URL to cite."""
        return article_path(self.id, self.slug)

    def to_json(self) -> dict:
        """The article as JSON, the same for `archive show --json` and /api/articles/ID."""
        record, prov = self.record, self.provenance
        return {
            "id": self.id,
            "slug": self.slug,
            "url": self.path,
            "version": self.version,
            "title": record.title,
            "standfirst": record.standfirst,
            "authors": list(record.authors),
            "source": record.source,
            "source_url": record.url,
            "date": record.date,
            "language": record.language,
            "language_source": (
                ("detected" if record.language_detected else "given") if record.language else None
            ),
            "tags": list(record.tags),
            "paragraphs": list(record.paragraphs),
            "created_at": self.created_at,
            "original": {
                "sha256": prov.raw_sha256,
                "size": prov.raw_size,
                "file_name": prov.original_name,
                "ingested_at": prov.ingested_at,
                "parser": prov.parser,
                "tool_version": prov.tool_version,
                "sidecar_sha256": prov.sidecar_sha256 or None,
                "sidecar_file_name": prov.sidecar_name or None,
                "locator": prov.item_locator or None,
                "details": dict(prov.item_details),
            },
            "sources": [source.to_json() for source in self.sources],
            "versions": [
                {"version": v.version, "title": v.title, "sha256": v.raw_sha256, "ingested_at": v.ingested_at}
                for v in self.versions
            ],
            **(self.enrichment.to_json() if self.enrichment else EMPTY_ENRICHMENT_JSON),
        }
