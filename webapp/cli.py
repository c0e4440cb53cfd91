"""The `archive` command: the one place that wires the archive, the index and the web
app together. Library errors become one-line messages and exit status 1; usage errors
exit 2 (click's convention)."""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

import click

import index
from archive.batch import BadBatchValue, batch_metadata
from archive.blobs import BlobStore
from archive.enriching import enrich_stale, load_gazetteer
from archive.errors import ArchiveError, NoArchive, Rejected
from archive.export import export_line, exported, write_bag
from archive.home import ENV_VAR, Home
from archive.ingest import tool_version
from archive.readers.tabular import load_mapping
from archive.store import Store
from archive.visibility import ARCHIVIST, PUBLIC
from webapp.progress import terminal_progress
from webapp.service import ingest_and_index
from webapp.settings import Settings

home_option = click.option(
    "--home",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=f"The data home (database, originals, index). Default: ${ENV_VAR}, else ./data.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _existing_home(value: Path | None) -> Home:
    home = Settings.load(home=value).data_home
    if not home.exists():
        raise NoArchive(home.root)
    return home


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class ArchiveGroup(click.Group):
    """Turns ArchiveError anywhere in a command into a clear message and exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            # Each file and each index batch commits on its own, so nothing is half-written.
            click.echo(
                "Interrupted. Everything finished before the interruption is kept; run the command again to go on.",
                err=True,
            )
            sys.exit(130)


@click.group(cls=ArchiveGroup)
@click.version_option(package_name="testimony-archive")
def main() -> None:
    """Collect articles and testimonies, keep their originals, and search them."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@home_option
@json_option
@click.option(
    "--max-size",
    "max_size_mb",
    type=float,
    default=None,
    help="Reject files larger than this many MiB (default 50, or $ARCHIVE_MAX_SIZE_MB).",
)
@click.option("--no-index", is_flag=True, help="Only archive; leave the search index as it is.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes reading files (default one per core, or $ARCHIVE_WORKERS; 1 reads in this process).",
)
@click.option("--source", default="", metavar="NAME", help="Source of files that do not name one.")
@click.option(
    "--language", default="", metavar="CODE", help="Language (BCP 47, e.g. kk) of files that do not say."
)
@click.option("--tag", "tags", multiple=True, metavar="T", help="Tag for files that have none; repeatable.")
@click.option("--date", "date_text", default="", metavar="D", help="Date (YYYY[-MM[-DD]]) of undated files.")
@click.option(
    "--author", "authors", multiple=True, metavar="A", help="Author of files that name none; repeatable."
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Mapping (YAML/JSON) of columns to fields for CSV/JSON/NDJSON records without one beside them.",
)
def ingest(
    paths: tuple[Path, ...],
    home: Path | None,
    as_json: bool,
    max_size_mb: float | None,
    no_index: bool,
    source: str,
    language: str,
    tags: tuple[str, ...],
    date_text: str,
    authors: tuple[str, ...],
    mapping: Path | None,
    workers: int | None,
) -> None:
    """Archive files or folders (recursively); skip what is not an article. Exit 1 if any file was rejected.

    --source, --language, --tag, --date and --author apply to every file that does not
    say it itself: a sidecar and the file's own metadata (front matter, a page's
    declarations, a byline) win. With no language from anyone, it is detected.
    """
    try:
        batch = batch_metadata(
            source=source, language=language, date_text=date_text, tags=tags, authors=authors
        )
    except BadBatchValue as exc:
        raise click.BadParameter(exc.problem, param_hint=f"'{exc.flag}'") from None
    settings = Settings.load(home=home, max_size_mb=max_size_mb, workers=workers)
    try:
        columns = load_mapping(mapping.read_bytes()) if mapping else None
    except Rejected as exc:
        raise click.BadParameter(str(exc), param_hint="'--mapping'") from None
    done = ingest_and_index(
        settings.data_home,
        list(paths),
        max_bytes=settings.max_bytes,
        update_index=not no_index,
        batch=batch,
        progress=terminal_progress(quiet=as_json),
        mapping=columns,
        workers=settings.workers,
    )
    report, index_note, index_failed = done.report, done.index_note, done.index_failed
    if as_json:
        _echo_json(done.to_json())
    else:
        for line in report.messages():
            click.echo(line, err=True)
        click.echo(report.summary())
        if index_note:
            click.echo(f"index: {index_note}", err=True)
    if report.counts["rejected"] or index_failed:
        sys.exit(1)


@main.command()
@home_option
@click.option("--full", is_flag=True, help="Rebuild from scratch into a new generation, then swap it in.")
@click.option(
    "--if-needed",
    is_flag=True,
    help="Rebuild only if the index was built with other fields or analysis settings; else update it.",
)
@click.option("--rollback", is_flag=True, help="Put the previous generation back in service, then update it.")
def reindex(home: Path | None, full: bool, if_needed: bool, rollback: bool) -> None:
    """Bring the search index up to date with the archive."""
    if full + if_needed + rollback > 1:
        raise click.UsageError("Choose one of --full, --if-needed and --rollback.")
    where = _existing_home(home)
    if rollback:
        click.echo(index.rollback(where.index))
    progress = terminal_progress()
    with Store.open(where.database) as store:
        reason = index.rebuild_needed(where.index) if if_needed else ""
        if reason:
            click.echo(f"rebuilding: {reason}", err=True)
        build = index.rebuild if full or reason else index.update
        report = build(store, where.index, progress)
    click.echo(report.summary())


@main.command()
@home_option
@click.option("--all", "everything", is_flag=True, help="Redo every article, not only those out of date.")
@click.option("--no-index", is_flag=True, help="Leave the search index as it is.")
def enrich(home: Path | None, everything: bool, no_index: bool) -> None:
    """Find quotes, speakers, people, places, organisations and dates again.

    Without --all, only articles never enriched or enriched by other code or another
    gazetteer (the files in HOME/gazetteer/) are redone. The index is then rebuilt.
    """
    where = _existing_home(home)
    gazetteer = load_gazetteer(where)
    for problem in gazetteer.problems:
        click.echo(f"gazetteer: {problem}", err=True)
    with Store.open(where.database) as store:
        report = enrich_stale(store, gazetteer, everything=everything, workers=Settings.load().workers)
        click.echo(report.summary())
        if report.articles and not no_index:
            click.echo(f"index: {index.rebuild(store, where.index).summary()}", err=True)


@main.command()
@click.argument("query", default="")
@home_option
@json_option
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Results per page.")
@click.option("--page", type=click.IntRange(1, index.MAX_PAGE), default=1, show_default=True)
@click.option("--sort", type=click.Choice(index.SORTS), default="relevance", show_default=True)
@click.option("--exact", is_flag=True, help="Find words only as typed, not other spellings of names.")
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="FACET=VALUE",
    help=f"Keep only results with this facet value ({', '.join(index.FACETS)}); repeatable.",
)
def search(
    query: str,
    home: Path | None,
    as_json: bool,
    limit: int,
    page: int,
    sort: str,
    exact: bool,
    filters: tuple[str, ...],
) -> None:
    """Search the archive (an empty query lists everything, newest first)."""
    where = _existing_home(home)
    chosen: dict[str, list[str]] = {}
    for item in filters:
        name, sep, value = item.partition("=")
        if not sep or name not in index.FACETS:
            raise click.BadParameter(
                f"{item!r}: use FACET=VALUE with FACET one of {', '.join(index.FACETS)}",
                param_hint="--filter",
            )
        chosen.setdefault(name, []).append(value)
    result = index.SearchIndex(where.index).search(
        query, filters=chosen, page=page, pagelen=limit, sort=sort, variants=not exact
    )
    if as_json:
        _echo_json(result.to_json())
        return
    click.echo(
        f"{result.total} result{'s' if result.total != 1 else ''}"
        + (" (partial: time limit hit)" if result.partial else "")
    )
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")
    for hit in result.hits:
        click.echo(f"\n{hit.id}  {hit.date or 'date unknown'}  {hit.source}  {hit.title}")
        click.echo(f"  {hit.url}")
        click.echo(f"  {_plain(str(hit.snippet_html))}")


@main.command()
@click.argument("article_id")
@home_option
@json_option
@click.option("--version", "version", type=click.IntRange(1), default=None, help="Show an older version.")
def show(article_id: str, home: Path | None, as_json: bool, version: int | None) -> None:
    """Show one article with its provenance."""
    where = _existing_home(home)
    with Store.open(where.database, readonly=True) as store:
        article = store.get(article_id, version)
    if article is None:
        raise click.ClickException(
            f"No article {article_id}{f' version {version}' if version else ''} in {where.root}."
        )
    if as_json:
        _echo_json({**article.to_json(), "visibility": article.record.visibility})
        return
    record, prov = article.record, article.provenance
    click.echo(record.title)
    if record.standfirst:
        click.echo(record.standfirst)
    click.echo(
        f"by {', '.join(record.authors) or 'unknown'} · {record.source or 'source unknown'} · {record.date or 'date unknown'}"
    )
    click.echo(
        f"id {article.id} · version {article.version} of {len(article.versions)} · {record.visibility} · {article.path}"
    )
    click.echo(
        f"original {prov.original_name} ({prov.raw_size} bytes) sha256 {prov.raw_sha256} · archived {prov.ingested_at}"
    )
    click.echo("")
    for paragraph in record.paragraphs:
        click.echo(paragraph + "\n")


@main.command()
@home_option
def verify(home: Path | None) -> None:
    """Re-hash every original the database refers to; exit 1 if any is missing or changed."""
    where = _existing_home(home)
    blobs = BlobStore(where.originals)
    checked, problems = 0, []
    with Store.open(where.database, readonly=True) as store:
        for digest, article_id, version, name in store.blob_references():
            checked += 1
            problem = blobs.check(digest)
            if problem:
                problems.append(f"{article_id} v{version} ({name}): {problem}")
    for problem in problems:
        click.echo(f"damaged: {problem}", err=True)
    click.echo(f"{checked} originals checked, {len(problems)} damaged")
    if problems:
        sys.exit(1)


@main.command()
@home_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "bagit"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (metadata), or a BagIt bag of the raw originals with their metadata.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="JSON Lines: write to this file (atomically) instead of standard output. BagIt: the new folder.",
)
@click.option(
    "--include-restricted", is_flag=True, help="Also export restricted articles (for a private backup)."
)
def export(home: Path | None, fmt: str, output: Path | None, include_restricted: bool) -> None:
    """Export current articles: JSON Lines, one article a line, or a BagIt bag with the originals."""
    where = _existing_home(home)
    viewer = ARCHIVIST if include_restricted else PUBLIC
    if fmt == "bagit":
        if output is None:
            raise click.UsageError("--format bagit writes a folder: name it with -o DIR.")
        details = {
            "External-Description": (
                "Testimony archive export: the raw originals of each current article, byte for byte, "
                "under data/originals/ID/vVERSION/, and their metadata and provenance as JSON Lines "
                "in data/articles.jsonl."
            ),
            "Internal-Sender-Identifier": str(where.root.resolve()),
            "Archive-Software": f"testimony-archive {tool_version()}",
            "Archive-Includes-Restricted": "yes" if include_restricted else "no",
        }
        with Store.open(where.database, readonly=True) as store:
            count = write_bag(
                store,
                BlobStore(where.originals),
                output,
                viewer,
                details=details,
                progress=terminal_progress(),
            )
        click.echo(f"{count} articles exported to the bag {output}", err=True)
        return
    if output is not None and output.is_dir():
        raise click.UsageError(
            f"{output} is a folder; JSON Lines go to a file (a folder is for --format bagit)."
        )
    count = 0
    progress = terminal_progress(quiet=output is None)
    with Store.open(where.database, readonly=True) as store, _output(output) as out:
        for article in exported(store, viewer, progress):
            out.write(json.dumps(export_line(article), ensure_ascii=False) + "\n")
            count += 1
    click.echo(f"{count} articles exported" + (f" to {output}" if output else ""), err=True)


@contextmanager
def _output(path: Path | None):
    """Standard output, or a temp file renamed into place only when complete."""
    if path is None:
        yield sys.stdout
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            yield handle
        tmp.replace(path)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


@main.command()
@home_option
@click.option(
    "--host", default=None, help="Address to listen on (default 127.0.0.1, or $ARCHIVE_SERVE_HOST)."
)
@click.option("--port", type=int, default=None, help="Port (default 5000, or $PORT).")
@click.option(
    "--workers", type=int, default=None, help="Worker processes (default one per core, or $ARCHIVE_WORKERS)."
)
@click.option(
    "--threads", type=int, default=None, help="Threads per worker (default 4, or $ARCHIVE_THREADS)."
)
def serve(
    home: Path | None, host: str | None, port: int | None, workers: int | None, threads: int | None
) -> None:
    """Serve the web app (read-only) with gunicorn, one worker process per core."""
    from webapp import create_app
    from webapp.server import run

    settings = Settings.load(home=home, host=host, port=port, workers=workers, threads=threads)
    where = settings.data_home
    if not where.exists():
        raise NoArchive(where.root)
    Store.open(where.database).close()  # brings an archive of an older schema forward
    status = create_app(settings).extensions["archive"].index.status()
    if not status.ready:
        click.echo(f"warning: {status.message}", err=True)
    click.echo(
        f"Serving {where.root} at http://{settings.host}:{settings.port}/ with {settings.workers} workers (Ctrl+C to stop)"
    )
    sys.stdout.flush()
    run(
        lambda: create_app(settings),
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        threads=settings.threads,
    )


def _plain(html: str) -> str:
    """Snippet HTML for a terminal: matches in *stars*, entities decoded."""
    from html import unescape

    text = html.replace("<mark>", "*").replace("</mark>", "*")
    return unescape(re.sub(r"<[^>]+>", "", text)).replace("\n", " ")
