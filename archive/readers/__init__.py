"""Format readers: one module per format, each turning raw bytes into a ParsedText.

A reader is chosen by sniffing the content (and, only as a hint, the file name), so a
mis-named file is still read correctly or rejected with a reason. Adding a format means
adding a module with NAME, VERSION, sniff() and read(), and listing it in READERS.
"""

from __future__ import annotations

from types import ModuleType

from archive.errors import Rejected
from archive.readers import plaintext
from archive.records import ParsedText

READERS: tuple[ModuleType, ...] = (plaintext,)

_HTML_START = (b"<!doctype html", b"<html", b"<?xml", b"<rss", b"<feed")
_WARC_START = (b"WARC/", b"\x1f\x8b")


def choose_reader(name: str, raw: bytes) -> ModuleType:
    """Pick the reader for a file, or reject it saying what it looks like."""
    for reader in READERS:
        if reader.sniff(name, raw):
            return reader
    head = raw[:512].lstrip().lower()
    if head.startswith(_HTML_START):
        kind = "an HTML or XML document"
    elif raw.startswith(_WARC_START):
        kind = "a web archive or compressed file"
    elif head.startswith((b"{", b"[")):
        kind = "a JSON document"
    elif raw.startswith(b"%PDF"):
        kind = "a PDF"
    else:
        kind = "in a format this version cannot read"
    raise Rejected(f"looks like {kind}; this version reads plain-text articles only")


def parse(name: str, raw: bytes) -> tuple[ModuleType, ParsedText]:
    """Read raw bytes with the reader that fits them."""
    reader = choose_reader(name, raw)
    return reader, reader.read(raw)
