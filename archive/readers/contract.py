"""The contract every format reader keeps, so a new format is one new module.

A reader is a module (or any object) with a name and version recorded in each version's
provenance, a `sniff` that says how sure it is that a file is its format, and a pure
`read` from raw bytes to a ParsedText. The registry asks every reader and the most
confident one wins, as paperless-ngx's parsers do with `score()`; ties go to the one
listed first.

A container (a web archive, a feed, a table of records) holds many articles, so its
reader has `read_items` instead of `read`: it yields one Item per thing inside, each
named by a locator, so one bad record is reported and the rest still get in.
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

    locator: (
        str  # names it inside the container: "record 12 <urn:uuid:…> http://…", "item 3 <guid>", "row 17"
    )
    parsed: ParsedText | None = None  # the article, when it is one
    given: Metadata | None = None  # what the container says about it; fills gaps, a sidecar still wins
    digest: str = (
        ""  # sha256 hex of this item's own bytes (WARC payload / the item's or row's canonical JSON)
    )
    details: tuple[tuple[str, str], ...] = ()  # provenance: ("feed_guid", …), ("row", "17"), …
    skipped: str = ""  # not an article (image, redirect, robots, dns, css…): counted
    rejected: str = ""  # could not be read: the reason, naming the record


@dataclass(frozen=True)
class ReadOptions:
    mapping: Mapping[str, str] | None = None  # structured records: field -> column/key


@runtime_checkable
class ContainerReader(Protocol):
    """A reader of a file that holds many articles: a web archive, a feed, a table of records."""

    NAME: str
    VERSION: str

    def sniff(self, name: str, raw: bytes) -> float:
        """How sure (0 to 1) this reader is that the file is its format; 0 means not at all."""
        ...

    def read_items(self, raw: bytes, options: ReadOptions) -> Iterator[Item]:
        """Every item in the container; raise Rejected when the file as a whole cannot be read."""
        ...
