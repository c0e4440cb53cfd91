"""Format readers: one module per format, each turning raw bytes into a ParsedText.

Containers (feeds, tables of records) hold many articles: their readers have
`read_items` instead of `read` (contract.ContainerReader) and yield one Item each.

A reader is chosen by sniffing the content (and, only as a hint, the file name), so a
mis-named file is still read correctly or rejected with a reason. Adding a format means
adding a module that keeps the contract in `contract.py` (NAME, VERSION, sniff() giving
a confidence, read(), or read_items() for a container of many articles) and listing it
in READERS.
"""

from __future__ import annotations

from archive.errors import Rejected
from archive.readers import feed, html, markdown, plaintext, tabular, webarchive
from archive.readers.contract import NO, ContainerReader, Reader, is_container
from archive.readers.filekind import describe
from archive.records import ParsedText

READERS: tuple[Reader | ContainerReader, ...] = (
    plaintext,
    markdown,
    feed,  # before html: a feed is XML that also holds HTML
    html,
    webarchive,
    tabular,
)
READS = (
    "this version reads plain-text, Markdown and saved HTML articles (.txt, .md, .html, .html.gz), "
    "web archives (.warc, .warc.gz, .arc.gz, .wacz), feeds (RSS, Atom, JSON Feed) and records "
    "(CSV, JSON, NDJSON, with a mapping)"
)

__all__ = ["READERS", "choose_reader", "describe", "parse"]


def choose_reader(name: str, raw: bytes) -> Reader | ContainerReader:
    """Pick the most confident reader for a file, or reject it saying what it looks like."""
    best, best_score = None, NO
    for reader in READERS:
        score = reader.sniff(name, raw)
        if score > best_score:
            best, best_score = reader, score
    if best is not None:
        return best
    raise Rejected(f"looks like {describe(name, raw)}; {READS}")


def parse(name: str, raw: bytes) -> tuple[Reader, ParsedText]:
    """Read raw bytes that hold one article with the reader that fits them."""
    reader = choose_reader(name, raw)
    if is_container(reader):
        raise Rejected(f"is a {reader.NAME} container of many items; ingest reads it item by item")
    return reader, reader.read(raw)
