"""Name variants: one spelling key for the ways reporters write the same name.

Bitter Winter writes "Kaster Musakhan", RFE/RL "Qaster Musakhanuly", Kazakh sources
"Қастер Мұсаханұлы"; Uyghur names appear in Arabic script ("ئىلھام توختى"), in ULY
("Ilham Toxti") and in press spelling ("Ilham Tohti"). Each name-like word gets a key:
its Latin transliteration (umsc for Uyghur Arabic script to ULY, anyascii for Cyrillic
and the rest) folded where romanizations disagree (q/k, gh/g, kh/x/h, zh/j, y/i, w/u,
doubled letters) and without a patronymic ending (-uly, -kyzy, -ovich, -ovna).

The search index (index/_variants.py) and the gazetteer of the enrichment
(archive/enrich/) share this one key, so a name the gazetteer knows in one spelling is
found, and searched, in all of them. The folds are chosen so that different names stay
different: Bilash is not Bilal, Akan is not Aman.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from umsc import UgMultiScriptConverter

_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Latin letters of Turkish and the Kazakh Latin alphabets, spelled as the press spells
# them before anyascii would drop their marks (ş -> s would lose the "sh").
_LATIN = str.maketrans(
    {"ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "ğ": "gh", "Ğ": "Gh", "ñ": "ng", "ŋ": "ng"}
)
_FOLDS = (
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),  # Nazarbayev = Nazarbaev
    (re.compile(r"kh|x"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"zh|dzh|dj"), "j"),
    (re.compile(r"q"), "k"),
    (re.compile(r"y"), "i"),
    (re.compile(r"w"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),
)
_PATRONYMIC = re.compile(r"(?:uli|ulu|kizi|ovich|evich|ovna|evna)$")
MIN_KEY = 3


@lru_cache(maxsize=1)
def _uyghur() -> UgMultiScriptConverter:
    return UgMultiScriptConverter("UAS", "ULS")


@lru_cache(maxsize=200_000)
def variant_key(word: str) -> str:
    """The spelling key of one word, or '' when it is too short to be a name."""
    if _ARABIC.search(word):
        word = _uyghur()(word)
    latin = anyascii(word.translate(_LATIN)).lower()
    for pattern, replacement in _FOLDS:
        latin = pattern.sub(replacement, latin)
    stem = _PATRONYMIC.sub("", latin)
    key = stem if len(stem) >= 4 else latin
    return key if len(key) >= MIN_KEY else ""


def name_like(word: str) -> bool:
    return word[:1].isupper() or bool(_ARABIC.search(word))
