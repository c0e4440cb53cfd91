"""Ingestion: files in, versioned articles out, one clear line for every file refused.

Each file is handled on its own: its raw bytes are written to the blob store first
(atomically), then its record is added in one database transaction. A crash between the
two leaves at most an unreferenced blob, never a record without its original.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
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
from archive.parallel_read import processes_for, read_in_order
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
    processes: int = 1  # how many processes read the files (the writer is always one)

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


@dataclass(frozen=True)
class IngestOptions:
    """What reading a file needs beyond its path, the same for every file of a batch.

    It is handed to each worker process as it is (picklable), so anything the archivist
    says for the whole batch reaches the reader there exactly as in a serial run.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    batch: Metadata | None = None  # metadata for files that do not say it themselves
    mapping: Mapping[str, str] | None = None  # columns of records files without their own


@dataclass(frozen=True)
class ReadArticle:
    """One article read out of a file and normalized, ready for the store."""

    record: ArticleRecord
    key: str
    warnings: tuple[str, ...] = ()
    locator: str = ""  # inside a container: the item's locator, digest and details
    digest: str = ""
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReadFile:
    """Everything read out of one file before anything is written (the pure, CPU-heavy part).

    `entries` are, in order, the articles to store and the items already decided
    (skipped or rejected inside a container). Workers build these; only the process that
    owns the store turns them into blobs and rows, so ids and outcomes do not depend on
    how many processes read.
    """

    path: Path
    raw: bytes
    parser: str
    container: bool
    entries: tuple[ReadArticle | Outcome, ...]
    sidecar_name: str = ""
    sidecar_raw: bytes = b""
    notes: tuple[str, ...] = ()  # about the whole file, told with its first outcome


def ingest_paths(
    paths: list[Path],
    store: Store,
    blobs: BlobStore,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch: Metadata | None = None,
    progress: Progress = silent,
    mapping: dict[str, str] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Ingest every file under the given paths; a bad file never stops the batch.

    `batch` is metadata for files that do not say it themselves (archive/batch.py checks
    it); `progress` is told of each file as it is taken. With `workers` above 1 and a
    batch of more than a few dozen files, worker processes read and parse the files
    (archive/parallel_read.py) while this process writes them, in the same order.
    """
    report = IngestReport()
    files, problems = collect_files(paths)
    report.outcomes.extend(problems)
    version = tool_version()
    options = IngestOptions(max_bytes=max_bytes, batch=batch, mapping=mapping)
    report.processes = processes_for(len(files), workers)
    reads = read_in_order(read_or_reason, files, options, workers=report.processes)
    for path, (got, note) in progress(zip(files, reads, strict=True), len(files), "ingest"):
        if isinstance(got, str):
            outcomes = [Outcome(str(path), "rejected", reason=got)]
        else:
            try:
                outcomes = store_file(got, store, blobs, version)
            except Rejected as exc:
                outcomes = [Outcome(str(path), "rejected", reason=str(exc))]
        if note:
            outcomes[0] = replace(outcomes[0], warnings=(note, *outcomes[0].warnings))
        report.outcomes.extend(outcomes)
    return report


def read_or_reason(path: Path, options: IngestOptions) -> ReadFile | str:
    """read_file, with a rejection as its reason: what a worker process sends back."""
    try:
        return read_file(path, options)
    except Rejected as exc:
        return str(exc)


def read_file(path: Path, options: IngestOptions) -> ReadFile:
    """Read, sniff, parse and normalize one file and its sidecar; no store is touched.

    Raises Rejected with the reason when the file as a whole cannot be read.
    """
    raw = _read_limited(path, options.max_bytes)
    reader = readers.choose_reader(path.name, raw)
    sidecar, side_raw, side_meta = _load_sidecar(path)
    side = {"sidecar_name": sidecar.name if sidecar is not None else "", "sidecar_raw": side_raw}
    parser = f"{reader.NAME}/{reader.VERSION}"
    if is_container(reader):
        entries, notes = _read_container(path, raw, reader, side_meta, sidecar, options)
        return ReadFile(path, raw, parser, True, entries, notes=notes, **side)
    _, parsed = readers.parse(path.name, raw)
    record = build_record(parsed, parsed.embedded, side_meta, options.batch)
    meta_key = (side_meta.key if side_meta else "") or (parsed.embedded.key if parsed.embedded else "")
    key = identity_key(meta_key, record.url, path)
    return ReadFile(path, raw, parser, False, (ReadArticle(record, key, parsed.warnings),), **side)


def store_file(read: ReadFile, store: Store, blobs: BlobStore, version: str = "") -> list[Outcome]:
    """Write what was read: the original (once) and each article in its own transaction.

    A single file is one outcome; a container one per item. Raise Rejected when the
    original cannot be stored.
    """
    stamp, version = _now(), version or tool_version()
    raw_sha = side_sha = ""
    outcomes: list[Outcome] = []
    for entry in read.entries:
        if isinstance(entry, Outcome):
            outcomes.append(entry)
            continue
        where = f"{read.path}#{entry.locator}" if read.container else str(read.path)
        try:
            if not raw_sha:
                raw_sha = blobs.put(read.raw)
                side_sha = blobs.put(read.sidecar_raw) if read.sidecar_raw else ""
        except OSError as exc:
            raise Rejected(f"could not be stored in {blobs.root}: {exc.strerror or exc}") from None
        provenance = Provenance(
            raw_sha256=raw_sha,
            raw_size=len(read.raw),
            original_name=read.path.name,
            ingested_at=stamp,
            parser=read.parser,
            tool_version=version,
            sidecar_sha256=side_sha,
            sidecar_name=read.sidecar_name,
            item_locator=entry.locator,
            item_digest=entry.digest,
            item_details=entry.details,
        )
        try:
            status, target, number, more = _record(store, entry.key, entry.record, provenance)
        except StoreError as exc:
            if not read.container:
                raise Rejected(str(exc)) from None
            outcomes.append(Outcome(where, "rejected", reason=str(exc), item=entry.locator))
            continue
        outcomes.append(
            Outcome(where, status, target, number, warnings=entry.warnings + more, item=entry.locator)
        )
    if read.notes:
        outcomes[0] = replace(outcomes[0], warnings=read.notes + outcomes[0].warnings)
    return outcomes


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


def _read_container(
    path: Path,
    raw: bytes,
    reader: ContainerReader,
    side_meta: Metadata | None,
    sidecar: Path | None,
    options: IngestOptions,
) -> tuple[tuple[ReadArticle | Outcome, ...], tuple[str, ...]]:
    """Every article inside a container (a web archive, a feed), and every item decided.

    The container's bytes are the original, stored once; each article version records
    the container's SHA-256 plus the item's locator, digest and details. Items that are
    not articles are counted as skipped, items that cannot be read as rejected, and
    neither stops the rest. Identity: the item's canonical URL, else the container's
    folder and name with the item's locator.
    """
    notes: tuple[str, ...] = ()
    if side_meta is not None and sidecar is not None:
        ignored = [name for name in _ONE_ARTICLE_FIELDS if getattr(side_meta, name)]
        if ignored:
            side_meta = replace(side_meta, **{name: "" for name in ignored})
            notes = (
                f"{sidecar.name}: {', '.join(ignored)} ignored: they name one article, and this file holds many",
            )
    entries: list[ReadArticle | Outcome] = []
    for item in reader.read_items(raw, _read_options(path, options.mapping)):
        if item.rejected or item.skipped or item.parsed is None:
            status = "rejected" if item.rejected or not item.skipped else "skipped"
            reason = item.rejected or item.skipped or "holds no article"
            entries.append(Outcome(f"{path}#{item.locator}", status, reason=reason, item=item.locator))
            continue
        parsed = item.parsed
        declared = _with_given(parsed.embedded, item.given)
        record = build_record(parsed, declared, side_meta, options.batch)
        meta_key = declared.key if declared is not None else ""
        if meta_key or record.url:
            key = identity_key(meta_key, record.url, path)
        else:
            key = f"file:{path.parent.name}/{path.name}#{item.locator}"
        entries.append(ReadArticle(record, key, parsed.warnings, item.locator, item.digest, item.details))
    if not entries:
        parser = f"{reader.NAME}/{reader.VERSION}"
        raise Rejected(f"holds nothing to read (the {parser} reader found no records in it)")
    return tuple(entries), notes


def _read_options(path: Path, given: Mapping[str, str] | None = None) -> ReadOptions:
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
