"""Pure text normalization: the same input always gives the same evidence text.

Wording, punctuation and typographic quotes are kept exactly; only the encoding form
(NFC), line endings, invisible control characters and runs of white space change, so a
quotation copied from the archive matches the original as a reader sees it.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 control characters other than tab and newline never carry meaning in an
# article and break XML/JSON consumers downstream.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Return text in NFC with Unix line endings and no stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Controls go first: a BOM behind a stray NUL must still be seen as leading, or a
    # second pass would change the text again.
    text = _CONTROL.sub("", text).lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def collapse_spaces(line: str) -> str:
    """Fold every run of white space (tabs, no-break spaces, newlines) into one space."""
    return _SPACES.sub(" ", line).strip()


def split_blocks(text: str) -> list[str]:
    """Split normalized text into paragraphs.

    Text with blank lines is read as blank-line separated blocks (hard-wrapped lines
    inside a block are joined); text without any blank line has one paragraph a line,
    as in the seed article.
    """
    lines = text.split("\n")
    if any(not line.strip() for line in lines[1:-1]):
        blocks = re.split(r"\n\s*\n", text)
    else:
        blocks = lines
    return [p for p in (collapse_spaces(b) for b in blocks) if p]


_BYLINE = re.compile(r"^\s*by\s+(?P<names>\S.*)$", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)


def parse_byline(line: str) -> list[str] | None:
    """Return the author names of a "by NAME and NAME" line, or None if it is not one."""
    match = _BYLINE.match(line)
    if not match:
        return None
    names = [collapse_spaces(n) for n in _NAME_SEPARATORS.split(match.group("names"))]
    names = [n for n in names if n]
    # A byline is short; a long "By the time we arrived ..." sentence is a paragraph.
    if not names or any(len(n.split()) > 5 for n in names):
        return None
    return names
