"""Words of a text and their spelling keys: the one tokenizer the gazetteer and the name
patterns share, so an alias and a mention of it are cut and folded the same way."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from archive.variants import variant_key

# Letters, with apostrophes inside (O'Brien); a hyphen separates words, so "Nur-Sultan"
# and "Nur Sultan" are the same two words.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# What may stand between two words of one name: spaces, a hyphen, a slash (RFE/RL), the
# Chinese middle dot; a full stop only after an initial ("George W. Bush", "U.S.").
_GAP = re.compile(r"[ \u00a0]+|[ \u00a0]?[-‐‑/·][ \u00a0]?")
_INITIAL_GAP = re.compile(r"\.[ \u00a0]?")


class Token(NamedTuple):
    start: int
    end: int
    word: str
    key: str


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The matching key of one word: its spelling key, or the word itself when too short.

    Short all-capital words are acronyms and keep their case (UN is not "un", US not "us")."""
    if 2 <= len(word) <= 4 and word.isupper():
        return "^" + word
    return variant_key(word) or "=" + word.casefold()


def tokenize(text: str) -> list[Token]:
    """The words of a text with their offsets; runs of Chinese characters are one token."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word[-2:] in ("'s", "’s") and len(word) > 2:  # a possessive: "Emet’s sister"
            word = word[:-2]
        out.append(Token(match.start(), match.start() + len(word), word, fold(word)))
    return out


def capitalized(word: str) -> bool:
    """Starts with a capital, or is written in a script without capitals (Arabic, Chinese)."""
    first = word[:1]
    return first.isupper() or first.lower() == first.upper()


def cased(word: str) -> bool:
    """Written in a script with capitals (Latin, Cyrillic), where capitals mark names."""
    first = word[:1]
    return first.lower() != first.upper()


def joined(text: str, left: Token, right: Token) -> bool:
    """Whether two neighbouring words may belong to one name (nothing but a space, a hyphen…)."""
    gap = text[left.end : right.start]
    if _GAP.fullmatch(gap):
        return True
    return len(left.word) == 1 and bool(_INITIAL_GAP.fullmatch(gap))


def keys_of(text: str) -> tuple[str, ...]:
    """The key sequence of a name written on its own (an alias, a canonical name)."""
    return tuple(token.key for token in tokenize(text))
