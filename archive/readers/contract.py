"""The contract every format reader keeps, so a new format is one new module.

A reader is a module (or any object) with a name and version recorded in each version's
provenance, a `sniff` that says how sure it is that a file is its format, and a pure
`read` from raw bytes to a ParsedText. The registry asks every reader and the most
confident one wins, as paperless-ngx's parsers do with `score()`; ties go to the one
listed first.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from archive.records import ParsedText

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
