"""Format readers: one module per format, each turning raw bytes into a ParsedText.

A reader is chosen by sniffing the content (and, only as a hint, the file name), so a
mis-named file is still read correctly or rejected with a reason. Adding a format means
adding a module that keeps the contract in `contract.py` (NAME, VERSION, sniff() giving
a confidence, read()) and listing it in READERS.
"""

from __future__ import annotations

import re

from archive.errors import Rejected
from archive.readers import html, markdown, plaintext
from archive.readers.contract import NO, Reader
from archive.records import ParsedText

READERS: tuple[Reader, ...] = (
    plaintext,
    markdown,
    html,
)

_HTML_START = (b"<!doctype html", b"<html", b"<?xml", b"<rss", b"<feed")
_WARC_START = (b"WARC/", b"\x1f\x8b", b"PK\x03\x04")
_HTML_TAG = re.compile(rb"<(html|head|body|div|p|meta|title)[\s>]")


def choose_reader(name: str, raw: bytes) -> Reader:
    """Pick the most confident reader for a file, or reject it saying what it looks like."""
    best, best_score = None, NO
    for reader in READERS:
        score = reader.sniff(name, raw)
        if score > best_score:
            best, best_score = reader, score
    if best is not None:
        return best
    raise Rejected(f"{describe(name, raw)}; this version reads plain-text, Markdown and HTML articles")


def describe(name: str, raw: bytes) -> str:
    """What a file looks like, for a rejection message a person can act on."""
    head = raw[:2048].lstrip().lower()
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(_HTML_START) or _HTML_TAG.search(head) or suffix in ("html", "htm", "xhtml"):
        return "looks like an HTML or XML document"
    if raw.startswith(_WARC_START) or suffix in ("warc", "arc", "gz", "wacz", "zip"):
        return "looks like a web archive or compressed file"
    if head.startswith((b"{", b"[")) or suffix == "json":
        return "looks like a JSON document"
    if raw.startswith(b"%PDF"):
        return "looks like a PDF"
    if suffix == "csv":
        return "looks like a CSV table"
    return (
        f"is not a kind of file this version reads ('.{suffix}' files)"
        if suffix
        else "is not a kind of file this version reads"
    )


def parse(name: str, raw: bytes) -> tuple[Reader, ParsedText]:
    """Read raw bytes with the reader that fits them."""
    reader = choose_reader(name, raw)
    return reader, reader.read(raw)
