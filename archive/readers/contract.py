"""The contract every format reader keeps, so a new format is one new module.

A reader is a module (or any object) with a name and version recorded in each version's
provenance, a `sniff` that says how sure it is that a file is its format, and a pure
`read` from raw bytes to a ParsedText. The registry asks every reader and the most
confident one wins, as paperless-ngx's parsers do with `score()`; ties go to the one
listed first.

A container reader (a web archive, a feed, a table of records) keeps NAME, VERSION and
`sniff`, but instead of `read` it has `read_items`, which yields one Item per thing found
inside: an article, or something skipped (an image in a WARC) or refused (a truncated
record), each named by a locator so messages and provenance can point at it. Ingestion
turns each article item into an article version exactly as it does a single file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from archive.records import Metadata, ParsedText

# How sure a sniff is. A reader answers NO when the bytes are not its format at all;
# CERTAIN when a signature proves it (a WARC header, a doctype); LIKELY when the content
# fits and the name agrees; POSSIBLE when only the content fits.
NO = 0.0
POSSIBLE = 0.3
LIKELY = 0.6
CERTAIN = 1.0


@runtime_checkable
class Reader(Protocol):
    NAME: str
    VERSION: str

    def sniff(self, name: str, raw: bytes) -> float:
        """How sure (0 to 1) this reader is that the file is its format; 0 means not at all."""
        ...

    def read(self, raw: bytes) -> ParsedText:
        """The article in the file; raise Rejected with a reason a person can act on."""
        ...


@dataclass(frozen=True)
class Item:
    """One thing found inside a container: an article, or a record skipped or refused."""

    # Names it inside the container, for messages and provenance:
    # "record 12 <urn:uuid:…> http://…", "item 3 <guid>", "row 17".
    locator: str
    parsed: ParsedText | None = None  # the article, when it is one
    # What the container says about it (url, date, title, authors, tags, language): it
    # fills gaps the article's own declarations leave; a sidecar still wins.
    given: Metadata | None = None
    # sha256 hex of this item's own bytes (a WARC record's payload, a row's canonical JSON).
    digest: str = ""
    # Provenance, kept with the version: ("warc_target_uri", …), ("warc_date", …), …
    details: tuple[tuple[str, str], ...] = ()
    skipped: str = ""  # not an article (image, redirect, robots.txt, DNS, CSS…): counted
    rejected: str = ""  # could not be read: the reason, naming the record


@dataclass(frozen=True)
class ReadOptions:
    """What the archivist tells a container reader beyond the bytes."""

    mapping: Mapping[str, str] | None = None  # structured records: field -> column/key


@runtime_checkable
class ContainerReader(Protocol):
    NAME: str
    VERSION: str

    def sniff(self, name: str, raw: bytes) -> float:
        """How sure (0 to 1) this reader is that the file is its format; 0 means not at all."""
        ...

    def read_items(self, raw: bytes, options: ReadOptions) -> Iterator[Item]:
        """Everything inside the container, in order; a bad item never stops the rest.

        Raise Rejected only when the container as a whole cannot be opened.
        """
        ...


def is_container(reader: object) -> bool:
    """Whether a reader yields many items (read_items) rather than one article (read)."""
    return callable(getattr(reader, "read_items", None))
