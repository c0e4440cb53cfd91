"""Pairing quotation marks into quoted stretches, before anyone asks what they mean.

Published extractors break on real text in the same few ways (textacy's and CoreNLP's
issue trackers): a stray or unpaired mark swallows the rest of the article; a quote over
several paragraphs (an opening mark on each, a closing one only on the last) is lost; the
apostrophe in don’t or Uyghurs’ is taken for a closing single quote; a ‘…’ inside “…” is
counted twice. So marks are read by their shape (what stands on either side), a quote
never runs past its paragraph unless the next paragraph opens with the same kind of mark,
and an inner quote is part of the outer one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Opening mark -> the marks that may close it.
OPEN_CLOSE = {
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201c\u201d",  # „ “ (German, Russian, Kazakh) and „ ”
    "\u00ab": "\u00bb",  # « »
    "\u2039": "\u203a",  # ‹ ›
    '"': '"',
    "\u2018": "\u2019",  # ‘ ’
    "\u201a": "\u2018\u2019",  # ‚ ‘
    "'": "'",
}
# Marks that open a quote at the outer level; a straight ' opens only inside another quote
# (rock 'n' roll, 'twas), and ‘ opens an outer quote only with the shape of an opening mark.
OUTER_OPENERS = '\u201c\u201e\u00ab\u2039"\u2018\u201a'
DOUBLE_FAMILY = '\u201c\u201e\u00ab\u2039"'
SINGLE_CLOSERS = "\u2019'\u2018"
_MARK = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\"\u2018\u2019\u201a']")
_WORD = re.compile(r"\w")
_SENTENCE_END = ".!?\u2026"
# A mark of this shape is only ever an opening one, even where a straight mark stands.
_BEFORE_OPENING = "([{\u2014\u2013-/:;,"


@dataclass
class Span:
    """A quoted stretch: `parts` are the (start, end) of the words inside the marks, one
    per paragraph it runs over (or per piece when an attribution interrupts it)."""

    parts: list[tuple[int, int]]
    open_at: int  # offset of the opening mark
    close_at: int  # offset just after the closing mark (the text end when unclosed)
    paragraph: int  # 1-based, where it opens
    closed: bool = False
    closers: str = field(default='"', repr=False)
    opens_sentence: bool = field(default=True, repr=False)  # no stray mark mid-sentence
    pending: bool = field(default=False, repr=False)  # `X said: "` ends its paragraph

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _shape(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at i has the shape of an opening and of a closing mark."""
    left = text[i - 1] if i else " "
    right = text[i + 1] if i + 1 < len(text) else " "
    after_space = left.isspace() or left in _BEFORE_OPENING or left in '\u201c\u201e\u00ab"\u2018'
    opening = after_space and (not right.isspace() or i + 1 == len(text))
    closing = not left.isspace() and (right.isspace() or not _WORD.match(right))
    return opening, closing


def _sentence_ended(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return before[-1:] in _SENTENCE_END or before[-2:-1] in _SENTENCE_END and before[-1:] in "\"\u201d\u2019'"


def _last_sentence_end(text: str, start: int, stop: int) -> int:
    """Just after the last sentence-ending stop in text[start:stop], or -1."""
    ends = [m.end() for m in re.finditer(r"[.!?\u2026](?=\s)", text[start:stop])]
    return start + ends[-1] if ends else -1


def _opens_sentence(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return (
        not before
        or before[-1] in _SENTENCE_END + ":\u2014\u2013-\u3002\uff01\uff1f\uff1a"
        or _sentence_ended(text, i)
    )


def pair_marks(paragraphs: Sequence[str]) -> list[Span]:
    """The quoted stretches of an article body, in text order.

    An unclosed quote carries into the next paragraph only when that paragraph opens
    with a mark of the same family; else it ends at its paragraph's end, and is kept
    only when it opened a sentence (speech whose closing mark was lost), never when it
    opened mid-sentence (a stray mark)."""
    found: list[Span] = []
    base = 0
    current: Span | None = None
    for number, text in enumerate(paragraphs, start=1):
        i0 = 0
        if current is not None:
            lead = len(text) - len(text.lstrip())
            first = text[lead : lead + 1]
            continued = bool(first) and first in DOUBLE_FAMILY and current.closers not in SINGLE_CLOSERS
            if current.pending or continued:
                i0 = lead + 1 if continued else lead
                if current.pending:
                    current.parts, current.pending = [(base + i0, base + i0)], False
                else:
                    current.parts.append((base + i0, base + i0))
            else:
                _unclosed(current, found)
                current = None
        current = _scan(text, base, number, i0, current, found)
        if current is not None:
            s, _ = current.parts[-1]
            end = base + len(text.rstrip())
            if s >= end and len(current.parts) == 1:
                current.pending = True
            else:
                current.parts[-1] = (s, max(s, end))
                current.close_at = max(s, end)
        base += len(text) + 2
    if current is not None:
        _unclosed(current, found)
    found.sort(key=lambda s: s.open_at)
    body = "\n\n".join(paragraphs)
    for span in found:
        span.parts = [_trim(body, a, b) for a, b in span.parts]
        span.parts = [(a, b) for a, b in span.parts if b > a] or span.parts[:1]
    return [s for s in found if s.end > s.start]


def _trim(body: str, a: int, b: int) -> tuple[int, int]:
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    return a, b


def _unclosed(span: Span, found: list[Span]) -> None:
    """A quote whose closing mark never came, at its last paragraph's end."""
    if span.pending or span.closers in SINGLE_CLOSERS:
        return  # a mark at a paragraph's end with nothing after it; a lone ‘ is an apostrophe
    if len(span.parts) > 1 or span.opens_sentence:
        found.append(span)


def _open(text: str, base: int, number: int, i: int) -> Span:
    at = base + i + 1
    return Span(
        [(at, at)], base + i, at, number, closers=OPEN_CLOSE[text[i]], opens_sentence=_opens_sentence(text, i)
    )


def _scan(text: str, base: int, number: int, i0: int, current: Span | None, found: list[Span]) -> Span | None:
    nested: list[str] = []
    for m in _MARK.finditer(text, i0):
        i = m.start()
        ch = text[i]
        opening, closing = _shape(text, i)
        if current is None:
            if ch in OUTER_OPENERS and (opening or (ch in "\u201c\u201e\u00ab\u2039" and not closing)):
                if ch == "\u2018" and not opening:
                    continue
                current = _open(text, base, number, i)
                nested = []
            continue
        if nested:
            if ch in nested[-1] and (closing or not opening):
                if ch in SINGLE_CLOSERS and _WORD.match(text[i + 1 : i + 2] or " "):
                    continue  # don’t: an apostrophe inside the inner quote
                nested.pop()
                continue
            if ch in current.closers and closing and not opening and ch not in SINGLE_CLOSERS:
                nested.clear()  # the inner quote's closing mark was lost: the outer one closes
            elif ch in OPEN_CLOSE and opening and ch not in current.closers:
                nested.append(OPEN_CLOSE[ch])
                continue
            else:
                continue
        if ch in current.closers:
            if ch in SINGLE_CLOSERS and _WORD.match(text[i + 1 : i + 2] or " "):
                continue  # don’t, Uyghurs’s: an apostrophe
            if ch in "\u201c\u2018" and current.closers in ("\u201c\u201d", "\u2018\u2019") and opening:
                nested.append(OPEN_CLOSE[ch])  # „A “B” C“: an inner quote, not the close
                continue
            if ch == '"' and opening and not closing:
                if _sentence_ended(text, i):
                    # `…today. "But it is…`: the next paragraph of the same quote, its break lost.
                    s, _ = current.parts[-1]
                    current.parts[-1] = (s, base + len(text[:i].rstrip()))
                    current.parts.append((base + i + 1, base + i + 1))
                else:
                    s, _ = current.parts[-1]
                    stop = _last_sentence_end(text, s - base, i)
                    if stop < 0:
                        nested.append('"')
                        continue
                    # `…for the country. In reference to it, X said: "Michael…`: the first
                    # quote lost its closing mark; it ends with its last sentence.
                    current.parts[-1] = (s, base + stop)
                    current.close_at = base + stop
                    found.append(current)
                    current = _open(text, base, number, i)
                continue
            s, _ = current.parts[-1]
            current.parts[-1] = (s, base + i)
            current.close_at, current.closed = base + i + 1, True
            found.append(current)
            current = None
            continue
        if ch in OPEN_CLOSE and opening:
            if current.closers in SINGLE_CLOSERS and ch in DOUBLE_FAMILY:
                # A double mark inside a single-quoted stretch: the single mark was an apostrophe.
                current = _open(text, base, number, i)
                continue
            if ch not in "\u2018'" or _WORD.match(text[i + 1 : i + 2] or " "):
                nested.append(OPEN_CLOSE[ch])
    return current
