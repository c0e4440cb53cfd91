"""Ingestion: files in, versioned articles out, one clear line for every file refused.

Each file is handled on its own: its raw bytes are written to the blob store first
(atomically), then its record is added in one database transaction. A crash between the
two leaves at most an unreferenced blob, never a record without its original.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from archive import readers
from archive.blobs import BlobStore
from archive.errors import Rejected, StoreError
from archive.identity import article_id, identity_key, make_slug
from archive.language import detect_language
from archive.not_articles import why_not_an_article, why_not_looked_into
from archive.progress import Progress, silent
from archive.readers.contract import ContainerReader, ReadOptions, is_container
from archive.readers.tabular import load_mapping, mapping_beside
from archive.records import ArticleRecord, Metadata, ParsedText, Provenance
from archive.sidecar import find_sidecar, parse_sidecar_json
from archive.store import Store
from archive.visibility import Visibility

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STATUSES = ("new", "updated", "unchanged", "rejected", "skipped")


@dataclass(frozen=True)
class Outcome:
    """What happened to one input file."""

    path: str  # the file, or FILE#LOCATOR for an item inside a container
    status: str
    id: str = ""
    version: int = 0
    reason: str = ""
    warnings: tuple[str, ...] = ()
    item: str = ""  # the item's locator inside its container, when it is one


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(o.status for o in self.outcomes)
        return {status: tally.get(status, 0) for status in STATUSES}

    @property
    def changed(self) -> bool:
        counts = self.counts
        return bool(counts["new"] or counts["updated"])

    def summary(self) -> str:
        return ", ".join(f"{n} {status}" for status, n in self.counts.items())

    def to_json(self) -> dict:
        return {**self.counts, "files": [asdict(o) for o in self.outcomes]}

    def messages(self) -> list[str]:
        """The lines a person reads on standard error: each rejection and warning, each
        file skipped, and the items skipped inside a container counted by reason (a web
        archive holds hundreds of images and scripts; one line per reason says enough)."""
        lines: list[str] = []
        grouped: dict[str, Counter[str]] = {}
        for outcome in self.outcomes:
            if outcome.status == "skipped" and outcome.item:
                container = outcome.path.removesuffix("#" + outcome.item)
                if container not in grouped:
                    grouped[container] = Counter()
                    lines.append(container)  # placeholder, filled in below, in order of arrival
                grouped[container][outcome.reason] += 1
            elif outcome.status in ("rejected", "skipped"):
                lines.append(f"{outcome.status}: {outcome.path}: {outcome.reason}")
            lines.extend(f"warning: {outcome.path}: {warning}" for warning in outcome.warnings)
        return [_skipped_items(line, grouped[line]) if line in grouped else line for line in lines]


def tool_version() -> str:
    try:
        return metadata.version("testimony-archive")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """Expand folders (recursively, in a stable order) into article files.

    Inside a folder, hidden files and folders and files that are not articles (licence,
    README, checksum lists: see not_articles) are skipped, each with its reason, so the
    count says what was left out. A path named by the user is always tried. A NAME.json
    beside an article file is its sidecar, not an article. Paths that do not exist come
    back as rejections so the batch goes on.
    """
    files: list[Path] = []
    others: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            for folder, dirnames, filenames in os.walk(path):
                kept = []
                for name in sorted(dirnames):
                    if reason := why_not_looked_into(name):
                        others.append(Outcome(str(Path(folder) / name), "skipped", reason=reason))
                    else:
                        kept.append(name)
                dirnames[:] = kept
                for name in sorted(filenames):
                    if reason := why_not_an_article(name):
                        others.append(Outcome(str(Path(folder) / name), "skipped", reason=reason))
                    else:
                        files.append(Path(folder) / name)
        elif path.exists():
            files.append(path)
        else:
            others.append(Outcome(str(path), "rejected", reason="no such file or folder"))
    sidecars = {side for f in files if (side := find_sidecar(f)) is not None}
    articles = [f for f in files if f not in sidecars]
    return articles, others


def ingest_paths(
    paths: list[Path],
    store: Store,
    blobs: BlobStore,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch: Metadata | None = None,
    progress: Progress = silent,
    mapping: dict[str, str] | None = None,
) -> IngestReport:
    """Ingest every file under the given paths; a bad file never stops the batch.

    `batch` is metadata for files that do not say it themselves (archive/batch.py checks
    it); `progress` is told of each file as it is taken.
    """
    report = IngestReport()
    files, problems = collect_files(paths)
    report.outcomes.extend(problems)
    version = tool_version()
    for path in progress(files, len(files), "ingest"):
        try:
            report.outcomes.extend(
                ingest_container_or_file(
                    path, store, blobs, max_bytes=max_bytes, version=version, batch=batch, mapping=mapping
                )
            )
        except Rejected as exc:
            report.outcomes.append(Outcome(str(path), "rejected", reason=str(exc)))
    return report


def ingest_container_or_file(
    path: Path,
    store: Store,
    blobs: BlobStore,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    version: str = "",
    batch: Metadata | None = None,
    mapping: dict[str, str] | None = None,
) -> list[Outcome]:
    """One outcome for a file that is an article, one per item for a container."""
    raw = _read_limited(path, max_bytes)
    reader = readers.choose_reader(path.name, raw)
    if is_container(reader):
        return ingest_container(
            path, raw, reader, store, blobs, version=version, batch=batch, mapping=mapping
        )
    return [ingest_file(path, store, blobs, max_bytes=max_bytes, version=version, raw=raw, batch=batch)]


def ingest_file(
    path: Path,
    store: Store,
    blobs: BlobStore,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    version: str = "",
    raw: bytes | None = None,
    batch: Metadata | None = None,
) -> Outcome:
    """Ingest one file and its sidecar; raise Rejected with the reason if it cannot be."""
    if raw is None:
        raw = _read_limited(path, max_bytes)
    sidecar, side_raw, side_meta = _load_sidecar(path)
    reader, parsed = readers.parse(path.name, raw)
    record = build_record(parsed, parsed.embedded, side_meta, batch)
    meta_key = (side_meta.key if side_meta else "") or (parsed.embedded.key if parsed.embedded else "")
    key = identity_key(meta_key, record.url, path)

    try:
        raw_sha = blobs.put(raw)
        side_sha = blobs.put(side_raw) if side_raw else ""
    except OSError as exc:
        raise Rejected(f"could not be stored in {blobs.root}: {exc.strerror or exc}") from None
    provenance = Provenance(
        raw_sha256=raw_sha,
        raw_size=len(raw),
        original_name=path.name,
        ingested_at=_now(),
        parser=f"{reader.NAME}/{reader.VERSION}",
        tool_version=version or tool_version(),
        sidecar_sha256=side_sha,
        sidecar_name=sidecar.name if sidecar is not None else "",
    )
    try:
        status, target, number, notes = _record(store, key, record, provenance)
    except StoreError as exc:
        raise Rejected(str(exc)) from None
    return Outcome(str(path), status, target, number, warnings=parsed.warnings + notes)


def _load_sidecar(path: Path) -> tuple[Path | None, bytes, Metadata | None]:
    """The sidecar beside a file, its bytes and what it says; a bad one rejects the file."""
    sidecar = find_sidecar(path)
    if sidecar is None:
        return None, b"", None
    try:
        side_raw = _read_limited(sidecar, 1024 * 1024)
        return sidecar, side_raw, parse_sidecar_json(side_raw)
    except Rejected as exc:
        raise Rejected(f"{sidecar.name}: {exc}") from None


# A container's sidecar speaks for every item in it; these fields name one article only.
_ONE_ARTICLE_FIELDS = ("key", "url", "title")


def ingest_container(
    path: Path,
    raw: bytes,
    reader: ContainerReader,
    store: Store,
    blobs: BlobStore,
    *,
    version: str = "",
    batch: Metadata | None = None,
    mapping: dict[str, str] | None = None,
) -> list[Outcome]:
    """Ingest every article inside a container (a web archive, a feed), one outcome each.

    The container's bytes are the original, stored once; each article version records
    the container's SHA-256 plus the item's locator, digest and details. Items that are
    not articles are counted as skipped, items that cannot be read as rejected, and
    neither stops the rest. Identity: the item's canonical URL, else the container's
    folder and name with the item's locator.
    """
    sidecar, side_raw, side_meta = _load_sidecar(path)
    notes: tuple[str, ...] = ()
    if side_meta is not None:
        ignored = [name for name in _ONE_ARTICLE_FIELDS if getattr(side_meta, name)]
        if ignored:
            side_meta = replace(side_meta, **{name: "" for name in ignored})
            notes = (
                f"{sidecar.name}: {', '.join(ignored)} ignored: they name one article, and this file holds many",
            )
    parser = f"{reader.NAME}/{reader.VERSION}"
    stamp, version = _now(), version or tool_version()
    raw_sha = side_sha = ""
    outcomes: list[Outcome] = []
    for item in reader.read_items(raw, _read_options(path, mapping)):
        where = f"{path}#{item.locator}"
        if item.rejected or item.skipped or item.parsed is None:
            status = "rejected" if item.rejected or not item.skipped else "skipped"
            reason = item.rejected or item.skipped or "holds no article"
            outcomes.append(Outcome(where, status, reason=reason, item=item.locator))
            continue
        parsed = item.parsed
        declared = _with_given(parsed.embedded, item.given)
        record = build_record(parsed, declared, side_meta, batch)
        meta_key = declared.key if declared is not None else ""
        if meta_key or record.url:
            key = identity_key(meta_key, record.url, path)
        else:
            key = f"file:{path.parent.name}/{path.name}#{item.locator}"
        try:
            if not raw_sha:
                raw_sha = blobs.put(raw)
                side_sha = blobs.put(side_raw) if side_raw else ""
        except OSError as exc:
            raise Rejected(f"could not be stored in {blobs.root}: {exc.strerror or exc}") from None
        provenance = Provenance(
            raw_sha256=raw_sha,
            raw_size=len(raw),
            original_name=path.name,
            ingested_at=stamp,
            parser=parser,
            tool_version=version,
            sidecar_sha256=side_sha,
            sidecar_name=sidecar.name if sidecar is not None else "",
            item_locator=item.locator,
            item_digest=item.digest,
            item_details=item.details,
        )
        try:
            status, target, number, more = _record(store, key, record, provenance)
        except StoreError as exc:
            outcomes.append(Outcome(where, "rejected", reason=str(exc), item=item.locator))
            continue
        outcomes.append(
            Outcome(where, status, target, number, warnings=parsed.warnings + more, item=item.locator)
        )
    if not outcomes:
        raise Rejected(f"holds nothing to read (the {parser} reader found no records in it)")
    if notes:
        outcomes[0] = replace(outcomes[0], warnings=notes + outcomes[0].warnings)
    return outcomes


def _read_options(path: Path, given: dict[str, str] | None = None) -> ReadOptions:
    """What a container reader needs beyond the bytes: a records file's mapping, the one
    beside it first (it was written for that file), else the one given for the batch."""
    beside = mapping_beside(path)
    if beside is None and given is not None:
        return ReadOptions(mapping=given)
    if beside is None:
        return ReadOptions()
    try:
        return ReadOptions(mapping=load_mapping(_read_limited(beside, 1024 * 1024)))
    except Rejected as exc:
        raise Rejected(f"{beside.name}: {exc}") from None


def _with_given(embedded: Metadata | None, given: Metadata | None) -> Metadata | None:
    """The article's own declarations, with gaps filled by what its container says."""
    if given is None or embedded is None:
        return embedded or given
    filled = {
        name: getattr(embedded, name) or getattr(given, name)
        for name in ("key", "title", "source", "url", "date", "language", "authors", "tags")
    }
    restricted = Visibility.RESTRICTED.value in (embedded.visibility, given.visibility)
    return Metadata(**filled, visibility=Visibility.RESTRICTED.value if restricted else embedded.visibility)


def _skipped_items(container: str, reasons: Counter[str]) -> str:
    """One line for everything skipped inside a container, most common reason first."""
    total = sum(reasons.values())
    parts = "; ".join(f"{n} × {reason}" for reason, n in reasons.most_common())
    what = "item that is not an article" if total == 1 else "items that are not articles"
    return f"skipped: {container}: {total} {what}: {parts}"


def _record(
    store: Store, key: str, record: ArticleRecord, prov: Provenance
) -> tuple[str, str, int, tuple[str, ...]]:
    """Decide new / updated / unchanged and write the version, in one transaction.

    Unchanged: the article was already found in exactly this original (and item). A
    file is a living document, so only its current version counts (a file reverted to
    older bytes is a new version); an item inside a container is a fixed capture, so any
    version counts (two captures of one URL in a WARC must not take turns on re-ingest).
    The same text arriving in another original with no sidecar of its own (a saved page
    and a WARC capture of it) is another source of the current version, not a new one.
    """
    with store.transaction():
        existing = store.find_by_key(key)
        if existing is not None:
            target, number = existing["id"], existing["current_version"]
            if (existing["raw_sha256"], existing["sidecar_sha256"]) == (
                prov.raw_sha256,
                prov.sidecar_sha256,
            ) and not prov.item_locator:
                return "unchanged", target, number, ()
            if prov.item_locator and store.has_source(
                target, prov.raw_sha256, prov.sidecar_sha256, prov.item_locator
            ):
                return "unchanged", target, number, ()
            current = store.get(target)
            if current is not None and not prov.sidecar_sha256 and _same_text(current.record, record):
                store.add_source(target, number, prov)
                return (
                    "unchanged",
                    target,
                    number,
                    (f"same text as version {number}; recorded as another source of it",),
                )
            status = "updated"
        else:
            duplicate = store.find_by_source(prov.raw_sha256, prov.sidecar_sha256, prov.item_locator)
            if duplicate is not None:
                return "unchanged", duplicate, 0, (f"same bytes as article {duplicate}, already archived",)
            target, status = _free_id(store, key), "new"
        number = store.add_version(target, key, make_slug(record.title), record, prov)
    return status, target, number, ()


def _same_text(a: ArticleRecord, b: ArticleRecord) -> bool:
    """Whether two records tell the same article, word for word (metadata aside)."""
    return (a.title, a.standfirst, a.paragraphs) == (b.title, b.standfirst, b.paragraphs)


def build_record(
    parsed: ParsedText, embedded: Metadata | None, sidecar: Metadata | None, batch: Metadata | None = None
) -> ArticleRecord:
    """Merge what is said about an article, field by field, the most specific first.

    The sidecar (the archivist on this file) wins over what the file says of itself (front
    matter, a page's declarations, a byline), which wins over the batch's flags (the
    archivist on every file at once). A language nobody gave is detected from the text
    and marked as detected; a detection that is not sure leaves it empty.
    """
    layers = [m for m in (sidecar, embedded) if m is not None]
    fallback = batch or Metadata()

    def pick(name: str, default):
        for layer in layers:
            value = getattr(layer, name)
            if value:
                return value
        return default

    title = pick("title", parsed.title)
    authors = pick("authors", parsed.authors) or fallback.authors
    language = pick("language", fallback.language)
    detected = not language
    if detected:
        language = detect_language("\n".join((title, parsed.standfirst, *parsed.paragraphs)))
    restricted = any(layer.visibility == Visibility.RESTRICTED for layer in layers)
    return ArticleRecord(
        title=title,
        standfirst=parsed.standfirst,
        authors=authors,
        paragraphs=parsed.paragraphs,
        source=pick("source", fallback.source),
        url=pick("url", ""),
        date=pick("date", fallback.date),
        language=language,
        tags=pick("tags", fallback.tags),
        visibility=(Visibility.RESTRICTED if restricted else Visibility.PUBLIC).value,
        language_detected=detected and bool(language),
    )


def _read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Rejected(f"is {_mib(size)}, over the {_mib(max_bytes)} limit for one file")
        if size == 0:
            raise Rejected("is empty (0 bytes)")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise Rejected(f"cannot be read: {exc.strerror or exc}") from None


def _free_id(store: Store, key: str) -> str:
    length = 10
    candidate = article_id(key, length)
    while store.id_taken(candidate):
        length += 2
        candidate = article_id(key, length)
    return candidate


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
