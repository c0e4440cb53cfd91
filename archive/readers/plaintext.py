"""Plain-text articles in the seed's shape.

    Title line
    Optional standfirst line (only recognised when a byline follows it)
    Optional "by NAME" line
    Paragraphs: one a line, or blank-line separated blocks

YAML front matter between '---' lines at the top is taken as metadata.
"""

from __future__ import annotations

import json
import re

from archive.decode import decode_bytes
from archive.errors import Rejected
from archive.normalize import collapse_spaces, normalize_text, parse_byline, split_blocks
from archive.readers.contract import LIKELY, NO
from archive.records import ParsedText
from archive.sidecar import split_front_matter

NAME = "plaintext"
VERSION = "1"

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", "")
_MARKUP_START = re.compile(rb"^\s*(<!doctype|<html|<\?xml|<rss|<feed|%PDF|WARC/)", re.IGNORECASE)


def sniff(name: str, raw: bytes) -> float:
    """Plain text is whatever has a text-like name and does not open like markup or data."""
    suffix = "." + name.rsplit(".", 1)[1].lower() if "." in name else ""
    if suffix not in _TEXT_SUFFIXES:
        return NO
    if _MARKUP_START.match(raw[:64]):
        return NO
    return NO if _is_json(raw) else LIKELY


def _is_json(raw: bytes) -> bool:
    """A text that opens with [ or { is JSON only if it parses: "[Translated] ..." is prose."""
    if raw.lstrip()[:1] not in (b"[", b"{"):
        return False
    try:
        json.loads(raw)
    except ValueError:
        return False
    return True


def read(raw: bytes) -> ParsedText:
    """Parse the article's structure; pure apart from decoding."""
    text, warnings = decode_bytes(raw)
    text = normalize_text(text)
    embedded, text = split_front_matter(text)
    return parse_text(text, warnings=tuple(warnings), embedded=embedded)


def parse_text(text: str, warnings: tuple[str, ...] = (), embedded=None) -> ParsedText:
    """Split normalized text into title, standfirst, byline and paragraphs."""
    lines = [line for line in text.split("\n")]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        raise Rejected("has no text (the file is empty or only white space)")
    title_at = nonblank[0]
    # A Markdown heading marker is layout, not part of the title.
    title = collapse_spaces(_HEADING.sub("", lines[title_at])) or collapse_spaces(lines[title_at])
    standfirst = ""
    authors: list[str] = []
    body_from = title_at + 1
    following = nonblank[1:3]
    if following:
        first = lines[following[0]]
        names = parse_byline(first)
        if names is not None:
            authors, body_from = names, following[0] + 1
        elif len(following) == 2 and (names := parse_byline(lines[following[1]])) is not None:
            standfirst = collapse_spaces(first)
            authors, body_from = names, following[1] + 1
    paragraphs = tuple(split_blocks("\n".join(lines[body_from:])))
    if len(title) > 500:
        raise Rejected(f"the first line is {len(title)} characters long; a title line is expected first")
    return ParsedText(
        title=title,
        standfirst=standfirst,
        authors=tuple(authors),
        paragraphs=paragraphs,
        warnings=warnings,
        embedded=embedded,
    )
